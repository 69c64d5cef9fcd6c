/* test_lexer.c — every token kind and every lexical error of the scanner. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lex.h"
#include "parser.h"
#include "lexer.h"

enum { MAX_TOKS = 256 };

typedef struct Lexed {
    Compiler c;
    int kinds[MAX_TOKS];
    YYSTYPE vals[MAX_TOKS];
    Span spans[MAX_TOKS];
    int n;
} Lexed;

/* Scan LEN bytes of TEXT to the end; diagnostics stay in L->c.diags. */
static Lexed *lex_n(const char *text, size_t len)
{
    Lexed *l = calloc(1, sizeof *l);
    compiler_init(&l->c);
    Source *src = source_add(&l->c.sources, "t.svc", text, len);
    Parser p;
    parser_begin(&p, &l->c, src);
    yyscan_t scanner;
    yylex_init_extra(&p, &scanner);
    yy_scan_buffer((char *)p.base, len + 2, scanner);
    int k;
    do {
        k = yylex(&l->vals[l->n], &l->spans[l->n], scanner);
        l->kinds[l->n++] = k;
    } while (k != TOK_YYEOF && l->n < MAX_TOKS);
    yylex_destroy(scanner);
    return l;
}

static Lexed *lex(const char *text) { return lex_n(text, strlen(text)); }

static void done(Lexed *l)
{
    compiler_free(&l->c);
    free(l);
}

static void assert_kinds(const Lexed *l, const int *want, int n)
{
    assert_int_equal(l->n, n);
    for (int i = 0; i < n; i++)
        assert_int_equal(l->kinds[i], want[i]);
}

#define ASSERT_KINDS(l, ...)                                                      \
    do {                                                                           \
        const int want_[] = {__VA_ARGS__};                                         \
        assert_kinds((l), want_, (int)(sizeof want_ / sizeof want_[0]));           \
    } while (0)

static void assert_text(const Atom *a, const char *want)
{
    assert_int_equal(a->len, strlen(want));
    assert_memory_equal(a->text, want, a->len);
}

/* The single diagnostic reported: its code and where it starts. */
static void assert_one_diag(const Lexed *l, DiagCode code, uint32_t begin, uint32_t end)
{
    assert_int_equal(l->c.diags.count, 1);
    assert_int_equal(l->c.diags.head->code, code);
    assert_int_equal(l->c.diags.head->span.begin, begin);
    assert_int_equal(l->c.diags.head->span.end, end);
}

static void assert_no_diag(const Lexed *l) { assert_int_equal(l->c.diags.count, 0); }

/* Tokens ---------------------------------------------------------------- */

static void test_keywords_only_at_top_level(void **state)
{
    (void)state;
    Lexed *l = lex("service x { service y }");
    ASSERT_KINDS(l, TOK_KIND, TOK_NAME, TOK_LBRACE, TOK_NAME, TOK_NAME, TOK_RBRACE, TOK_YYEOF);
    assert_int_equal(l->vals[0].kind, DECL_SERVICE);
    assert_text(l->vals[3].atom, "service");
    assert_no_diag(l);
    done(l);
}

/* The word after a kind or 'from' is an id, even a keyword's. */
static void test_keyword_as_id(void **state)
{
    (void)state;
    Lexed *l = lex("service calendar \"Calendar\" from template {}");
    ASSERT_KINDS(l, TOK_KIND, TOK_NAME, TOK_STRING, TOK_FROM, TOK_NAME, TOK_LBRACE, TOK_RBRACE,
                 TOK_YYEOF);
    assert_text(l->vals[1].atom, "calendar");
    assert_text(l->vals[4].atom, "template");
    assert_no_diag(l);
    done(l);
}

static void test_time_ranges(void **state)
{
    (void)state;
    Lexed *l = lex("{ hours mon-fri 08:30-12:00, 13:00-17:00, 24x7, 08:30 }");
    ASSERT_KINDS(l, TOK_LBRACE, TOK_NAME, TOK_NAME, TOK_TIMES, TOK_COMMA, TOK_TIMES, TOK_COMMA,
                 TOK_TIMES, TOK_COMMA, TOK_TIMES, TOK_RBRACE, TOK_YYEOF);
    assert_text(l->vals[2].atom, "mon-fri");
    assert_text(l->vals[3].atom, "08:30-12:00");
    assert_text(l->vals[7].atom, "24x7");
    assert_text(l->vals[9].atom, "08:30"); /* a time alone: the checker says what is wrong */
    assert_int_equal(l->vals[3].atom->kind, ATOM_TIMES);
    assert_no_diag(l);
    done(l);
}

static void test_every_declaration_keyword(void **state)
{
    (void)state;
    const char *words[] = {"catalogue", "service", "offering", "consumer", "team", "person",
                           "resource", "practice", "template", "framework", "requirement",
                           "supplier", "agreement", "calendar", "crosswalk", "view"};
    _Static_assert(sizeof words / sizeof words[0] == DECL__COUNT, "every kind");
    for (int i = 0; i < DECL__COUNT; i++) {
        Lexed *l = lex(words[i]);
        ASSERT_KINDS(l, TOK_KIND, TOK_YYEOF);
        assert_int_equal(l->vals[0].kind, i);
        done(l);
    }
    Lexed *l = lex("import from");
    ASSERT_KINDS(l, TOK_IMPORT, TOK_FROM, TOK_YYEOF);
    done(l);
}

static void test_names(void **state)
{
    (void)state;
    Lexed *l = lex("{ a_b-c itil4.incident_management Z9 _x }");
    ASSERT_KINDS(l, TOK_LBRACE, TOK_NAME, TOK_NAME, TOK_NAME, TOK_NAME, TOK_RBRACE, TOK_YYEOF);
    assert_text(l->vals[1].atom, "a_b-c");
    assert_text(l->vals[2].atom, "itil4.incident_management");
    assert_int_equal(l->spans[2].begin, 8);
    assert_int_equal(l->spans[2].end, 33);
    assert_no_diag(l);
    done(l);
}

static void test_numbers_kept_as_written(void **state)
{
    (void)state;
    Lexed *l = lex("{ 42 4.50 0.5 007 9007199254740992 }");
    ASSERT_KINDS(l, TOK_LBRACE, TOK_NUMBER, TOK_NUMBER, TOK_NUMBER, TOK_NUMBER, TOK_NUMBER,
                 TOK_RBRACE, TOK_YYEOF);
    assert_true(l->vals[1].atom->is_int);
    assert_int_equal(l->vals[1].atom->ival, 42);
    assert_false(l->vals[2].atom->is_int);
    assert_text(l->vals[2].atom, "4.50");
    assert_text(l->vals[3].atom, "0.5");
    assert_text(l->vals[4].atom, "007");
    assert_int_equal(l->vals[5].atom->ival, (uint64_t)1 << 53);
    assert_no_diag(l);
    done(l);
}

static void test_percent(void **state)
{
    (void)state;
    Lexed *l = lex("{ 99.9% 100% }");
    ASSERT_KINDS(l, TOK_LBRACE, TOK_PERCENT, TOK_PERCENT, TOK_RBRACE, TOK_YYEOF);
    assert_text(l->vals[1].atom, "99.9");
    assert_int_equal(l->spans[1].end - l->spans[1].begin, 5);
    assert_true(l->vals[2].atom->is_int);
    done(l);
}

static void test_durations(void **state)
{
    (void)state;
    Lexed *l = lex("{ 90s 15m 4h 1h30m 2d 1w 1w2d3h4m5s }");
    ASSERT_KINDS(l, TOK_LBRACE, TOK_DURATION, TOK_DURATION, TOK_DURATION, TOK_DURATION,
                 TOK_DURATION, TOK_DURATION, TOK_DURATION, TOK_RBRACE, TOK_YYEOF);
    const uint64_t secs[] = {90, 900, 14400, 5400, 172800, 604800,
                             604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5};
    for (int i = 0; i < 7; i++)
        assert_int_equal(l->vals[i + 1].atom->ival, secs[i]);
    assert_text(l->vals[4].atom, "1h30m");
    assert_no_diag(l);
    done(l);
}

static void test_strings_and_escapes(void **state)
{
    (void)state;
    Lexed *l = lex("{ \"a\\\"b\\\\c\\n\\t\\r\\u{1F600}\\u{E9}\" \"\" \"héllo\" }");
    ASSERT_KINDS(l, TOK_LBRACE, TOK_STRING, TOK_STRING, TOK_STRING, TOK_RBRACE, TOK_YYEOF);
    assert_string_equal(l->vals[1].atom->text, "a\"b\\c\n\t\r\xF0\x9F\x98\x80\xC3\xA9");
    assert_int_equal(l->vals[2].atom->len, 0);
    assert_string_equal(l->vals[3].atom->text, "héllo");
    assert_int_equal(l->spans[1].begin, 2);
    assert_no_diag(l);
    done(l);
}

static void test_multiline_string_dedent(void **state)
{
    (void)state;
    Lexed *l = lex("{ d \"\"\"\n    one\n      two \\\"\"\"\n\n    three\n    \"\"\" }");
    ASSERT_KINDS(l, TOK_LBRACE, TOK_NAME, TOK_STRING, TOK_RBRACE, TOK_YYEOF);
    assert_string_equal(l->vals[2].atom->text, "one\n  two \"\"\"\n\nthree");
    assert_true(l->vals[2].atom->multiline);
    assert_no_diag(l);
    done(l);
    /* Text on the opening line is kept, and so is a closing line with text. */
    l = lex("{ d \"\"\"a\n  b\"\"\" }");
    assert_string_equal(l->vals[2].atom->text, "a\n  b");
    done(l);
}

static void test_doc_comments(void **state)
{
    (void)state;
    Lexed *l = lex("/// First line\n///   indented\n///\nservice x {}\n//// not a doc\n");
    ASSERT_KINDS(l, TOK_DOC, TOK_KIND, TOK_NAME, TOK_LBRACE, TOK_RBRACE, TOK_EOL, TOK_YYEOF);
    assert_string_equal(l->vals[0].doc->text, "First line\n  indented\n");
    done(l);
    /* Four slashes make an ordinary comment, even right after a doc line. */
    l = lex("/// a\n//// b\nx\n");
    ASSERT_KINDS(l, TOK_DOC, TOK_NAME, TOK_EOL, TOK_YYEOF);
    assert_string_equal(l->vals[0].doc->text, "a");
    assert_no_diag(l);
    done(l);
    /* A /// after code on its line is an ordinary comment. */
    l = lex("a /// not a doc\n");
    ASSERT_KINDS(l, TOK_NAME, TOK_EOL, TOK_YYEOF);
    done(l);
}

static void test_newlines_end_statements(void **state)
{
    (void)state;
    /* Blank lines give one EOL; none after ',' or '{'; none inside ( ). */
    Lexed *l = lex("a 1\n\n\nb 2,\n 3 {\nc\n}\n(d\ne)\n");
    ASSERT_KINDS(l, TOK_NAME, TOK_NUMBER, TOK_EOL, TOK_NAME, TOK_NUMBER, TOK_COMMA, TOK_NUMBER,
                 TOK_LBRACE, TOK_NAME, TOK_EOL, TOK_RBRACE, TOK_EOL, TOK_LPAREN, TOK_NAME,
                 TOK_NAME, TOK_RPAREN, TOK_EOL, TOK_YYEOF);
    done(l);
}

static void test_comments(void **state)
{
    (void)state;
    /* A block comment holding a newline ends the statement like one. */
    Lexed *l = lex("a // c\nb /* x\ny */ c /* z */ d;");
    ASSERT_KINDS(l, TOK_NAME, TOK_EOL, TOK_NAME, TOK_EOL, TOK_NAME, TOK_NAME, TOK_SEMI, TOK_YYEOF);
    assert_no_diag(l);
    done(l);
}

static void test_bom_at_start(void **state)
{
    (void)state;
    Lexed *l = lex("\xEF\xBB\xBFteam x {}");
    ASSERT_KINDS(l, TOK_KIND, TOK_NAME, TOK_LBRACE, TOK_RBRACE, TOK_YYEOF);
    assert_no_diag(l);
    done(l);
}

/* Lexical errors ------------------------------------------------------------ */

static void test_invalid_utf8(void **state)
{
    (void)state;
    Lexed *l = lex("a \xFF\xFE b \"\xC3\xA9\"");
    assert_one_diag(l, D_E0001, 2, 4); /* one report for the run */
    ASSERT_KINDS(l, TOK_NAME, TOK_NAME, TOK_STRING, TOK_YYEOF);
    done(l);
    l = lex("\"\xC0\xAF\""); /* overlong '/' */
    assert_int_equal(l->c.diags.head->code, D_E0001);
    done(l);
}

static void test_nul_byte(void **state)
{
    (void)state;
    Lexed *l = lex_n("a\0\0b", 4);
    assert_one_diag(l, D_E0002, 1, 3);
    ASSERT_KINDS(l, TOK_NAME, TOK_NAME, TOK_YYEOF);
    done(l);
}

static void test_late_bom(void **state)
{
    (void)state;
    Lexed *l = lex("a \xEF\xBB\xBF b");
    assert_one_diag(l, D_E0003, 2, 5);
    done(l);
}

static void test_stray_characters(void **state)
{
    (void)state;
    Lexed *l = lex("a @$ b");
    assert_one_diag(l, D_E0004, 2, 4); /* a run is reported once */
    ASSERT_KINDS(l, TOK_NAME, TOK_NAME, TOK_YYEOF);
    done(l);
    l = lex("a \xC3\xA9");
    assert_one_diag(l, D_E0004, 2, 4);
    assert_string_equal(l->c.diags.head->msg, "unexpected character U+00E9 'é'");
    done(l);
}

static void test_unterminated_string(void **state)
{
    (void)state;
    Lexed *l = lex("{ a \"open\nb }");
    assert_one_diag(l, D_E0005, 4, 9);
    /* The string still counts and the newline still ends the statement. */
    ASSERT_KINDS(l, TOK_LBRACE, TOK_NAME, TOK_STRING, TOK_EOL, TOK_NAME, TOK_RBRACE, TOK_YYEOF);
    assert_string_equal(l->vals[2].atom->text, "open");
    done(l);
    l = lex("\"open at end");
    assert_one_diag(l, D_E0005, 0, 12);
    done(l);
}

static void test_invalid_escapes(void **state)
{
    (void)state;
    Lexed *l = lex("\"a\\qb\"");
    assert_one_diag(l, D_E0006, 2, 4);
    assert_string_equal(l->vals[0].atom->text, "aqb");
    done(l);
    l = lex("\"\\u{D800}\"");
    assert_one_diag(l, D_E0006, 1, 9);
    done(l);
    l = lex("\"\\u{110000}\"");
    assert_one_diag(l, D_E0006, 1, 11);
    done(l);
    l = lex("\"\\u12\"");
    assert_one_diag(l, D_E0006, 1, 3);
    done(l);
}

static void test_unterminated_comment_and_multiline(void **state)
{
    (void)state;
    Lexed *l = lex("a /* never\nclosed");
    assert_one_diag(l, D_E0007, 2, 4);
    ASSERT_KINDS(l, TOK_NAME, TOK_YYEOF);
    done(l);
    l = lex("a \"\"\"\nnever closed");
    assert_one_diag(l, D_E0007, 2, 5);
    ASSERT_KINDS(l, TOK_NAME, TOK_STRING, TOK_YYEOF);
    done(l);
}

static void test_number_out_of_range(void **state)
{
    (void)state;
    Lexed *l = lex("9007199254740993");
    assert_one_diag(l, D_E0008, 0, 16);
    done(l);
    l = lex("99999999999999999999w");
    assert_one_diag(l, D_E0008, 0, 21);
    done(l);
}

static void test_glued_unit(void **state)
{
    (void)state;
    Lexed *l = lex("50GB");
    assert_one_diag(l, D_E0009, 0, 4);
    /* Read as the number and the word, so parsing goes on. */
    ASSERT_KINDS(l, TOK_NUMBER, TOK_NAME, TOK_YYEOF);
    assert_text(l->vals[1].atom, "GB");
    done(l);
}

static void test_bad_durations(void **state)
{
    (void)state;
    Lexed *l = lex("30m1h");
    assert_one_diag(l, D_E0010, 0, 5);
    assert_string_equal(l->c.diags.head->notes->msg, "write '1h30m'");
    done(l);
    l = lex("1h1h");
    assert_one_diag(l, D_E0010, 0, 4);
    done(l);
    l = lex("1.5h");
    assert_one_diag(l, D_E0010, 0, 4);
    assert_string_equal(l->c.diags.head->notes->msg, "write '1h30m'");
    done(l);
    l = lex("1h30");
    assert_one_diag(l, D_E0010, 0, 4);
    assert_string_equal(l->c.diags.head->notes->msg, "did you mean '1h30m'?");
    done(l);
}

static void test_identifier_too_long(void **state)
{
    (void)state;
    char text[200];
    memset(text, 'a', 129);
    text[129] = '\0';
    Lexed *l = lex(text);
    assert_one_diag(l, D_E0011, 0, 129);
    done(l);
    text[128] = '\0'; /* exactly the limit is fine */
    l = lex(text);
    assert_no_diag(l);
    done(l);
}

static void test_identifier_ending_in_dash(void **state)
{
    (void)state;
    Lexed *l = lex("{ foo- }");
    assert_one_diag(l, D_E0012, 2, 6);
    assert_text(l->vals[1].atom, "foo");
    done(l);
}

static void test_unmatched_brace(void **state)
{
    (void)state;
    Lexed *l = lex("a }\nb");
    assert_one_diag(l, D_E0103, 2, 3);
    ASSERT_KINDS(l, TOK_NAME, TOK_EOL, TOK_NAME, TOK_YYEOF);
    done(l);
}

static void test_nesting_limit(void **state)
{
    (void)state;
    char text[PARSE_MAX_NESTING + 2];
    memset(text, '{', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    Lexed *l = lex(text);
    assert_one_diag(l, D_E0105, PARSE_MAX_NESTING, PARSE_MAX_NESTING + 1);
    assert_int_equal(l->kinds[l->n - 1], TOK_YYEOF);
    assert_int_equal(l->n, PARSE_MAX_NESTING + 1);
    done(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keywords_only_at_top_level),
        cmocka_unit_test(test_every_declaration_keyword),
        cmocka_unit_test(test_keyword_as_id),
        cmocka_unit_test(test_time_ranges),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_numbers_kept_as_written),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_strings_and_escapes),
        cmocka_unit_test(test_multiline_string_dedent),
        cmocka_unit_test(test_doc_comments),
        cmocka_unit_test(test_newlines_end_statements),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_bom_at_start),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_late_bom),
        cmocka_unit_test(test_stray_characters),
        cmocka_unit_test(test_unterminated_string),
        cmocka_unit_test(test_invalid_escapes),
        cmocka_unit_test(test_unterminated_comment_and_multiline),
        cmocka_unit_test(test_number_out_of_range),
        cmocka_unit_test(test_glued_unit),
        cmocka_unit_test(test_bad_durations),
        cmocka_unit_test(test_identifier_too_long),
        cmocka_unit_test(test_identifier_ending_in_dash),
        cmocka_unit_test(test_unmatched_brace),
        cmocka_unit_test(test_nesting_limit),
    };
    return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
