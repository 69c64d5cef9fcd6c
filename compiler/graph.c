/* graph.c — compressed-row graphs, Tarjan's SCC, shortest paths. */
#include "graph.h"

#include <stdbool.h>
#include <string.h>

Graph *graph_build(Arena *a, uint32_t n, uint32_t nedges, const uint32_t *from,
                   const uint32_t *to, void *const *label)
{
    Graph *g = ARENA_NEW(a, Graph);
    g->n = n;
    g->off = arena_zalloc(a, sizeof(uint32_t) * (n + 1));
    g->adj = ARENA_ARRAY(a, uint32_t, nedges + 1);
    g->label = ARENA_ARRAY(a, void *, nedges + 1);
    g->src = ARENA_ARRAY(a, uint32_t, nedges + 1);
    for (uint32_t i = 0; i < nedges; i++)
        g->off[from[i] + 1]++;
    for (uint32_t u = 0; u < n; u++)
        g->off[u + 1] += g->off[u];
    uint32_t *fill = ARENA_ARRAY(a, uint32_t, n + 1);
    memcpy(fill, g->off, sizeof(uint32_t) * (n + 1));
    for (uint32_t i = 0; i < nedges; i++) {
        uint32_t k = fill[from[i]]++;
        g->adj[k] = to[i];
        g->src[k] = from[i];
        g->label[k] = label ? label[i] : NULL;
    }
    return g;
}

#define UNSEEN UINT32_MAX

uint32_t graph_scc(Arena *a, const Graph *g, uint32_t *comp)
{
    uint32_t n = g->n;
    uint32_t *index = ARENA_ARRAY(a, uint32_t, n + 1);
    uint32_t *low = ARENA_ARRAY(a, uint32_t, n + 1);
    uint32_t *stack = ARENA_ARRAY(a, uint32_t, n + 1);   /* Tarjan's stack */
    uint32_t *call = ARENA_ARRAY(a, uint32_t, n + 1);    /* the DFS, as a stack of nodes */
    uint32_t *next = ARENA_ARRAY(a, uint32_t, n + 1);    /* next edge to follow, per node */
    unsigned char *on = arena_zalloc(a, n + 1);
    for (uint32_t u = 0; u < n; u++)
        index[u] = UNSEEN;
    uint32_t counter = 0, sp = 0, ncomp = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (index[root] != UNSEEN)
            continue;
        uint32_t depth = 0;
        call[depth++] = root;
        index[root] = low[root] = counter++;
        next[root] = g->off[root];
        stack[sp++] = root;
        on[root] = 1;
        while (depth > 0) {
            uint32_t u = call[depth - 1];
            if (next[u] < g->off[u + 1]) {
                uint32_t v = g->adj[next[u]++];
                if (index[v] == UNSEEN) {
                    index[v] = low[v] = counter++;
                    next[v] = g->off[v];
                    stack[sp++] = v;
                    on[v] = 1;
                    call[depth++] = v;
                } else if (on[v] && index[v] < low[u]) {
                    low[u] = index[v];
                }
                continue;
            }
            depth--;
            if (depth > 0) {
                uint32_t parent = call[depth - 1];
                if (low[u] < low[parent])
                    low[parent] = low[u];
            }
            if (low[u] == index[u]) {
                uint32_t w;
                do {
                    w = stack[--sp];
                    on[w] = 0;
                    comp[w] = ncomp;
                } while (w != u);
                ncomp++;
            }
        }
    }
    return ncomp;
}

GraphPaths *graph_paths_new(Arena *a, const Graph *g)
{
    GraphPaths *p = ARENA_NEW(a, GraphPaths);
    p->via = ARENA_ARRAY(a, uint32_t, g->n + 1);
    p->queue = ARENA_ARRAY(a, uint32_t, g->n + 1);
    for (uint32_t u = 0; u < g->n; u++)
        p->via[u] = UNSEEN;
    return p;
}

uint32_t graph_path(GraphPaths *p, const Graph *g, const uint32_t *comp, uint32_t from,
                    uint32_t to, uint32_t *edges)
{
    /* Breadth-first from FROM within its component; via[v] is the edge
     * that reached v.  Only the nodes reached are reset afterwards, so a
     * search costs the size of what it explores. */
    uint32_t c = comp[from];
    uint32_t head = 0, tail = 0;
    bool found = false;
    p->queue[tail++] = from;
    while (head < tail && !found) {
        uint32_t u = p->queue[head++];
        for (uint32_t k = g->off[u]; k < g->off[u + 1]; k++) {
            uint32_t v = g->adj[k];
            if (comp[v] != c || p->via[v] != UNSEEN || v == from)
                continue;
            p->via[v] = k;
            p->queue[tail++] = v;
            if (v == to) {
                found = true;
                break;
            }
        }
    }
    uint32_t len = 0;
    if (found) {
        for (uint32_t v = to; v != from; v = g->src[p->via[v]])
            edges[len++] = p->via[v];
        for (uint32_t i = 0; i < len / 2; i++) {
            uint32_t t = edges[i];
            edges[i] = edges[len - 1 - i];
            edges[len - 1 - i] = t;
        }
    }
    for (uint32_t i = 0; i < tail; i++)
        p->via[p->queue[i]] = UNSEEN;
    return len;
}
