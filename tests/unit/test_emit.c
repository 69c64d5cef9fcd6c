/* test_emit.c — catalogue JSON escaping and order, graph selection, and
 * impact analysis. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "emit.h"
#include "fixture.h"

typedef struct Run {
    Compiler *c;
    Model *m;
    GraphOptions g;
} Run;

static bool run_json(void *ctx, FILE *f)
{
    Run *r = ctx;
    return emit_json(r->c, r->m, f);
}

static bool run_graph(void *ctx, FILE *f)
{
    Run *r = ctx;
    char err[256];
    return emit_service_graph(r->c, r->m, &r->g, f, err, sizeof err);
}

static void test_json_escapes_every_string(void **state)
{
    (void)state;
    Compiler c;
    Model *m = fixture_compile(&c, FIXTURE_CATALOGUE
        "team ops \"Quote \\\" backslash \\\\ tab \\t nl \\n ctl \\u{1F} é 😀\" {\n"
        "  email \"ops@example.org\"\n}\n");
    assert_non_null(m);
    Run r = {&c, m, {0}};
    char *out = capture(run_json, &r);
    assert_non_null(strstr(out, "\"name\":\"Quote \\\" backslash \\\\ tab \\t nl \\n ctl \\u001F é 😀\""));
    free(out);
    compiler_free(&c);
}

static void test_json_sorted_by_id(void **state)
{
    (void)state;
    Compiler c;
    Model *m = fixture_compile(&c, FIXTURE_CATALOGUE
        "team zeta {}\nteam alpha {}\nteam mid {}\nperson b { team zeta }\nperson a { team alpha }\n"
        "resource r { owner mid }\n");
    assert_non_null(m);
    Run r = {&c, m, {0}};
    char *out = capture(run_json, &r);
    char *a = strstr(out, "\"id\":\"alpha\""), *mid = strstr(out, "\"id\":\"mid\""),
         *z = strstr(out, "\"id\":\"zeta\"");
    assert_true(a && mid && z && a < mid && mid < z);
    assert_true(strstr(out, "\"id\":\"a\"") < strstr(out, "\"id\":\"b\""));
    free(out);
    compiler_free(&c);
}

static const char *CHAIN =
    FIXTURE_CATALOGUE "team ops {}\nconsumer staff { size 10 }\nconsumer guests { size 5 }\n"
    "service top \"Top\" {\n" FIXTURE_SERVICE_BODY "  depends_on mid\n}\n"
    "service mid \"Mid\" {\n" FIXTURE_SERVICE_BODY "  depends_on low\n}\n"
    "service low \"Low\" {\n" FIXTURE_SERVICE_BODY "}\n"
    "service side \"Side\" {\n" FIXTURE_SERVICE_BODY "  depends_on low { strength soft }\n}\n"
    "service other \"Other\" {\n" FIXTURE_SERVICE_BODY "}\n"
    "offering o_top { services top\n consumers staff\n action a { performed_by ops\n trigger request } }\n"
    "offering o_side { services side\n consumers guests\n action a { performed_by ops\n trigger request } }\n"
    "offering o_other { services other\n consumers staff\n action a { performed_by ops\n trigger request } }\n";

static char *graph_of(Compiler *c, Model *m, const char *focus, int depth, Direction dir)
{
    Run r = {c, m, {0}};
    r.g.format = "mermaid";
    r.g.focus = focus ? fixture_find(m, DECL_SERVICE, focus) : NULL;
    r.g.depth = depth;
    r.g.direction = dir;
    return capture(run_graph, &r);
}

static void test_focus_depth_and_direction(void **state)
{
    (void)state;
    Compiler c;
    Model *m = fixture_compile(&c, CHAIN);
    assert_non_null(m);
    char *g = graph_of(&c, m, "mid", 1, DIR_DOWN);
    assert_non_null(strstr(g, "s_mid("));
    assert_non_null(strstr(g, "s_low("));
    assert_null(strstr(g, "s_top("));
    free(g);
    g = graph_of(&c, m, "low", 1, DIR_UP);
    assert_non_null(strstr(g, "s_mid("));
    assert_non_null(strstr(g, "s_side("));
    assert_null(strstr(g, "s_top(")); /* two hops away */
    free(g);
    g = graph_of(&c, m, "low", -1, DIR_UP);
    assert_non_null(strstr(g, "s_top("));
    assert_null(strstr(g, "s_other("));
    assert_non_null(strstr(g, "s_side -.-> s_low")); /* soft edge dashed */
    free(g);
    g = graph_of(&c, m, NULL, 1, DIR_BOTH);
    assert_non_null(strstr(g, "s_other("));
    free(g);
    /* Both ways: mid's dependencies and its dependents, each up to two
     * hops, but not 'side', which only shares a dependency (low) with mid. */
    g = graph_of(&c, m, "mid", 2, DIR_BOTH);
    assert_non_null(strstr(g, "s_top("));
    assert_non_null(strstr(g, "s_low("));
    assert_null(strstr(g, "s_side("));
    free(g);
    compiler_free(&c);
}

static void test_impact_hard_and_soft(void **state)
{
    (void)state;
    Compiler c;
    Model *m = fixture_compile(&c, CHAIN);
    assert_non_null(m);
    Impact *im = impact_of(&c, m, fixture_find(m, DECL_SERVICE, "low"));
    assert_int_equal(im->nservices, 3); /* mid, side, top — in id order */
    assert_string_equal(im->services[0]->id, "mid");
    assert_true(im->hard[0]);
    assert_string_equal(im->services[1]->id, "side");
    assert_false(im->hard[1]);
    assert_string_equal(im->services[2]->id, "top");
    assert_true(im->hard[2]);
    assert_int_equal(im->distance[2], 2);
    assert_string_equal(im->via[2]->id, "mid");
    assert_int_equal(im->nofferings, 2); /* o_side, o_top; not o_other */
    assert_string_equal(im->offerings[0]->id, "o_side");
    assert_int_equal(im->nconsumers, 2);
    compiler_free(&c);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_json_escapes_every_string),
        T(test_json_sorted_by_id),
        T(test_focus_depth_and_direction),
        T(test_impact_hard_and_soft),
    };
    return cmocka_run_group_tests_name("emit", tests, NULL, NULL);
}
