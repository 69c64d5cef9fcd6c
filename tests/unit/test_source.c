/* test_source.c — line maps, columns and UTF-8 helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "source.h"

typedef struct Fixture {
    Arena arena;
    SourceSet set;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    arena_init(&f->arena);
    source_set_init(&f->set, &f->arena);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    source_set_free(&f->set);
    arena_free(&f->arena);
    free(f);
    return 0;
}

static Source *add(void **state, const char *text)
{
    Fixture *f = *state;
    return source_add(&f->set, "t.svc", text, strlen(text));
}

static void assert_pos(Source *s, uint32_t off, uint32_t line, uint32_t col)
{
    uint32_t l, c;
    source_position(s, off, &l, &c);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

static void test_lines_and_columns(void **state)
{
    Source *s = add(state, "ab\ncd\n\nlast");
    assert_pos(s, 0, 1, 1);
    assert_pos(s, 1, 1, 2);
    assert_pos(s, 2, 1, 3); /* the newline itself */
    assert_pos(s, 3, 2, 1);
    assert_pos(s, 6, 3, 1);
    assert_pos(s, 7, 4, 1);
    assert_pos(s, 11, 4, 5); /* end of file */
    assert_int_equal(s->nlines, 4);
}

/* The line map packs a line's length in a byte, longer lines apart, and
 * keeps every 64th line's start: lines of every length, across groups,
 * give the positions a plain count gives, and source_line their bytes. */
static void test_line_map_packed(void **state)
{
    enum { LINES = 300 };
    static const uint32_t lengths[] = {0, 1, 253, 254, 255, 256, 300, 70000, 3};
    size_t cap = 0;
    for (int i = 0; i < LINES; i++)
        cap += lengths[i % 9] + 1;
    char *text = malloc(cap + 1), *w = text;
    uint32_t *starts = malloc(sizeof *starts * LINES);
    for (int i = 0; i < LINES; i++) {
        starts[i] = (uint32_t)(w - text);
        memset(w, 'a' + i % 26, lengths[i % 9]);
        w += lengths[i % 9];
        *w++ = '\n';
    }
    *w = '\0';
    Source *s = add(state, text);
    source_map_lines(s);
    assert_int_equal(s->nlines, LINES + 1); /* and the empty line after the last '\n' */
    for (int i = 0; i < LINES; i++) {
        assert_pos(s, starts[i], (uint32_t)i + 1, 1);
        assert_pos(s, starts[i] + lengths[i % 9], (uint32_t)i + 1, lengths[i % 9] + 1);
        size_t len;
        const char *line = source_line(s, (uint32_t)i + 1, &len);
        assert_int_equal(len, lengths[i % 9]);
        assert_ptr_equal(line, s->text + starts[i]);
    }
    assert_pos(s, (uint32_t)cap, LINES + 1, 1);
    free(starts);
    free(text);
}

static void test_columns_count_characters(void **state)
{
    /* é is two bytes, 😀 four, a tab one column. */
    Source *s = add(state, "\xC3\xA9\xF0\x9F\x98\x80\tx");
    assert_pos(s, 2, 1, 2);
    assert_pos(s, 6, 1, 3);
    assert_pos(s, 7, 1, 4);
}

static void test_bom_is_not_a_column(void **state)
{
    Source *s = add(state, "\xEF\xBB\xBF" "ab\ncd");
    assert_true(s->has_bom);
    assert_pos(s, 3, 1, 1);
    assert_pos(s, 4, 1, 2);
    assert_pos(s, 7, 2, 2);
}

static void test_invalid_bytes_count_one_column_each(void **state)
{
    Source *s = add(state, "\xFF\xFE" "x");
    assert_pos(s, 2, 1, 3);
}

static void test_source_line(void **state)
{
    Source *s = add(state, "one\r\ntwo\nthree");
    size_t len;
    const char *l = source_line(s, 1, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(l, "one", 3);
    l = source_line(s, 2, &len);
    assert_memory_equal(l, "two", 3);
    l = source_line(s, 3, &len);
    assert_int_equal(len, 5);
    source_line(s, 9, &len);
    assert_int_equal(len, 0);
}

static void test_utf8_decode(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* overlong, surrogate, above U+10FFFF, truncated, stray continuation */
    assert_int_equal(utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xE0\x80\xAF", 3, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xE2\x82", 2, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\x80", 1, &cp), 0);
}

static void test_utf8_encode_round_trip(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x24, 0xA2, 0x20AC, 0x10348, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        uint32_t back;
        int n = utf8_encode(cps[i], buf);
        assert_int_equal(utf8_decode((const unsigned char *)buf, (size_t)n, &back), n);
        assert_int_equal(back, cps[i]);
    }
}

static void test_display_width(void **state)
{
    (void)state;
    assert_int_equal(utf8_display_width('a'), 1);
    assert_int_equal(utf8_display_width(0xE9), 1);
    assert_int_equal(utf8_display_width(0x4E2D), 2);  /* 中 */
    assert_int_equal(utf8_display_width(0x1F600), 2); /* 😀 */
    assert_int_equal(utf8_display_width(0x0301), 0);  /* combining acute */
}

static void test_read_missing_file(void **state)
{
    Fixture *f = *state;
    const char *err = NULL;
    assert_null(source_read(&f->set, "/nonexistent/x.svc", false, &err));
    assert_string_equal(err, "cannot open '/nonexistent/x.svc': No such file or directory");
    assert_null(source_read(&f->set, "/", false, &err));
    assert_string_equal(err, "cannot read '/': it is a directory");
}

/* A file's text is given back as the parser moves past it: never a byte
 * it has still to read, whole huge pages as it goes, and the last huge
 * page a small page at a time. */
static void test_text_given_back(void **state)
{
    Fixture *f = *state;
    size_t len = (5u << 20) + 123, huge = 2u << 20, step = 256u << 10;
    char *text = arena_alloc(&f->arena, len);
    memset(text, 'x', len);
    for (size_t n = step; n < len - 5000; n += step) {
        arena_discard(&f->arena, text, n);
        for (size_t i = n; i < len; i++)
            if (text[i] != 'x')
                fail_msg("byte %zu of %zu lost after giving back %zu", i, len, n);
        if (n + step == 2 * huge) { /* whole huge pages go back */
            assert_int_equal(text[0], 0);
            assert_int_equal(text[huge - 1], 0);
            assert_int_equal(text[huge], 'x');
        }
    }
    assert_int_equal(text[2 * huge], 0); /* the last, a small page at a time */
    arena_discard(&f->arena, text, len - 5000);
    assert_int_equal(text[((len - 5000) & ~(size_t)4095) - 1], 0);
    assert_int_equal(text[len - 5000], 'x');
    assert_int_equal(text[len - 1], 'x');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lines_and_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_map_packed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_columns_count_characters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom_is_not_a_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_bytes_count_one_column_each, setup, teardown),
        cmocka_unit_test_setup_teardown(test_source_line, setup, teardown),
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_encode_round_trip),
        cmocka_unit_test(test_display_width),
        cmocka_unit_test_setup_teardown(test_read_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_given_back, setup, teardown),
    };
    return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
