/* emit.h — the outputs of a checked model. */
#ifndef SVCC_EMIT_H
#define SVCC_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "compiler.h"

#define CATALOGUE_FORMAT "svcc.catalogue"
#define CATALOGUE_FORMAT_VERSION 4

/* Catalogue JSON (docs/catalogue-json.md), streamed to OUT.  Returns false
 * if writing failed. */
bool emit_json(Compiler *c, const Model *m, FILE *out);

/* The place of an entity, as outputs give it: file relative to the root
 * file's folder (or a module's search directory), line and column. */
typedef struct Place {
    const char *file;
    const char *module;   /* NULL outside modules */
    unsigned line, column;
} Place;

Place emit_place(Compiler *c, const Entity *e);

/* Dependency graphs ----------------------------------------------------- */

typedef enum Direction { DIR_DOWN, DIR_UP, DIR_BOTH } Direction;

typedef struct GraphOptions {
    const char *format;        /* dot, svg, png, pdf, mermaid */
    bool with_offerings, with_consumers;
    bool cluster_owner;
    bool legend;
    const Entity *focus;       /* NULL: the whole catalogue */
    int depth;                 /* with focus: hops to follow; < 0 unlimited */
    Direction direction;       /* down: dependencies, up: dependents */
    const char *layout;        /* graphviz engine; NULL: chosen by size */
    long max_nodes;            /* svg, png, pdf: refuse larger graphs; 0 no
                                * limit; < 0 the engine's (below) */
    const char *title;         /* NULL: the catalogue's name; "": none */
    const char *rankdir;       /* TB, LR, BT, RL; NULL: chosen by shape */
    double aspect;             /* width / height aimed at; 0: the screen's; < 0:
                                * graphviz's own layout, no rows planned */
    int screen_w, screen_h;    /* pixels the layout is planned for */
    bool hide_suppliers, hide_related;
    const char *link_template; /* nodes link to it, {id} and {kind} replaced; or NULL */
    const char *const *link_ids; /* by entity order: what {id} becomes; NULL: the ids */
    const Entity *view;        /* a view: where it starts, its depth, direction,
                                * filters, kinds, clusters and layout (the
                                * fields above it replaces), its title */
} GraphOptions;

#define GRAPH_DOT_MAX_NODES 1000     /* above this, the default layout is sfdp */
#define GRAPH_SFDP_LIMIT 10000       /* sfdp: 3.9 s at 10,000 nodes (docs/graphs.md) */
#define GRAPH_LAYOUT_LIMIT 2000      /* dot, neato, fdp, circo, twopi: minutes above */
#define MERMAID_MAX_EDGES 500        /* Mermaid's default maxEdges */
#define MERMAID_MAX_TEXT 50000       /* Mermaid's default maxTextSize, characters */

/* The selected part of the model as a graph, written to OUT.  Returns false
 * with a message in ERR on failure (graphviz refused the layout or
 * format, or writing failed), or with ERR empty after reporting E0905: a
 * graph too large to lay out in reasonable time. */
bool emit_service_graph(Compiler *c, const Model *m, const GraphOptions *o, FILE *out, char *err,
                size_t errlen);

/* Impact analysis -------------------------------------------------------- */

typedef struct Impact {
    const Entity *service;    /* what fails: a service or a supplier */
    Entity **services;        /* every service depending on it, by id */
    bool *hard;               /* per service: a path of hard dependencies only */
    uint32_t *distance;       /* per service: hops on its path — the shortest hard
                               * path if it has one, else the shortest of any kind */
    Entity **via;             /* per service: the one it depends on along that path
                               * (the service itself for a direct dependent) */
    uint32_t nservices;
    Entity **resources;       /* a supplier's: the resources that depend on it */
    uint32_t nresources;
    Entity **offerings;       /* offerings including the service or any of those,
                               * or giving access to one of the resources */
    uint32_t nofferings;
    Entity **consumers;       /* consumer groups of those offerings */
    uint32_t nconsumers;
} Impact;

Impact *impact_of(Compiler *c, const Model *m, const Entity *service);
/* For the impact of many services (the portal works out every one's):
 * the index, made once in A, and each impact with it, in A2 (a page's
 * scratch memory), at the cost of what that impact reaches. */
typedef struct ImpactIndex ImpactIndex;
ImpactIndex *impact_index(Compiler *c, Arena *a, const Model *m);
Impact *impact_with(Compiler *c, ImpactIndex *x, Arena *a2, const Entity *service);
bool emit_impact_text(const Impact *im, FILE *out);
bool emit_impact_json(Compiler *c, const Impact *im, FILE *out);

#endif
