/* test_graph.c — strongly connected components, paths, the name table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "graph.h"
#include "names.h"

static Graph *build(Arena *a, uint32_t n, const uint32_t (*edges)[2], uint32_t ne)
{
    uint32_t from[64], to[64];
    for (uint32_t i = 0; i < ne; i++) {
        from[i] = edges[i][0];
        to[i] = edges[i][1];
    }
    return graph_build(a, n, ne, from, to, NULL);
}

static void test_scc_of_a_dag(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    static const uint32_t e[][2] = {{0, 1}, {1, 2}, {0, 2}, {3, 2}};
    Graph *g = build(&a, 4, e, 4);
    uint32_t comp[4];
    assert_int_equal(graph_scc(&a, g, comp), 4);
    /* Reverse topological order: a node's successors come first. */
    assert_true(comp[2] < comp[1]);
    assert_true(comp[1] < comp[0]);
    arena_free(&a);
}

static void test_scc_finds_cycles(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    /* 0 -> 1 -> 2 -> 0 is one cycle; 3 <-> 4 another; 5 alone. */
    static const uint32_t e[][2] = {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 3}, {4, 5}};
    Graph *g = build(&a, 6, e, 7);
    uint32_t comp[6];
    assert_int_equal(graph_scc(&a, g, comp), 3);
    assert_int_equal(comp[0], comp[1]);
    assert_int_equal(comp[1], comp[2]);
    assert_int_equal(comp[3], comp[4]);
    assert_int_not_equal(comp[0], comp[3]);
    assert_int_not_equal(comp[5], comp[3]);
    arena_free(&a);
}

static void test_path_inside_component(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    /* Two ways back from 1 to 0: the short one (1 -> 0) is chosen. */
    static const uint32_t e[][2] = {{0, 1}, {1, 2}, {2, 0}, {1, 0}, {1, 3}};
    Graph *g = build(&a, 4, e, 5);
    uint32_t comp[4], path[8];
    graph_scc(&a, g, comp);
    GraphPaths *p = graph_paths_new(&a, g);
    uint32_t len = graph_path(p, g, comp, 1, 0, path);
    assert_int_equal(len, 1);
    assert_int_equal(g->src[path[0]], 1);
    assert_int_equal(g->adj[path[0]], 0);
    /* From 2 to 1 goes through 0. */
    len = graph_path(p, g, comp, 2, 1, path);
    assert_int_equal(len, 2);
    assert_int_equal(g->adj[path[0]], 0);
    assert_int_equal(g->adj[path[1]], 1);
    /* Node 3 is in another component: no path to it. */
    assert_int_equal(graph_path(p, g, comp, 1, 3, path), 0);
    arena_free(&a);
}

static void test_deep_chain_is_not_recursive(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    enum { N = 200000 };
    uint32_t *from = malloc(sizeof(uint32_t) * N), *to = malloc(sizeof(uint32_t) * N);
    for (uint32_t i = 0; i < N; i++) {
        from[i] = i;
        to[i] = (i + 1) % N; /* one huge cycle */
    }
    Graph *g = graph_build(&a, N, N, from, to, NULL);
    uint32_t *comp = malloc(sizeof(uint32_t) * N);
    assert_int_equal(graph_scc(&a, g, comp), 1);
    uint32_t *path = malloc(sizeof(uint32_t) * N);
    GraphPaths *p = graph_paths_new(&a, g);
    assert_int_equal(graph_path(p, g, comp, 1, 0, path), N - 1);
    free(from);
    free(to);
    free(comp);
    free(path);
    arena_free(&a);
}

static void test_names_insert_and_find(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    NameTable t;
    names_init(&t, &a, 2);
    int x = 1, y = 2;
    assert_null(names_insert(&t, "itil4.service_desk", 18, &x));
    assert_ptr_equal(names_insert(&t, "itil4.service_desk", 18, &y), &x); /* duplicate */
    assert_ptr_equal(names_find(&t, "itil4.service_desk", 18), &x);
    assert_null(names_find(&t, "itil4.service", 13)); /* a prefix is another key */
    /* Growth keeps every key. */
    char *keys = malloc(20000 * 8);
    for (unsigned i = 0; i < 20000; i++) {
        snprintf(keys + i * 8, 8, "k%05u", i % 100000u);
        assert_null(names_insert(&t, keys + i * 8, (uint32_t)strlen(keys + i * 8), keys + i * 8));
    }
    for (unsigned i = 0; i < 20000; i++)
        assert_ptr_equal(names_find(&t, keys + i * 8, (uint32_t)strlen(keys + i * 8)), keys + i * 8);
    assert_int_equal(t.count, 20001);
    free(keys);
    arena_free(&a);
}

/* The key of record INDEX of an array of strings (CTX). */
static const char *string_key(const void *ctx, uint32_t index, uint32_t *len)
{
    const char *k = ((const char *const *)ctx)[index];
    *len = (uint32_t)strlen(k);
    return k;
}

static void test_index_set(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    enum { N = 20000 };
    const char **recs = malloc(N * sizeof *recs);
    char *keys = malloc(N * 8);
    IndexSet t;
    index_set_init(&t, &a, 2, string_key, recs);
    uint32_t at = 99;
    recs[0] = "itil4.service_desk";
    assert_true(index_set_insert(&t, recs[0], 18, 0, &at));
    assert_int_equal(at, 99); /* untouched when inserted */
    assert_false(index_set_insert(&t, "itil4.service_desk", 18, 1, &at)); /* declared twice */
    assert_int_equal(at, 0);
    assert_true(index_set_find(&t, "itil4.service_desk", 18, &at));
    assert_int_equal(at, 0);
    assert_false(index_set_find(&t, "itil4.service", 13, &at)); /* a prefix is another key */
    /* Growth keeps every index under its key; index 0 is a real one. */
    for (uint32_t i = 1; i < N; i++) {
        snprintf(keys + i * 8, 8, "k%05u", i);
        recs[i] = keys + i * 8;
        assert_true(index_set_insert(&t, recs[i], (uint32_t)strlen(recs[i]), i, &at));
    }
    for (uint32_t i = 0; i < N; i++) {
        assert_true(index_set_find(&t, recs[i], (uint32_t)strlen(recs[i]), &at));
        assert_int_equal(at, i);
    }
    assert_int_equal(t.count, N);
    assert_true(t.cap >= N + N / 3);
    index_set_release(&t);
    assert_false(index_set_find(&t, recs[1], (uint32_t)strlen(recs[1]), &at));
    free(keys);
    free(recs);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scc_of_a_dag),
        cmocka_unit_test(test_scc_finds_cycles),
        cmocka_unit_test(test_path_inside_component),
        cmocka_unit_test(test_deep_chain_is_not_recursive),
        cmocka_unit_test(test_names_insert_and_find),
        cmocka_unit_test(test_index_set),
    };
    return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
