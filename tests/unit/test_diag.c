/* test_diag.c — caret placement, -W options, ordering and JSON output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "compiler.h"

static int setup(void **state)
{
    Compiler *c = calloc(1, sizeof *c);
    compiler_init(c);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    Compiler *c = *state;
    compiler_free(c);
    free(c);
    return 0;
}

static Span add(Compiler *c, const char *text, const char *needle, size_t len)
{
    Source *s = source_add(&c->sources, "t.svc", text, strlen(text));
    uint32_t at = (uint32_t)(strstr(text, needle) - text);
    Span sp = {s->id, at, at + (uint32_t)len};
    return sp;
}

static void test_caret_plain(void **state)
{
    Compiler *c = *state;
    Span sp = add(c, "  depends_on directroy\n", "directroy", 9);
    assert_string_equal(diag_render_excerpt(&c->diags, sp, 4, false),
                        "   1 |   depends_on directroy\n"
                        "     |              ^~~~~~~~~\n");
}

static void test_caret_after_tabs(void **state)
{
    Compiler *c = *state;
    /* A tab is shown as spaces to the next multiple of 8. */
    Span sp = add(c, "\towner\tx\n", "x", 1);
    assert_string_equal(diag_render_excerpt(&c->diags, sp, 4, false),
                        "   1 |         owner   x\n"
                        "     |                 ^\n");
}

static void test_caret_after_wide_characters(void **state)
{
    Compiler *c = *state;
    /* 中 takes two columns, é one, a combining accent none. */
    Span sp = add(c, "\"中é\xCC\x81\" x\n", "x", 1);
    assert_string_equal(diag_render_excerpt(&c->diags, sp, 4, false),
                        "   1 | \"中é\xCC\x81\" x\n"
                        "     |       ^\n");
}

static void test_invalid_bytes_shown_as_hex(void **state)
{
    Compiler *c = *state;
    Span sp = add(c, "a \xFF b", "b", 1);
    assert_string_equal(diag_render_excerpt(&c->diags, sp, 4, false),
                        "   1 | a <FF> b\n"
                        "     |        ^\n");
}

static void test_span_over_lines_underlines_first(void **state)
{
    Compiler *c = *state;
    Span sp = add(c, "x \"abc\ndef\"\n", "\"abc", 9);
    assert_string_equal(diag_render_excerpt(&c->diags, sp, 4, false),
                        "   1 | x \"abc\n"
                        "     |   ^~~~\n");
}

static void test_long_line_window(void **state)
{
    Compiler *c = *state;
    char text[1200];
    memset(text, 'a', 1000);
    memcpy(text + 600, " bad ", 5);
    text[1000] = '\0';
    Span sp = add(c, text, "bad", 3);
    char *out = diag_render_excerpt(&c->diags, sp, 4, false);
    char *nl = strchr(out, '\n');
    assert_non_null(nl);
    assert_true(nl - out < 340); /* a window, not the whole line */
    assert_memory_equal(out, "   1 | ...", 10);
    /* The caret sits under "bad" in the window. */
    char *bad = strstr(out, "bad");
    char *caret = strchr(nl, '^');
    assert_int_equal(caret - (nl + 1), bad - out);
}

static void test_caret_with_color(void **state)
{
    Compiler *c = *state;
    Span sp = add(c, "ab\n", "b", 1);
    assert_string_equal(diag_render_excerpt(&c->diags, sp, 4, true),
                        "   1 | ab\n"
                        "     |  \033[1;32m^\033[0m\n");
}

static void test_warning_options(void **state)
{
    Compiler *c = *state;
    Span sp = add(c, "x", "x", 1);
    DiagEngine *e = &c->diags;
    assert_true(diag_option(e, "no-W0101"));
    diag_at(e, D_W0101, sp, "silenced");
    assert_int_equal(e->count, 0);
    assert_true(diag_option(e, "error=W0101"));
    Diag *d = diag_at(e, D_W0101, sp, "promoted");
    assert_int_equal(d->severity, SEV_ERROR);
    assert_int_equal(e->errors, 1);
    /* Errors cannot be silenced, and unknown codes are refused. */
    assert_false(diag_option(e, "no-E0101"));
    assert_false(diag_option(e, "no-W9999"));
    assert_false(diag_option(e, "bogus"));
}

static void test_werror(void **state)
{
    Compiler *c = *state;
    Span sp = add(c, "x", "x", 1);
    assert_true(diag_option(&c->diags, "error"));
    Diag *d = diag_at(&c->diags, D_W0101, sp, "w");
    assert_int_equal(d->severity, SEV_ERROR);
}

typedef struct Printing {
    Compiler *c;
    DiagFormat format;
} Printing;

static bool print_diags(void *ctx, FILE *f)
{
    Printing *p = ctx;
    DiagPrintOptions opt = {.format = p->format};
    diag_print(&p->c->diags, f, &opt);
    return true;
}

static char *print_to_string(Compiler *c, DiagFormat fmt)
{
    Printing p = {c, fmt};
    return capture(print_diags, &p);
}

static void test_sorted_by_position_then_order(void **state)
{
    Compiler *c = *state;
    Span b = add(c, "a b", "b", 1);
    Span a = {b.file, 0, 1};
    diag_at(&c->diags, D_E0101, b, "second");
    diag_at(&c->diags, D_E0101, a, "first");
    diag_at(&c->diags, D_E0004, a, "first too");
    char *out = print_to_string(c, DIAG_TEXT);
    assert_true(strstr(out, ": first [E0101]") != NULL);
    size_t p1 = strcspn(out, "f"); /* "first" comes first... */
    assert_int_equal(strncmp(out + p1, "first [E0101]", 13), 0);
    size_t p2 = (size_t)(strstr(out, "first too") - out);
    size_t p3 = (size_t)(strstr(out, "second") - out);
    assert_true(p1 < p2 && p2 < p3);
    assert_non_null(strstr(out, "3 errors generated.\n"));
    free(out);
}

static void test_json_output(void **state)
{
    Compiler *c = *state;
    Span sp = add(c, "ab\ncd \"x\"", "cd", 2);
    Diag *d = diag_at(&c->diags, D_E0101, sp, "found \"cd\"\tthere");
    diag_note(&c->diags, d, (Span){sp.file, 0, 1}, "see here");
    diag_help(&c->diags, d, "try this");
    char *out = print_to_string(c, DIAG_JSON);
    assert_string_equal(out,
        "[{\"code\":\"E0101\",\"severity\":\"error\",\"message\":\"found \\\"cd\\\"\\tthere\","
        "\"file\":\"t.svc\",\"line\":2,\"column\":1,\"end_line\":2,\"end_column\":3,"
        "\"notes\":[{\"severity\":\"note\",\"message\":\"see here\",\"file\":\"t.svc\","
        "\"line\":1,\"column\":1,\"end_line\":1,\"end_column\":2},"
        "{\"severity\":\"help\",\"message\":\"try this\"}]}]\n");
    free(out);
}

static void test_every_code_has_an_id_and_summary(void **state)
{
    (void)state;
    for (int i = 0; i < D__COUNT; i++) {
        const DiagInfo *info = diag_info((DiagCode)i);
        assert_int_equal(strlen(info->id), 5);
        assert_true(info->id[0] == 'E' || info->id[0] == 'W');
        assert_int_equal(info->severity, info->id[0] == 'E' ? SEV_ERROR : SEV_WARNING);
        assert_true(strlen(info->summary) > 0);
        DiagCode back;
        assert_true(diag_lookup(info->id, &back));
        assert_int_equal(back, i);
    }
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_caret_plain),
        T(test_caret_after_tabs),
        T(test_caret_after_wide_characters),
        T(test_invalid_bytes_shown_as_hex),
        T(test_span_over_lines_underlines_first),
        T(test_long_line_window),
        T(test_caret_with_color),
        T(test_warning_options),
        T(test_werror),
        T(test_sorted_by_position_then_order),
        T(test_json_output),
        cmocka_unit_test(test_every_code_has_an_id_and_summary),
    };
    return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
