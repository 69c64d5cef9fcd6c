/* test_sema.c — name resolution, template merging, cycles and derived
 * links, on catalogues written to a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "emit.h"
#include "fixture.h"

#define compile fixture_compile
#define find fixture_find
#define CATALOGUE FIXTURE_CATALOGUE
#define write_file fixture_write

static int count(const Val *v)
{
    int n = 0;
    for (; v; v = val_next(v))
        n++;
    return n;
}

static bool has_code(Compiler *c, DiagCode code)
{
    for (Diag *d = c->diags.head; d; d = d->next)
        if (d->code == code)
            return true;
    return false;
}

static const char *SERVICE_BODY = FIXTURE_SERVICE_BODY;

/* The diagnostics of C as svcc prints them (free the result). */
static char *printed(Compiler *c)
{
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    DiagPrintOptions po;
    memset(&po, 0, sizeof po);
    diag_print(&c->diags, mem, &po);
    fclose(mem);
    return out;
}

static void test_template_fields_replace_whole(void **state)
{
    (void)state;
    Compiler c;
    Model *m = compile(&c, CATALOGUE
        "team ops {}\n"
        "template base \"Base\" {\n"
        "  type business\n  status pipeline\n  owner ops\n"
        "  tags \"a\", \"b\"\n"
        "  intangibility high { rationale \"from the template\" }\n"
        "  heterogeneity low\n  inseparability low\n  perishability low\n"
        "}\n"
        "template mid \"Mid\" from base {\n  status live\n}\n"
        "service s \"S\" from mid {\n  tags \"c\"\n  intangibility low\n  status pipeline\n}\n");
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 0);
    Entity *s = find(m, DECL_SERVICE, "s");
    assert_non_null(s);
    /* tags: the service's list replaces the template's whole */
    assert_int_equal(count(node_get(&s->node, SVC_TAGS)), 1);
    assert_string_equal(node_get(&s->node, SVC_TAGS)->text, "c");
    /* a characteristic is replaced whole: no rationale left from the template */
    const Val *in = node_get(&s->node, SVC_INTANGIBILITY);
    assert_int_equal(in->word, LEVEL_LOW);
    assert_null(node_get(in->block, INT_RATIONALE));
    /* the chain applies: type from base, status from the service over mid */
    assert_string_equal(node_enum(&s->node, SVC_TYPE), "business");
    assert_string_equal(node_enum(&s->node, SVC_STATUS), "pipeline");
    assert_non_null(node_get(&s->node, SVC_OWNER)->ref);
    compiler_free(&c);
}

static void test_template_error_reported_once(void **state)
{
    (void)state;
    Compiler c;
    char text[4096];
    snprintf(text, sizeof text, CATALOGUE "team ops {}\n"
        "template t \"T\" {\n  availability 150%%\n}\n"
        "service a \"A\" from t {\n%s}\n"
        "service b \"B\" from t {\n%s}\n",
        SERVICE_BODY, SERVICE_BODY);
    Model *m = compile(&c, text);
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 1); /* used twice, reported once */
    assert_int_equal(c.diags.head->code, D_E0701);
    compiler_free(&c);
}

static void test_module_names(void **state)
{
    (void)state;
    write_file("mods.svc", "team ops \"Module ops\" {}\nperson p {\n  team ops\n}\n"
                           "framework mods {}\n");
    Compiler c;
    Model *m = compile(&c, "import \"mods\"\n" CATALOGUE
        "team ops \"Root ops\" {\n  lead mods.p\n}\n");
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 0);
    /* Module declarations carry the prefix; an id equal to the module's
     * name is the name itself. */
    Entity *p = find(m, DECL_PERSON, "mods.p");
    assert_non_null(p);
    assert_non_null(find(m, DECL_FRAMEWORK, "mods"));
    /* Inside the module, 'ops' is the module's own team first. */
    assert_string_equal(node_get(&p->node, PER_TEAM)->ref->id, "mods.ops");
    assert_string_equal(node_get(&find(m, DECL_TEAM, "ops")->node, TEAM_LEAD)->ref->id, "mods.p");
    compiler_free(&c);
}

static void test_forward_references_and_derived_links(void **state)
{
    (void)state;
    Compiler c;
    char text[4096];
    snprintf(text, sizeof text, CATALOGUE
        "consumer all {}\n"
        "offering o2 \"O2\" {\n  services b\n  consumers all\n  action x { performed_by ops\n trigger request }\n}\n"
        "offering o1 \"O1\" {\n  services b, a, b\n  consumers all\n  action x { performed_by ops\n trigger request }\n}\n"
        "service b \"B\" {\n%s  depends_on a\n}\n"
        "service a \"A\" {\n%s}\n"
        "service c \"C\" {\n%s  depends_on a { strength soft }\n}\n"
        "team ops {}\n",
        SERVICE_BODY, SERVICE_BODY, SERVICE_BODY);
    Model *m = compile(&c, text);
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 0);
    Entity *a = find(m, DECL_SERVICE, "a"), *b = find(m, DECL_SERVICE, "b");
    /* dependents of a, in id order: b then c */
    assert_int_equal(entity_links(a)->ndependents, 2);
    assert_string_equal(entity_links(a)->dependents[0]->id, "b");
    assert_string_equal(entity_links(a)->dependents[1]->id, "c");
    /* offered_in of b, in id order and without repeats */
    assert_int_equal(entity_links(b)->noffered_in, 2);
    assert_string_equal(entity_links(b)->offered_in[0]->id, "o1");
    assert_string_equal(entity_links(b)->offered_in[1]->id, "o2");
    /* by_kind is sorted by id */
    assert_string_equal(m->by_kind[DECL_OFFERING][0]->id, "o1");
    compiler_free(&c);
}

static void test_cycle_reported_with_every_edge(void **state)
{
    (void)state;
    Compiler c;
    char text[4096];
    snprintf(text, sizeof text, CATALOGUE "team ops {}\n"
        "service a \"A\" {\n%s  depends_on b\n}\n"
        "service b \"B\" {\n%s  depends_on c\n}\n"
        "service c \"C\" {\n%s  depends_on a\n}\n",
        SERVICE_BODY, SERVICE_BODY, SERVICE_BODY);
    Model *m = compile(&c, text);
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 1);
    Diag *d = c.diags.head;
    assert_int_equal(d->code, D_E0601);
    assert_string_equal(d->msg, "cycle of hard dependencies: a → b → c → a");
    int notes = 0;
    for (DiagNote *n = d->notes; n; n = n->next)
        notes++;
    assert_int_equal(notes, 3);
    compiler_free(&c);
}

static void test_syntax_errors_stop_before_semantics(void **state)
{
    (void)state;
    Compiler c;
    Model *m = compile(&c, "service s { type , }\n");
    assert_null(m);
    assert_true(has_code(&c, D_E0101));
    assert_false(has_code(&c, D_E0803)); /* no semantic noise */
    compiler_free(&c);
}

/* A catalogue is parsed once, one declaration at a time: each is lowered
 * into the model as soon as it is read and its tree dropped, so the
 * scratch arena never holds more than a few declarations' trees; the file's
 * text is dropped once parsed. */
static void test_one_pass(void **state)
{
    (void)state;
    enum { N = 2000 };
    size_t cap = 64 + N * 400;
    char *text = malloc(cap), *w = text;
    w += sprintf(w, "%s", CATALOGUE "team ops {}\n");
    for (int i = 0; i < N; i++)
        w += sprintf(w, "/// Service %d.\nservice s%d \"S %d\" {\n%s  outcome \"Outcome \\\"%d\\\"\"\n"
                        "  tags \"a\", \"b\"\n}\n", i, i, i, SERVICE_BODY, i);
    Compiler c;
    fixture_load(&c, text);
    assert_null(c.units[0]->src->text); /* dropped once parsed */
    assert_null(c.units[0]->ast->decls); /* no declaration kept */
    Model *m = sema_check(&c);
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 0);
    assert_int_equal(m->count, N + 2);
    size_t peak = c.scratch.peak;
    assert_memory_equal(source_text(c.units[0]->src), text, strlen(text)); /* read again */
    assert_false(c.units[0]->src->changed);
    Entity *e = find(m, DECL_SERVICE, "s1999");
    assert_non_null(e);
    assert_string_equal(e->name, "S 1999");
    assert_string_equal(e->node.description, "Service 1999.");
    assert_string_equal(node_get(&e->node, SVC_OUTCOME)->text, "Outcome \"1999\"");
    assert_ptr_equal(node_get(&e->node, SVC_OWNER)->ref, find(m, DECL_TEAM, "ops"));
    compiler_free(&c);

    compiler_init(&c); /* the whole tree, as svcc fmt reads it */
    AstFile *f = parse_tree(&c, source_add(&c.sources, "t.svc", text, strlen(text)));
    assert_int_equal(f->ndecls, N + 2);
    assert_int_equal(c.scratch.peak, 0);
    size_t whole = c.arena.total - strlen(text);
    assert_true(peak > 0 && peak * 20 < whole); /* a few declarations' trees at a time */
    compiler_free(&c);
    free(text);
}

/* A file changed after it was parsed changes nothing of the check: the
 * model is what was parsed; a diagnostic keeps its line and column and
 * shows whatever line is there now. */
static void test_file_changed_after_parsing(void **state)
{
    (void)state;
    Compiler c;
    fixture_load(&c, CATALOGUE "team ops {}\n"
                     "template base \"Base\" {\n  tags \"from base\"\n}\n"
                     "service mail \"Mail\" from base {\n" FIXTURE_SERVICE_BODY "  depends_on nothing\n}\n");
    assert_null(c.units[0]->src->text);
    fixture_write("root.svc", "// changed\n");
    Model *m = sema_check(&c);
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 1);
    Entity *mail = find(m, DECL_SERVICE, "mail");
    assert_string_equal(node_get(&mail->node, SVC_TAGS)->text, "from base"); /* the template's */
    assert_true(has_code(&c, D_E0301));
    char *out = printed(&c);
    assert_true(c.units[0]->src->changed);
    uint32_t line, col;
    source_position(c.units[0]->src, c.diags.head->span.begin, &line, &col);
    char where[128];
    snprintf(where, sizeof where, "root.svc:%u:%u: error: unknown service or supplier 'nothing'", line, col);
    assert_true(line > 10 && col == 14);
    assert_non_null(strstr(out, where));
    free(out);
    compiler_free(&c);
}

/* The text of a large file is given back as the parser moves past it
 * (4 MB at a time): what comes after still checks, and diagnostics still
 * place and show their lines, a line with a character that is not ASCII
 * too. */
static void test_text_given_back_as_parsed(void **state)
{
    (void)state;
    enum { N = 120000 }; /* about 5 MB */
    char *text = malloc(64 + (size_t)N * 64 + 256), *w = text;
    w += sprintf(w, "%s", CATALOGUE);
    for (int i = 0; i < N; i++)
        w += sprintf(w, "team t%d \"Team %d\" { email \"t%d@x.example\" }\n", i, i, i);
    w += sprintf(w, "person ann \"Änn\" { team nope }\n");
    Compiler c;
    Model *m = compile(&c, text);
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 1);
    assert_int_equal(m->nkind[DECL_TEAM], N);
    char *out = printed(&c);
    char where[64];
    snprintf(where, sizeof where, "root.svc:%d:25: error: unknown team 'nope'", N + 5);
    assert_non_null(strstr(out, where));
    assert_non_null(strstr(out, "person ann \"Änn\" { team nope }"));
    free(out);
    compiler_free(&c);
    free(text);
}

/* A file removed after it was parsed: the same, with no lines to show. */
static void test_file_removed_after_parsing(void **state)
{
    (void)state;
    fixture_write("teams.svc", "team ops {}\nteam other {}\nteam third { lead nobody }\n");
    Compiler c;
    fixture_load(&c, CATALOGUE "import \"./teams.svc\"\n");
    assert_null(c.units[1]->src->text);
    char path[256];
    snprintf(path, sizeof path, "%s/teams.svc", fixture_dir);
    assert_int_equal(unlink(path), 0);
    assert_non_null(sema_check(&c));
    assert_int_equal(c.diags.errors, 1);
    char *out = printed(&c);
    assert_true(c.units[1]->src->changed);
    assert_non_null(strstr(out, "teams.svc:3:19: error: unknown person 'nobody'"));
    free(out);
    compiler_free(&c);
}

/* Suggestions ("did you mean") are looked up only for errors that are
 * shown, and only among names of a near length. */
static void test_suggestions_only_for_shown_errors(void **state)
{
    (void)state;
    enum { N = 8000 };
    char *text = malloc(64 + N * 300), *w = text;
    w += sprintf(w, "%s", CATALOGUE "team ops {}\n");
    for (int i = 0; i < N; i++)
        w += sprintf(w, "service s%d \"S\" {\n%s  depends_on x%d\n}\n", i, SERVICE_BODY, i);
    Compiler c;
    fixture_load(&c, text);
    c.diags.max_errors = 100;
    assert_non_null(sema_check(&c));
    assert_int_equal(c.diags.errors, N);
    assert_int_equal(c.diags.suppressed, N - 100);
    /* 100 look-ups, each among at most the N services' names (one for
     * every error, as before, would be N * N = 64,000,000). */
    assert_true(c.work.suggest_distances <= 100u * N);
    assert_true(c.work.suggest_distances >= 100);
    uint32_t helps = 0;
    for (const Diag *d = c.diags.head; d; d = d->next)
        for (const DiagNote *n = d->notes; n; n = n->next)
            helps += strncmp(n->msg, "did you mean 's", 15) == 0;
    assert_int_equal(helps, 100);
    compiler_free(&c);
    free(text);
}

/* impact reads each dependency a bounded number of times, however many one
 * service has (it used to scan a dependent's whole list for each of its
 * soft dependencies: quadratic). */
static void test_impact_linear(void **state)
{
    (void)state;
    enum { N = 20000 };
    char *text = malloc(1024 + N * 280), *w = text;
    w += sprintf(w, "%s%s}\n", CATALOGUE "team ops {}\nservice root \"R\" {\n", SERVICE_BODY);
    for (int i = 0; i < N; i++)
        w += sprintf(w, "service a%d \"A\" {\n%s  depends_on root\n}\n", i, SERVICE_BODY);
    w += sprintf(w, "service v \"V\" {\n%s  depends_on a0", SERVICE_BODY);
    for (int i = 1; i < N; i++)
        w += sprintf(w, ", a%d", i);
    w += sprintf(w, " { strength soft }\n}\n");
    Compiler c;
    Model *m = compile(&c, text);
    assert_non_null(m);
    assert_int_equal(c.diags.errors, 0);
    Impact *im = impact_of(&c, m, find(m, DECL_SERVICE, "root"));
    assert_int_equal(im->nservices, N + 1);
    uint64_t deps = 2 * (uint64_t)N; /* every depends_on of the catalogue */
    assert_true(c.work.impact_steps <= 3 * deps);
    compiler_free(&c);
    free(text);
}

/* A missing module is reported with the places looked in; the module
 * folders are listed once for the run, not once per import. */
static void test_module_folders_listed_once(void **state)
{
    (void)state;
    enum { N = 500 };
    char *text = malloc(64 + N * 40), *w = text;
    for (int i = 0; i < N; i++)
        w += sprintf(w, "import \"nosuchmodule%d\"\n", i);
    sprintf(w, "%s", CATALOGUE);
    Compiler c;
    fixture_write("other.svc", "");
    fixture_load(&c, text);
    assert_int_equal(c.diags.errors, N);
    assert_int_equal(c.work.module_listings, 1); /* the fixture's one folder */
    compiler_free(&c);
    free(text);
}

/* The row enums of schema.h name the rows of the tables: the contact rows
 * of each kind that has them, and the rows code reads by index. */
static void test_schema_rows(void **state)
{
    (void)state;
    static const struct { DeclKind kind; size_t url; } contacts[] = {
        {DECL_CONSUMER, CON_URL}, {DECL_TEAM, TEAM_URL}, {DECL_PERSON, PER_URL},
        {DECL_SERVICE, SVC_URL}, {DECL_OFFERING, OFF_URL}, {DECL_SUPPLIER, SUP_URL},
    };
    static const char *const names[] = {"url", "links", "email", "phone", "location"};
    for (size_t k = 0; k < sizeof contacts / sizeof contacts[0]; k++) {
        const Schema *s = schema_of(contacts[k].kind);
        for (size_t i = 0; i < CONTACT__N; i++)
            assert_string_equal(s->fields[contacts[k].url + i].name, names[i]);
    }
    assert_string_equal(schema_service.fields[SVC_SEE_ALSO].name, "see_also");
    assert_string_equal(schema_service.fields[SVC_TAGS].name, "tags");
    assert_string_equal(schema_service.fields[SVC_NAME].name, "name");
    assert_string_equal(schema_offering.fields[OFF_SEE_ALSO].name, "see_also");
    assert_string_equal(schema_offering.fields[OFF_TAGS].name, "tags");
    assert_string_equal(schema_offering.fields[OFF_NAME].name, "name");
    assert_string_equal(schema_of(DECL_PERSON)->fields[PER_TITLE].name, "title");
    assert_string_equal(schema_of(DECL_CONSUMER)->fields[CON_SIZE].name, "size");
    for (int k = 0; k < DECL__COUNT; k++) /* 'allow' last: sema.c reads it there */
        if (k != DECL_TEMPLATE) {
            const Schema *sc = schema_of((DeclKind)k);
            assert_string_equal(sc->fields[sc->nfields - 1].name, "allow");
        }
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_template_fields_replace_whole),
        T(test_template_error_reported_once),
        T(test_module_names),
        T(test_forward_references_and_derived_links),
        T(test_cycle_reported_with_every_edge),
        T(test_syntax_errors_stop_before_semantics),
        T(test_one_pass),
        T(test_file_changed_after_parsing),
        T(test_file_removed_after_parsing),
        T(test_text_given_back_as_parsed),
        T(test_suggestions_only_for_shown_errors),
        T(test_impact_linear),
        T(test_module_folders_listed_once),
        cmocka_unit_test(test_schema_rows),
    };
    return cmocka_run_group_tests_name("sema", tests, NULL, NULL);
}
