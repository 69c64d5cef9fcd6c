/* test_api.c — libsvcc through its public header only (svcc.h), but for
 * fault injection (api.h): a root in memory, diagnostics (kept or only
 * counted, printed in large writes), the model, outputs into memory, two
 * compilations side by side, and out of memory at every allocation of a
 * compilation and of printing its diagnostics (leaks: check-valgrind,
 * check-asan). */
#define _GNU_SOURCE /* fopencookie: a stream that counts its writes */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "api.h"

#define CATALOGUE "catalogue acme \"Acme\" {\n  version \"1\"\n  provider \"Acme IT\"\n}\n"
#define IHIP "  intangibility high\n  heterogeneity low\n  inseparability low\n  perishability low\n"

static const char good[] =
    CATALOGUE
    "team ops \"Operations\" {}\n"
    "/// Mail for everyone.\n"
    "service mail \"Mail\" {\n  type business\n  status pipeline\n  owner ops\n" IHIP
    "  depends_on dns { strength soft }\n  availability 99.9%\n"
    "  links docs \"https://wiki.example/mail\"\n}\n"
    "service dns \"DNS\" {\n  type technical\n  status pipeline\n  owner ops\n" IHIP "}\n";

static svcc *compiled(const char *text, svcc_status want)
{
    svcc *c = svcc_new();
    assert_non_null(c);
    assert_int_equal(svcc_set_stdlib_dir(c, "stdlib"), SVCC_OK);
    assert_int_equal(svcc_compile_buffer(c, "mem.svc", text, strlen(text), NULL), want);
    return c;
}

static void test_buffer_with_errors(void **state)
{
    (void)state;
    svcc *c = compiled(CATALOGUE "team ops {}\nperson ann { team opz }\n", SVCC_EINPUT);
    assert_int_equal(svcc_error_count(c), 1);
    assert_string_equal(svcc_last_error(c), "the catalogue has 1 error");
    assert_int_equal(svcc_warning_count(c), 2); /* ops and ann unreferenced */
    assert_int_equal(svcc_diagnostic_count(c), 3);
    const svcc_diagnostic *d = svcc_diagnostic_at(c, 2); /* sorted by position */
    assert_int_equal(svcc_diagnostic_severity(d), SVCC_ERROR);
    assert_string_equal(svcc_diagnostic_code(d), "E0301");
    assert_string_equal(svcc_diagnostic_message(d), "unknown team 'opz'");
    svcc_location at;
    assert_true(svcc_diagnostic_location(c, d, &at));
    assert_string_equal(at.file, "mem.svc");
    assert_int_equal(at.line, 6);
    assert_int_equal(at.column, 19);
    assert_int_equal(at.end_column, 22);
    assert_int_equal(svcc_diagnostic_note_count(d), 1);
    assert_int_equal(svcc_diagnostic_note_kind(d, 0), SVCC_HELP);
    assert_non_null(strstr(svcc_diagnostic_note_message(d, 0), "did you mean 'ops'?"));
    assert_null(svcc_diagnostic_at(c, 3));
    /* what was checked, for an editor: the entities, the reference that
     * resolves (not the one that does not); no outputs; a handle compiles once */
    assert_int_equal(svcc_entity_count(c, SVCC_TEAM), 1);
    const svcc_entity *ann = svcc_entity_find(c, "ann");
    assert_non_null(ann);
    assert_int_equal(svcc_node_count(svcc_entity_fields(ann), "team"), 0);
    assert_int_equal(svcc_write_json(c, stdout), SVCC_EUSAGE);
    assert_string_equal(svcc_last_error(c), "the catalogue has errors: there is no model to write");
    assert_int_equal(svcc_compile_buffer(c, "again.svc", "", 0, NULL), SVCC_EUSAGE);
    char *text;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(svcc_print_diagnostics(c, f, SVCC_FORMAT_TEXT, SVCC_PRINT_QUIET), SVCC_OK);
    fclose(f);
    assert_non_null(strstr(text, "mem.svc:6:19: error: unknown team 'opz' [E0301]"));
    assert_null(strstr(text, "warning")); /* quiet */
    free(text);
    svcc_free(c);
}

static void test_model_walk(void **state)
{
    (void)state;
    svcc *c = compiled(good, SVCC_OK);
    assert_int_equal(svcc_entity_count(c, SVCC_SERVICE), 2);
    const svcc_entity *dns = svcc_entity_at(c, SVCC_SERVICE, 0); /* sorted by id */
    const svcc_entity *mail = svcc_entity_find(c, "mail");
    assert_string_equal(svcc_entity_id(dns), "dns");
    assert_int_equal(svcc_entity_kind(mail), SVCC_SERVICE);
    assert_string_equal(svcc_entity_name(mail), "Mail");
    assert_string_equal(svcc_entity_description(mail), "Mail for everyone.");
    assert_null(svcc_entity_module(mail));
    svcc_location at;
    svcc_entity_location(c, mail, &at);
    assert_int_equal(at.line, 7);
    assert_int_equal(at.column, 1);
    const svcc_node *n = svcc_entity_fields(mail);
    svcc_value owner = svcc_node_get(n, "owner", 0);
    assert_true(svcc_value_exists(owner));
    assert_int_equal(svcc_value_type_of(owner), SVCC_REFERENCE);
    assert_ptr_equal(svcc_value_entity(owner), svcc_entity_find(c, "ops"));
    assert_string_equal(svcc_value_text(owner), "ops");
    svcc_value docs = svcc_node_get(n, "links", 0);
    assert_int_equal(svcc_value_type_of(docs), SVCC_LINK);
    assert_string_equal(svcc_value_label(docs), "docs");
    assert_string_equal(svcc_value_text(docs), "https://wiki.example/mail");
    assert_null(svcc_value_label(owner)); /* a reference has none */
    assert_int_equal(svcc_node_count(n, "depends_on"), 1);
    svcc_value dep = svcc_node_get(n, "depends_on", 0);
    assert_ptr_equal(svcc_value_entity(dep), dns);
    svcc_value strength = svcc_node_get(svcc_value_block(dep), "strength", 0);
    assert_int_equal(svcc_value_type_of(strength), SVCC_WORD);
    assert_string_equal(svcc_value_text(strength), "soft");
    svcc_value avail = svcc_node_get(n, "availability", 0);
    assert_int_equal(svcc_value_type_of(avail), SVCC_PERCENT);
    assert_true(svcc_value_number(avail) > 99.89 && svcc_value_number(avail) < 99.91);
    assert_false(svcc_value_exists(svcc_node_get(n, "no_such_field", 0)));
    assert_false(svcc_value_exists(svcc_node_get(n, "tags", 0)));
    assert_int_equal(svcc_dependent_count(dns), 1);
    assert_ptr_equal(svcc_dependent_at(dns, 0), mail);
    /* every field of the table, by index */
    size_t fields = svcc_node_field_count(n), with_values = 0;
    for (size_t i = 0; i < fields; i++)
        with_values += svcc_node_value_count(n, i) > 0;
    assert_true(fields > 10 && with_values == 10); /* 9 and links */
    assert_string_equal(svcc_kind_name(SVCC_OFFERING), "offering");
    svcc_free(c);
}

static void test_outputs_into_memory(void **state)
{
    (void)state;
    svcc *c = compiled(good, SVCC_OK);
    char *json;
    size_t len;
    assert_int_equal(svcc_json_buffer(c, &json, &len), SVCC_OK);
    assert_int_equal(strlen(json), len);
    assert_non_null(strstr(json, "{\"format\":\"svcc.catalogue\""));
    svcc_buffer_free(json);
    svcc_graph_options o;
    svcc_graph_options_init(&o);
    o.format = "mermaid";
    char *graph;
    assert_int_equal(svcc_graph_buffer(c, &o, &graph, &len), SVCC_OK);
    assert_non_null(strstr(graph, "flowchart"));
    svcc_buffer_free(graph);
    o.focus = "nope";
    assert_int_equal(svcc_graph_buffer(c, &o, &graph, &len), SVCC_EUSAGE);
    assert_null(graph);
    assert_string_equal(svcc_last_error(c), "no service 'nope' in the catalogue");
    /* Since 0.9: title, view, rankdir and aspect are checked. */
    svcc_graph_options_init(&o);
    o.format = "dot";
    o.title = "Our services";
    o.rankdir = "LR";
    assert_int_equal(svcc_graph_buffer(c, &o, &graph, &len), SVCC_OK);
    assert_non_null(strstr(graph, "label=\"Our services\""));
    assert_non_null(strstr(graph, "rankdir=LR"));
    assert_non_null(strstr(graph, "svcc legend")); /* a legend by default */
    svcc_buffer_free(graph);
    o.view = "nope";
    assert_int_equal(svcc_graph_buffer(c, &o, &graph, &len), SVCC_EUSAGE);
    assert_string_equal(svcc_last_error(c), "no view 'nope' in the catalogue");
    o.view = NULL;
    o.rankdir = "sideways";
    assert_int_equal(svcc_graph_buffer(c, &o, &graph, &len), SVCC_EUSAGE);
    o.rankdir = NULL;
    o.aspect = 1000;
    assert_int_equal(svcc_graph_buffer(c, &o, &graph, &len), SVCC_EUSAGE);
    o.aspect = NAN;
    assert_int_equal(svcc_graph_buffer(c, &o, &graph, &len), SVCC_EUSAGE);
    char *impact;
    assert_int_equal(svcc_impact_buffer(c, "dns", true, &impact, &len), SVCC_OK);
    assert_non_null(strstr(impact, "\"mail\""));
    svcc_buffer_free(impact);
    svcc_free(c);
}

/* Two handles at once: what one holds is not the other's. */
static void test_two_compilations(void **state)
{
    (void)state;
    svcc *a = svcc_new(), *b = svcc_new();
    assert_int_equal(svcc_set_warning(b, "error"), SVCC_OK);
    assert_int_equal(svcc_set_warning(a, "nonsense"), SVCC_EUSAGE);
    const char *one = CATALOGUE "team one {}\n", *two = CATALOGUE "team two {}\nteam three {}\n";
    assert_int_equal(svcc_compile_buffer(a, "a.svc", one, strlen(one), NULL), SVCC_OK);
    assert_int_equal(svcc_compile_buffer(b, "b.svc", two, strlen(two), NULL), SVCC_EINPUT);
    assert_int_equal(svcc_warning_count(a), 1); /* 'one' unreferenced */
    assert_int_equal(svcc_error_count(b), 2);   /* -Werror */
    assert_int_equal(svcc_entity_count(a, SVCC_TEAM), 1);
    assert_null(svcc_entity_find(a, "two"));
    svcc_location at;
    assert_true(svcc_diagnostic_location(b, svcc_diagnostic_at(b, 0), &at));
    assert_string_equal(at.file, "b.svc");
    svcc_free(a);
    assert_int_equal(svcc_entity_count(b, SVCC_TEAM), 2); /* errors: what was checked */
    assert_null(svcc_entity_find(b, "one"));
    svcc_free(b);
}

/* Out of memory at every allocation of a compilation and its JSON: a
 * clean SVCC_ENOMEM, nothing more to do but free, and nothing leaks. */
static void test_out_of_memory_everywhere(void **state)
{
    (void)state;
    long n;
    for (n = 1;; n++) {
        svcc *c = svcc_new();
        assert_non_null(c);
        api_fail_alloc(c, n);
        svcc_status st = svcc_compile_buffer(c, "mem.svc", good, strlen(good), NULL);
        char *json = NULL;
        size_t len;
        if (st == SVCC_OK)
            st = svcc_json_buffer(c, &json, &len);
        if (st == SVCC_ENOMEM) {
            assert_string_equal(svcc_last_error(c), "out of memory");
            assert_int_equal(svcc_write_json(c, stdout), SVCC_EUSAGE);
            assert_int_equal(svcc_entity_count(c, SVCC_SERVICE), 0);
            svcc_free(c);
            continue;
        }
        if (st != SVCC_OK)
            fail_msg("allocation %ld: status %d, %s", n, st, svcc_last_error(c));
        svcc_buffer_free(json);
        svcc_free(c);
        break;
    }
    assert_true(n > 50); /* the run got past many allocations */
}

static void test_file_root(void **state)
{
    (void)state;
    svcc *c = svcc_new();
    assert_int_equal(svcc_compile_file(c, "/nonexistent/root.svc"), SVCC_EUSAGE);
    assert_non_null(strstr(svcc_last_error(c), "/nonexistent/root.svc"));
    assert_int_equal(svcc_diagnostic_count(c), 1);
    assert_string_equal(svcc_diagnostic_code(svcc_diagnostic_at(c, 0)), "E0901");
    svcc_free(c);
    c = svcc_new();
    assert_int_equal(svcc_set_stdlib_dir(c, "stdlib"), SVCC_OK);
    assert_int_equal(svcc_compile_file(c, "examples/northwind/catalogue.svc"), SVCC_OK);
    assert_non_null(svcc_entity_find(c, "itil4.incident_management"));
    /* a template has no fields of its own: they are checked as those of
     * what uses it (found by fuzz_emit) */
    assert_true(svcc_entity_count(c, SVCC_TEMPLATE) > 0);
    const svcc_node *t = svcc_entity_fields(svcc_entity_at(c, SVCC_TEMPLATE, 0));
    assert_int_equal(svcc_node_field_count(t), 0);
    assert_false(svcc_value_exists(svcc_node_get(t, "owner", 0)));
    assert_string_equal(svcc_version(), SVCC_VERSION_STRING);
    svcc_free(c);
}

/* An editor's unsaved text in place of files on disk: an import's and the
 * root's, matched by real path. */
static void test_overlay(void **state)
{
    (void)state;
    char dir[] = "/tmp/svcc-overlay-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char root[64], lib[64], link[64];
    snprintf(root, sizeof root, "%s/root.svc", dir);
    snprintf(lib, sizeof lib, "%s/lib.svc", dir);
    snprintf(link, sizeof link, "%s/./lib.svc", dir);
    FILE *f = fopen(root, "w");
    fputs(CATALOGUE "import \"./lib.svc\"\nperson ann { team ops }\n", f);
    fclose(f);
    f = fopen(lib, "w");
    fputs("team opz {}\n", f); /* on disk: the wrong name */
    fclose(f);
    svcc *c = svcc_new();
    assert_int_equal(svcc_compile_file(c, root), SVCC_EINPUT); /* E0301: ops */
    svcc_free(c);
    c = svcc_new();
    const char fixed[] = "team ops {}\n";
    assert_int_equal(svcc_set_overlay(c, link, "team zz {}\n", 11), SVCC_OK);
    assert_int_equal(svcc_set_overlay(c, lib, fixed, strlen(fixed)), SVCC_OK); /* the same file: replaced */
    assert_int_equal(svcc_compile_file(c, root), SVCC_OK);
    assert_non_null(svcc_entity_find(c, "ops"));
    assert_null(svcc_entity_find(c, "zz"));
    assert_int_equal(svcc_set_overlay(c, lib, fixed, strlen(fixed)), SVCC_EUSAGE); /* after compiling */
    svcc_free(c);
    /* The root's text too; a path that is not there is refused. */
    c = svcc_new();
    const char text[] = CATALOGUE "team solo {}\n";
    assert_int_equal(svcc_set_overlay(c, root, text, strlen(text)), SVCC_OK);
    assert_int_equal(svcc_set_overlay(c, "/nonexistent/x.svc", "", 0), SVCC_EUSAGE);
    assert_non_null(strstr(svcc_last_error(c), "/nonexistent/x.svc"));
    assert_int_equal(svcc_set_overlay(c, NULL, "", 0), SVCC_EUSAGE);
    assert_int_equal(svcc_compile_file(c, root), SVCC_OK);
    assert_non_null(svcc_entity_find(c, "solo"));
    assert_null(svcc_entity_find(c, "ann"));
    svcc_free(c);
    remove(root);
    remove(lib);
    remove(dir);
}

/* svcc fmt on text in memory. */
static void test_fmt_buffer(void **state)
{
    (void)state;
    char *out;
    size_t len;
    const char messy[] = "team   ops\t\"Ops\" {\nemail \"o@example.org\"   }\n";
    assert_int_equal(svcc_fmt_buffer(messy, strlen(messy), &out, &len), SVCC_OK);
    assert_string_equal(out, "team ops \"Ops\" {\n  email \"o@example.org\"\n}\n");
    assert_int_equal(len, strlen(out));
    svcc_buffer_free(out);
    assert_int_equal(svcc_fmt_buffer("team {", 6, &out, &len), SVCC_EINPUT);
    assert_null(out);
    assert_int_equal(svcc_fmt_buffer(NULL, 0, &out, &len), SVCC_OK); /* empty text */
    assert_int_equal(len, 0);
    svcc_buffer_free(out);
    assert_int_equal(svcc_fmt_buffer(NULL, 3, &out, &len), SVCC_EUSAGE);
    assert_int_equal(svcc_fmt_buffer("x", 1, NULL, &len), SVCC_EUSAGE);
}

/* Every bad argument and call out of order: a status and a message, no
 * crash, the handle still usable where it was. */
/* A library: no catalogue needed, each declaration and reference
 * checked, nothing to write. */
static void test_library(void **state)
{
    (void)state;
    static const char lib[] = "team ops \"Operations\" {\n  lead ada\n}\nperson ada \"Ada\" {\n  team ops\n}\n";
    svcc *c = svcc_new();
    assert_int_equal(svcc_set_library(c, true), SVCC_OK);
    assert_int_equal(svcc_compile_buffer(c, "lib.svc", lib, strlen(lib), NULL), SVCC_OK);
    assert_int_equal(svcc_error_count(c), 0);
    assert_int_equal(svcc_entity_count(c, SVCC_TEAM), 1);
    assert_int_equal(svcc_write_json(c, stdout), SVCC_EUSAGE);
    svcc_free(c);
    c = svcc_new(); /* the same file, as a catalogue: it has none */
    assert_int_equal(svcc_compile_buffer(c, "lib.svc", lib, strlen(lib), NULL), SVCC_EINPUT);
    svcc_free(c);
}

/* A calendar's periods, and business time counted in one. */
static void test_calendars(void **state)
{
    (void)state;
    static const char text[] = CATALOGUE "team ops \"Operations\" {}\n"
        "calendar desk { zone \"Europe/London\"; hours mon-fri 08:30-12:00, 13:00-17:00 }\n"
        "service mail \"Mail\" {\n  type technical\n  status pipeline\n  owner ops\n" IHIP "}\n"
        "offering o {\n  services mail\n  consumers staff\n  status pipeline\n"
        "  level support_hours desk\n"
        "  action fix {\n    performed_by ops\n    trigger incident\n    response 4 business hours\n  }\n"
        "  request {\n    lead_time 2 business days in desk\n  }\n}\n"
        "consumer staff {}\n";
    svcc *c = compiled(text, SVCC_OK);
    const svcc_entity *desk = svcc_entity_find(c, "desk");
    assert_int_equal(svcc_entity_kind(desk), SVCC_CALENDAR);
    svcc_value p = svcc_node_get(svcc_entity_fields(desk), "hours", 1);
    assert_int_equal(svcc_value_type_of(p), SVCC_HOURS);
    assert_string_equal(svcc_value_text(p), "13:00-17:00");
    assert_true(svcc_value_number(p) == 5 * 240); /* minutes a week */
    svcc_value fix = svcc_node_get(svcc_entity_fields(svcc_entity_find(c, "o")), "action", 0);
    svcc_value r = svcc_node_get(svcc_value_block(fix), "response", 0);
    assert_int_equal(svcc_value_type_of(r), SVCC_DURATION);
    assert_string_equal(svcc_value_text(r), "4 business hours");
    assert_string_equal(svcc_value_unit(r), "business hours");
    assert_true(svcc_value_number(r) == 4);
    assert_null(svcc_value_entity(r)); /* no 'in': the offering's support hours */
    const svcc_node *o = svcc_entity_fields(svcc_entity_find(c, "o"));
    svcc_value lead = svcc_node_get(svcc_value_block(svcc_node_get(o, "request", 0)), "lead_time", 0);
    assert_string_equal(svcc_value_text(lead), "2 business days in desk");
    assert_ptr_equal(svcc_value_entity(lead), desk);
    svcc_free(c);
}

/* The assessment report through the API: formats, the --fail-on count,
 * a name that is no framework. */
static void test_report(void **state)
{
    (void)state;
    static const char text[] = CATALOGUE "team ops \"Operations\" {}\n"
        "framework house \"House rules\" {}\n"
        "requirement a \"A\" { framework house; level shall }\n"
        "requirement b \"B\" { framework house; level shall }\n"
        "practice p \"P\" {\n  owner ops\n  manager ops\n"
        "  satisfies a { status met; evidence \"records\" }\n  satisfies b { status partial }\n}\n";
    svcc *c = compiled(text, SVCC_OK);
    char *out;
    size_t len;
    svcc_report_options o = {"house", "json", "gap", NULL, NULL, 99};
    FILE *f = open_memstream(&out, &len);
    assert_int_equal(svcc_write_report(c, f, &o), SVCC_OK);
    fclose(f);
    assert_int_equal(o.failing, 0); /* met and partial: no gap */
    assert_non_null(strstr(out, "\"status\":\"partial\""));
    assert_non_null(strstr(out, "\"trend\":null"));
    free(out);
    /* Against a baseline where b was met: b is lost. */
    svcc *old = compiled(CATALOGUE "team ops \"Operations\" {}\n"
                         "framework house \"House rules\" {}\n"
                         "requirement a \"A\" { framework house; level shall }\n"
                         "requirement b \"B\" { framework house; level shall }\n"
                         "practice p \"P\" {\n  owner ops\n  manager ops\n"
                         "  satisfies a { status met; evidence \"records\" }\n"
                         "  satisfies b { status met; evidence \"logs\" }\n}\n", SVCC_OK);
    o = (svcc_report_options){"house", "markdown", "partial", old, "v1", 0};
    f = open_memstream(&out, &len);
    assert_int_equal(svcc_write_report(c, f, &o), SVCC_OK);
    fclose(f);
    assert_int_equal(o.failing, 1); /* b */
    assert_non_null(strstr(out, "# Assessment against House rules"));
    assert_non_null(strstr(out, "## Since v1"));
    assert_non_null(strstr(out, "- lost: b B (met → partial)"));
    free(out);
    svcc_free(old);
    f = open_memstream(&out, &len);
    o = (svcc_report_options){"ops", NULL, NULL, NULL, NULL, 0};
    assert_int_equal(svcc_write_report(c, f, &o), SVCC_EUSAGE); /* a team, no framework */
    o = (svcc_report_options){"house", "pdf", NULL, NULL, NULL, 0};
    assert_int_equal(svcc_write_report(c, f, &o), SVCC_EUSAGE);
    o = (svcc_report_options){"house", "html", "never", NULL, NULL, 0};
    assert_int_equal(svcc_write_report(c, f, &o), SVCC_EUSAGE);
    assert_int_equal(svcc_write_report(c, f, NULL), SVCC_EUSAGE);
    fclose(f);
    free(out);
    svcc_free(c);
}

/* People nothing refers to (W0201 each), a team that allows it, and a
 * person who allows it but is referred to (E0214). */
static char *warned(int people)
{
    static const char head[] = CATALOGUE "team ops \"Operations\" {}\n"
                               "person kept \"Kept\" {\n  team ops\n  allow W0201\n}\n"
                               "team quiet \"Quiet\" {\n  lead kept\n  allow W0201\n}\n";
    size_t cap = sizeof head + (size_t)people * 48;
    char *text = malloc(cap), *w = text + sizeof head - 1;
    assert_non_null(text);
    memcpy(text, head, sizeof head);
    for (int i = 0; i < people; i++)
        w += snprintf(w, cap - (size_t)(w - text), "person p%d \"P%d\" { team ops }\n", i, i);
    return text;
}

/* Warnings counted, not kept: the same counts and the same errors as when
 * kept, no warning listed; -Werror=W0201 makes them errors, kept. */
static void test_warnings_counted(void **state)
{
    (void)state;
    char *text = warned(30);
    for (int keep = 0; keep < 2; keep++) {
        svcc *c = svcc_new();
        assert_int_equal(svcc_set_keep_warnings(c, keep), SVCC_OK);
        assert_int_equal(svcc_compile_buffer(c, "w.svc", text, strlen(text), NULL), SVCC_EINPUT);
        assert_int_equal(svcc_warning_count(c), 30); /* quiet's allowed */
        assert_int_equal(svcc_error_count(c), 1);
        assert_int_equal(svcc_diagnostic_count(c), keep ? 31 : 1);
        const svcc_diagnostic *d = svcc_diagnostic_at(c, 0); /* by position: first */
        assert_string_equal(svcc_diagnostic_code(d), "E0214");
        assert_string_equal(svcc_diagnostic_message(d), "person 'kept' allows W0201, but W0201 is not reported there");
        svcc_free(c);
    }
    svcc *c = svcc_new();
    assert_int_equal(svcc_set_keep_warnings(c, false), SVCC_OK);
    assert_int_equal(svcc_set_warning(c, "error=W0201"), SVCC_OK);
    assert_int_equal(svcc_compile_buffer(c, "w.svc", text, strlen(text), NULL), SVCC_EINPUT);
    assert_int_equal(svcc_warning_count(c), 0);
    assert_int_equal(svcc_error_count(c), 31);
    assert_int_equal(svcc_diagnostic_count(c), 31);
    svcc_free(c);
    free(text);
}

/* What an unbuffered stream was given: how many writes, and the text. */
typedef struct Written {
    int writes;
    char text[128 * 1024];
    size_t len;
} Written;

static ssize_t count_write(void *cookie, const char *buf, size_t size)
{
    Written *w = cookie;
    w->writes++;
    assert_true(w->len + size < sizeof w->text);
    memcpy(w->text + w->len, buf, size);
    w->len += size;
    w->text[w->len] = '\0';
    return (ssize_t)size;
}

/* PEOPLE's warnings and the one error printed to an unbuffered stream:
 * each diagnostic once and the summary last; the number of writes. */
static int print_counted(int people)
{
    char *text = warned(people);
    svcc *c = compiled(text, SVCC_EINPUT);
    static Written w;
    w.writes = 0;
    w.len = 0;
    FILE *f = fopencookie(&w, "w", (cookie_io_functions_t){.write = count_write});
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0);
    assert_int_equal(svcc_print_diagnostics(c, f, SVCC_FORMAT_TEXT, 0), SVCC_OK);
    fclose(f);
    int seen = 0;
    for (const char *p = w.text; (p = strstr(p, "[W0201]")) != NULL; p++)
        seen++;
    assert_int_equal(seen, people);
    char last[96];
    snprintf(last, sizeof last, "person 'p%d' is not referenced anywhere", people - 1);
    assert_non_null(strstr(w.text, last));
    snprintf(last, sizeof last, "%d warnings and 1 error generated.\n", people);
    assert_true(w.len > strlen(last));
    assert_string_equal(w.text + w.len - strlen(last), last);
    svcc_free(c);
    free(text);
    return w.writes;
}

/* Text diagnostics reach an unbuffered stream (stderr) in large writes,
 * not one per piece of each diagnostic; each diagnostic once, whichever
 * of them takes the text past the 64 KB at which it is written out (the
 * last one too). */
static void test_print_in_blocks(void **state)
{
    (void)state;
    assert_in_range(print_counted(400), 2, 6); /* 401 diagnostics, ~92 KB */
    for (int people = 250; people <= 320; people++) /* ~230 bytes each: 64 KB near 285 */
        assert_in_range(print_counted(people), 1, 6);
}

/* Out of memory at each allocation of printing text diagnostics: the
 * status says so, and the memory stream they go through is freed (leaks:
 * check-asan, check-valgrind). */
static void test_print_out_of_memory(void **state)
{
    (void)state;
    char *text = warned(40);
    long n;
    for (n = 1;; n++) {
        svcc *c = compiled(text, SVCC_EINPUT);
        api_fail_alloc(c, n);
        char *got;
        size_t len;
        FILE *f = open_memstream(&got, &len);
        assert_non_null(f);
        svcc_status st = svcc_print_diagnostics(c, f, SVCC_FORMAT_TEXT, 0);
        fclose(f);
        svcc_free(c);
        if (st == SVCC_OK) {
            assert_non_null(strstr(got, "40 warnings and 1 error generated."));
            free(got);
            break;
        }
        assert_int_equal(st, SVCC_ENOMEM);
        free(got);
    }
    assert_true(n > 1); /* printing allocates: each of its allocations failed once */
    free(text);
}

static void test_misuse(void **state)
{
    (void)state;
    svcc *c = svcc_new();
    assert_int_equal(svcc_compile_file(c, NULL), SVCC_EUSAGE);
    assert_int_equal(svcc_compile_buffer(c, NULL, "x", 1, NULL), SVCC_EUSAGE);
    assert_int_equal(svcc_add_include_dir(c, ""), SVCC_EUSAGE);
    assert_int_equal(svcc_set_stdlib_dir(c, NULL), SVCC_EUSAGE);
    assert_string_equal(svcc_last_error(c), "standard library folder: empty");
    assert_int_equal(svcc_set_module_path(c, "a:b"), SVCC_OK);
    assert_int_equal(svcc_write_json(c, stdout), SVCC_EUSAGE); /* nothing compiled yet */
    assert_string_equal(svcc_last_error(c), "nothing is compiled yet");
    assert_int_equal(svcc_compile_buffer(c, "m.svc", good, strlen(good), NULL), SVCC_OK);
    assert_int_equal(svcc_set_max_errors(c, 3), SVCC_EUSAGE); /* options come first */
    assert_int_equal(svcc_set_warning(c, "error"), SVCC_EUSAGE);
    assert_int_equal(svcc_add_include_dir(c, "x"), SVCC_EUSAGE);
    assert_int_equal(svcc_write_json(c, NULL), SVCC_EUSAGE);
    assert_int_equal(svcc_print_diagnostics(c, NULL, SVCC_FORMAT_TEXT, 0), SVCC_EUSAGE);
    assert_int_equal(svcc_report(c, "E9999", "x", NULL), SVCC_EUSAGE);
    assert_int_equal(svcc_report(c, "E0902", "cannot write 'x'", "check the folder"), SVCC_OK);
    assert_int_equal(svcc_diagnostic_count(c), 1);
    const svcc_diagnostic *d = svcc_diagnostic_at(c, 0);
    svcc_location at;
    assert_false(svcc_diagnostic_location(c, d, &at)); /* no place */
    assert_int_equal(svcc_diagnostic_note_kind(d, 0), SVCC_HELP);
    assert_null(svcc_diagnostic_note_message(d, 5));
    assert_false(svcc_diagnostic_note_location(c, d, 0, &at));
    svcc_graph_options o;
    svcc_graph_options_init(&o);
    o.direction = "sideways";
    char *out;
    size_t len;
    assert_int_equal(svcc_graph_buffer(c, &o, &out, &len), SVCC_EUSAGE);
    assert_string_equal(svcc_last_error(c), "direction 'sideways': down, up or both");
    assert_int_equal(svcc_graph_buffer(c, NULL, NULL, &len), SVCC_EUSAGE);
    assert_int_equal(svcc_write_impact(c, stdout, "ops", false), SVCC_EUSAGE); /* a team */
    assert_int_equal(svcc_write_impact(c, stdout, NULL, true), SVCC_EUSAGE);
    assert_null(svcc_entity_at(c, SVCC_SERVICE, 99));
    assert_int_equal(svcc_entity_count(c, SVCC_KIND_COUNT), 0);
    assert_null(svcc_kind_name(SVCC_KIND_COUNT));
    assert_null(svcc_entity_find(c, NULL));
    assert_null(svcc_entity_find(c, "nothing"));
    const svcc_node *n = svcc_entity_fields(svcc_entity_find(c, "mail"));
    assert_null(svcc_node_field_name(n, 999));
    assert_int_equal(svcc_node_value_count(n, 999), 0);
    svcc_value none = svcc_node_value(n, 0, 99);
    assert_false(svcc_value_exists(none));
    assert_null(svcc_value_text(none));
    assert_null(svcc_value_unit(none));
    assert_null(svcc_value_entity(none));
    assert_null(svcc_value_block(none));
    assert_true(svcc_value_number(none) == 0);
    svcc_value_location(c, none, &at);
    assert_int_equal(at.line, 0);
    svcc_value owner = svcc_node_get(n, "owner", 0);
    assert_null(svcc_value_unit(owner));
    assert_null(svcc_value_block(owner));
    assert_true(svcc_value_number(owner) == 0);
    svcc_value_location(c, owner, &at);
    assert_int_equal(at.line, 10);
    assert_int_equal(at.column, 9);
    assert_null(svcc_dependent_at(svcc_entity_find(c, "mail"), 0));
    assert_int_equal(svcc_file_count(c), 1);
    assert_string_equal(svcc_file_name(c, 0), "m.svc");
    assert_null(svcc_file_real_path(c, 0)); /* in memory */
    assert_null(svcc_file_name(c, 1));
    svcc_free(c);
    svcc_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buffer_with_errors),
        cmocka_unit_test(test_model_walk),
        cmocka_unit_test(test_outputs_into_memory),
        cmocka_unit_test(test_two_compilations),
        cmocka_unit_test(test_out_of_memory_everywhere),
        cmocka_unit_test(test_file_root),
        cmocka_unit_test(test_library),
        cmocka_unit_test(test_calendars),
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_warnings_counted),
        cmocka_unit_test(test_print_in_blocks),
        cmocka_unit_test(test_print_out_of_memory),
        cmocka_unit_test(test_overlay),
        cmocka_unit_test(test_fmt_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
