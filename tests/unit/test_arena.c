/* test_arena.c — where large blocks come from: tables that grow in chunks
 * of their own (so they can be given back), other large blocks cut from
 * the huge-page chunks once the arena is large. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"

#define MiB ((size_t)1 << 20)

/* An arena past its first megabytes, as a catalogue's is. */
static void grow_large(Arena *a)
{
    for (int i = 0; i < 10; i++)
        memset(arena_alloc(a, MiB), 1, MiB);
}

static void test_table_given_back(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    grow_large(&a);
    size_t before = a.total;
    char *table = arena_zalloc_apart(&a, 512 << 10);
    assert_true(a.total > before); /* a chunk of its own */
    assert_int_equal(table[0], 0);
    assert_int_equal(table[(512 << 10) - 1], 0);
    arena_give_back(&a, table, 512 << 10);
    assert_int_equal(a.total, before);
    arena_free(&a);
}

static void test_large_blocks_cut(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    grow_large(&a);
    char *x = arena_alloc(&a, 400 << 10), *y = arena_alloc(&a, 400 << 10);
    memset(x, 2, 400 << 10);
    memset(y, 3, 400 << 10);
    /* cut from huge-page chunks: the arena grows by whole huge chunks (at
     * most one for 1.6 MB), not by chunks of 400 KB malloc'd apart */
    size_t before = a.total;
    for (int i = 0; i < 4; i++)
        arena_alloc(&a, 400 << 10);
    assert_true(a.total - before <= 2 * MiB);
    assert_int_equal((a.total - before) % (2 * MiB), 0);
    assert_int_equal(x[0], 2);
    assert_int_equal(y[(400 << 10) - 1], 3);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_given_back),
        cmocka_unit_test(test_large_blocks_cut),
    };
    return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
