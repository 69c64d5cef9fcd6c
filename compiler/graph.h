/* graph.h — directed graphs in compressed rows, and their strongly
 * connected components (Tarjan's algorithm, iterative: linear time, no
 * recursion however deep the graph). */
#ifndef SVCC_GRAPH_H
#define SVCC_GRAPH_H

#include <stdint.h>

#include "arena.h"

typedef struct Graph {
    uint32_t n;          /* nodes 0..n-1 */
    uint32_t *off;       /* edges of u: adj[off[u] .. off[u+1]) */
    uint32_t *adj;
    uint32_t *src;       /* per edge: its source node */
    void **label;        /* per edge: what the caller attached, parallel to adj */
} Graph;

/* Build from an edge list (from[i] -> to[i], label[i]); edges keep their
 * order within each node. */
Graph *graph_build(Arena *a, uint32_t n, uint32_t nedges, const uint32_t *from,
                   const uint32_t *to, void *const *label);

/* Component of each node; components are numbered in reverse topological
 * order (a component's successors have smaller numbers).  Returns the
 * number of components. */
uint32_t graph_scc(Arena *a, const Graph *g, uint32_t *comp);

/* Scratch space for path searches, made once per graph. */
typedef struct GraphPaths {
    uint32_t *via, *queue;
} GraphPaths;

GraphPaths *graph_paths_new(Arena *a, const Graph *g);

/* A shortest path from FROM to TO through FROM's component only, as edge
 * indexes (into adj) written to EDGES; returns its length, 0 if none. */
uint32_t graph_path(GraphPaths *p, const Graph *g, const uint32_t *comp, uint32_t from,
                    uint32_t to, uint32_t *edges);

#endif
