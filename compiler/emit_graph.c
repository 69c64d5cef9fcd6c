/* emit_graph.c — service dependency graphs: built with graphviz cgraph,
 * laid out and rendered with gvc (dot, svg, png, pdf), or written as
 * Mermaid text.  Nodes and edges are made in id order, so the output is
 * stable and DOT diffs cleanly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

#include "emit.h"
#include "escape.h"
#include "graph.h"

/* The graph, independent of how it is written. */
typedef enum GKind { G_SERVICE, G_OFFERING, G_CONSUMER, G_SUPPLIER } GKind;
typedef enum EKind { E_HARD, E_SOFT, E_INCLUDES, E_CONSUMES, E_RELATED } EKind;

typedef struct GNode {
    GKind kind;
    const Entity *e;
    const char *cluster;      /* owner id when clustering, or NULL */
    const char *cluster_label;
} GNode;

typedef struct GEdge {
    uint32_t from, to;        /* node indexes */
    EKind kind;
} GEdge;

typedef struct G {
    Arena *a;
    GNode *nodes;
    uint32_t nnodes;
    GEdge *edges;
    uint32_t nedges, capedges;
    int32_t *node_of;         /* per entity slot (by kind and index): node, or -1 */
    /* The layout plan (below). */
    struct PlanInput *plan;   /* NULL: nothing planned */
    const char *rankdir;      /* TB, LR, BT or RL */
    bool rankdir_given;
    uint32_t nrows;           /* 0: graphviz ranks the graph itself */
    uint32_t *row;            /* with nrows: each node's row */
    unsigned drawn;           /* STYLE_ bits of what is drawn, for the legend */
} G;

static void add_edge(G *g, uint32_t from, uint32_t to, EKind kind)
{
    g->edges = arena_grow(g->a, g->edges, g->nedges, &g->capedges, sizeof *g->edges, 64);
    g->edges[g->nedges++] = (GEdge){from, to, kind};
}


/* Mark in IN the services within DEPTH hops (< 0: any) of the START
 * services along one direction: what they depend on (down) or what depends
 * on them (up). */
static void walk_from(const Model *m, int depth, bool down, const uint32_t *start, uint32_t nstart, bool *in,
                      uint32_t *queue, uint32_t *dist)
{
    uint32_t head = 0, tail = 0;
    for (uint32_t k = 0; k < nstart; k++)
        if (dist[start[k]] == UINT32_MAX) {
            dist[start[k]] = 0;
            in[start[k]] = true;
            queue[tail++] = start[k];
        }
    while (head < tail) {
        uint32_t u = queue[head++];
        if (depth >= 0 && dist[u] >= (uint32_t)depth)
            continue;
        const Entity *svc = m->by_kind[DECL_SERVICE][u];
        uint32_t n = down ? 0 : entity_links(svc)->ndependents;
        const Val *d = down ? dep_service(node_get(&svc->node, SVC_DEPENDS_ON)) : NULL;
        for (uint32_t i = 0; d || i < n; i++) {
            uint32_t v = d ? d->ref->graph_index : entity_links(svc)->dependents[i]->graph_index;
            d = d ? dep_service(val_next(d)) : NULL;
            if (dist[v] != UINT32_MAX)
                continue; /* reached already on this walk */
            in[v] = true;
            dist[v] = dist[u] + 1;
            queue[tail++] = v;
        }
    }
}

/* Whether the service E has one of the strings of LIST (a row of strings) in its tags. */
static bool tagged(const Entity *e, const Val *list)
{
    for (const Val *t = node_get(&e->node, SVC_TAGS); t; t = val_next(t))
        for (const Val *w = list; w; w = val_next(w))
            if (t->len == w->len && memcmp(t->text, w->text, t->len) == 0)
                return true;
    return false;
}

/* Whether the row ROW of E holds an entity of LIST (a row of references). */
static bool ref_in(const Entity *e, size_t row, const Val *list)
{
    for (const Val *v = node_get(&e->node, row); v; v = val_next(v))
        for (const Val *w = list; w; w = val_next(w))
            if (v->ref == w->ref)
                return true;
    return false;
}

/* The view's starting services, into START; returns how many, or
 * UINT32_MAX when the view names no start (the whole catalogue). */
static uint32_t view_start(Arena *a, const Model *m, const Entity *view, uint32_t *start)
{
    const Val *from = node_get(&view->node, VIEW_START), *tags = node_get(&view->node, VIEW_TAGGED);
    if (!from && !tags)
        return UINT32_MAX;
    uint32_t ns = m->nkind[DECL_SERVICE], n = 0;
    bool *seen = arena_zalloc(a, ns + 1);
    /* Teams, people and consumer groups named, by kind and place. */
    bool *named[DECL__COUNT] = {NULL};
    static const DeclKind parties[] = {DECL_TEAM, DECL_PERSON, DECL_CONSUMER};
    for (size_t k = 0; k < 3; k++)
        named[parties[k]] = arena_zalloc(a, m->nkind[parties[k]] + 1);
#define ADD(i) do { if (!seen[i]) seen[i] = true, start[n++] = (i); } while (0)
    for (const Val *v = from; v; v = val_next(v)) {
        if (v->ref->kind == DECL_SERVICE)
            ADD(v->ref->graph_index);
        else if (v->ref->kind == DECL_OFFERING)
            for (const Val *s = node_get(&v->ref->node, OFF_SERVICES); s; s = val_next(s))
                ADD(s->ref->graph_index);
        else
            named[v->ref->kind][v->ref->graph_index] = true;
    }
    for (uint32_t i = 0; i < ns; i++) { /* owned by a team or person named, or tagged */
        const Entity *e = m->by_kind[DECL_SERVICE][i];
        const Val *owner = node_get(&e->node, SVC_OWNER);
        if ((owner && owner->ref && named[owner->ref->kind] && named[owner->ref->kind][owner->ref->graph_index]) ||
            (tags && tagged(e, tags)))
            ADD(i);
    }
    for (uint32_t i = 0; i < m->nkind[DECL_OFFERING]; i++) { /* offered to a consumer group named */
        const Entity *o = m->by_kind[DECL_OFFERING][i];
        bool to_named = false;
        for (const Val *c = node_get(&o->node, OFF_CONSUMERS); c && !to_named; c = val_next(c))
            to_named = named[DECL_CONSUMER][c->ref->graph_index];
        if (to_named)
            for (const Val *s = node_get(&o->node, OFF_SERVICES); s; s = val_next(s))
                ADD(s->ref->graph_index);
    }
#undef ADD
    return n;
}

/* Whether the service E passes the view's filters: type, status, owner, tags. */
static bool view_keeps(const Entity *view, const Entity *e)
{
    const Node *f = &view->node;
    const Val *types = node_get(f, VIEW_TYPE), *statuses = node_get(f, VIEW_STATUS);
    const Val *owners = node_get(f, VIEW_OWNER), *tags = node_get(f, VIEW_TAGS);
    bool type_ok = !types, status_ok = !statuses;
    for (const Val *v = types; v && !type_ok; v = val_next(v))
        type_ok = node_enum_is(&e->node, SVC_TYPE, schema_of(DECL_VIEW)->fields[VIEW_TYPE].words[v->word]);
    for (const Val *v = statuses; v && !status_ok; v = val_next(v))
        status_ok = node_enum_is(&e->node, SVC_STATUS, schema_of(DECL_VIEW)->fields[VIEW_STATUS].words[v->word]);
    return type_ok && status_ok && (!owners || ref_in(e, SVC_OWNER, owners)) && (!tags || tagged(e, tags));
}

/* Services within DEPTH hops of the start (the focus, or a view's start)
 * following dependencies (down), dependents (up) or each of the two (both:
 * never down then up, which would take in services that merely share a
 * dependency with the start); a view's filters then. */
static bool *select_services(Arena *a, const Model *m, const GraphOptions *o)
{
    uint32_t n = m->nkind[DECL_SERVICE];
    bool *in = arena_zalloc(a, n + 1);
    uint32_t *start = ARENA_ARRAY(a, uint32_t, n + 1), nstart = UINT32_MAX;
    if (o->view)
        nstart = view_start(a, m, o->view, start);
    else if (o->focus)
        start[0] = o->focus->graph_index, nstart = 1;
    if (nstart == UINT32_MAX) {
        memset(in, 1, n);
    } else {
        uint32_t *queue = ARENA_ARRAY(a, uint32_t, n + 1), *dist = ARENA_ARRAY(a, uint32_t, n + 1);
        for (int down = 0; down < 2; down++) {
            if ((down && o->direction == DIR_UP) || (!down && o->direction == DIR_DOWN))
                continue;
            memset(dist, 0xff, sizeof *dist * (n + 1));
            walk_from(m, o->depth, down, start, nstart, in, queue, dist);
        }
    }
    if (o->view)
        for (uint32_t i = 0; i < n; i++)
            if (in[i] && !view_keeps(o->view, m->by_kind[DECL_SERVICE][i]))
                in[i] = false;
    return in;
}

/* The node of entity E (a service or an offering), or -1. */
static int32_t node_of_entity(const G *g, const Model *m, const Entity *e)
{
    uint32_t slot = e->graph_index + (e->kind == DECL_OFFERING ? m->nkind[DECL_SERVICE] : 0);
    return g->node_of[slot];
}

/* see_also between the nodes drawn: faint, one line per pair however many
 * ways it is written, never a dependency. */
static void related_edges(G *g, const Model *m)
{
    static const struct { DeclKind kind; size_t row; } lists[] = {
        {DECL_SERVICE, SVC_SEE_ALSO}, {DECL_OFFERING, OFF_SEE_ALSO},
    };
    NameTable pairs;
    names_init(&pairs, g->a, 16);
    for (size_t k = 0; k < 2; k++)
        for (uint32_t i = 0; i < m->nkind[lists[k].kind]; i++) {
            const Entity *e = m->by_kind[lists[k].kind][i];
            int32_t from = node_of_entity(g, m, e);
            if (from < 0)
                continue;
            for (const Val *v = node_get(&e->node, lists[k].row); v; v = val_next(v)) {
                int32_t to = node_of_entity(g, m, v->ref);
                if (to < 0 || to == from)
                    continue;
                uint32_t *pair = ARENA_ARRAY(g->a, uint32_t, 2);
                pair[0] = (uint32_t)(from < to ? from : to);
                pair[1] = (uint32_t)(from < to ? to : from);
                if (!names_insert(&pairs, (const char *)pair, sizeof(uint32_t) * 2, pair))
                    add_edge(g, (uint32_t)from, (uint32_t)to, E_RELATED);
            }
        }
}

static G *build(Arena *a, const Model *m, const GraphOptions *o)
{
    G *g = ARENA_NEW(a, G);
    g->a = a;
    uint32_t ns = m->nkind[DECL_SERVICE], no = m->nkind[DECL_OFFERING], nc = m->nkind[DECL_CONSUMER];
    uint32_t nx = m->nkind[DECL_SUPPLIER];
    g->nodes = ARENA_ARRAY(a, GNode, ns + no + nc + nx + 1);
    g->node_of = ARENA_ARRAY(a, int32_t, ns + no + nc + nx + 1);
    for (uint32_t i = 0; i < ns + no + nc + nx; i++)
        g->node_of[i] = -1;
    bool *svc_in = select_services(a, m, o);
    for (uint32_t i = 0; i < ns; i++) {
        if (!svc_in[i])
            continue;
        const Entity *e = m->by_kind[DECL_SERVICE][i];
        GNode *gn = &g->nodes[g->nnodes];
        *gn = (GNode){G_SERVICE, e, NULL, NULL};
        const Val *owner = node_get(&e->node, SVC_OWNER);
        if (o->cluster_owner && owner) {
            gn->cluster = owner->ref->id;
            gn->cluster_label = owner->ref->name ? owner->ref->name : owner->ref->id;
        }
        g->node_of[i] = (int32_t)g->nnodes++;
    }
    /* Offerings that include a selected service; consumers of those. */
    bool *off_in = arena_zalloc(a, no + 1), *con_in = arena_zalloc(a, nc + 1);
    if (o->with_offerings || o->with_consumers)
        for (uint32_t i = 0; i < no; i++)
            for (const Val *v = node_get(&m->by_kind[DECL_OFFERING][i]->node, OFF_SERVICES); v; v = val_next(v))
                if (svc_in[v->ref->graph_index])
                    off_in[i] = true;
    if (o->with_consumers)
        for (uint32_t i = 0; i < no; i++)
            if (off_in[i])
                for (const Val *v = node_get(&m->by_kind[DECL_OFFERING][i]->node, OFF_CONSUMERS); v; v = val_next(v))
                    con_in[v->ref->graph_index] = true;
    /* Consumers need their offerings drawn to be linked to the services. */
    for (uint32_t i = 0; i < no; i++)
        if (off_in[i]) {
            g->nodes[g->nnodes] = (GNode){G_OFFERING, m->by_kind[DECL_OFFERING][i], NULL, NULL};
            g->node_of[ns + i] = (int32_t)g->nnodes++;
        }
    for (uint32_t i = 0; i < nc; i++)
        if (con_in[i]) {
            g->nodes[g->nnodes] = (GNode){G_CONSUMER, m->by_kind[DECL_CONSUMER][i], NULL, NULL};
            g->node_of[ns + no + i] = (int32_t)g->nnodes++;
        }
    /* The suppliers the services drawn depend on, and those edges. */
    bool *sup_in = arena_zalloc(a, nx + 1);
    for (uint32_t i = 0; i < ns && !o->hide_suppliers; i++)
        if (svc_in[i])
            for (const Val *d = node_get(&m->by_kind[DECL_SERVICE][i]->node, SVC_DEPENDS_ON); d; d = val_next(d))
                if (d->ref->kind == DECL_SUPPLIER)
                    sup_in[d->ref->graph_index] = true;
    for (uint32_t i = 0; i < nx; i++)
        if (sup_in[i]) {
            g->nodes[g->nnodes] = (GNode){G_SUPPLIER, m->by_kind[DECL_SUPPLIER][i], NULL, NULL};
            g->node_of[ns + no + nc + i] = (int32_t)g->nnodes++;
        }
    for (uint32_t i = 0; i < ns; i++) {
        if (g->node_of[i] < 0)
            continue;
        for (const Val *d = node_get(&m->by_kind[DECL_SERVICE][i]->node, SVC_DEPENDS_ON); d; d = val_next(d))
            if (d->ref->kind == DECL_SUPPLIER && !o->hide_suppliers)
                add_edge(g, (uint32_t)g->node_of[i], (uint32_t)g->node_of[ns + no + nc + d->ref->graph_index],
                         dep_is_hard(d) ? E_HARD : E_SOFT);
    }
    for (uint32_t i = 0; i < ns; i++) {
        if (g->node_of[i] < 0)
            continue;
        for (const Val *d = dep_service(node_get(&m->by_kind[DECL_SERVICE][i]->node, SVC_DEPENDS_ON)); d;
             d = dep_service(val_next(d)))
            if (g->node_of[d->ref->graph_index] >= 0)
                add_edge(g, (uint32_t)g->node_of[i], (uint32_t)g->node_of[d->ref->graph_index],
                         dep_is_hard(d) ? E_HARD : E_SOFT);
    }
    for (uint32_t i = 0; i < no; i++) {
        if (g->node_of[ns + i] < 0)
            continue;
        const Entity *off = m->by_kind[DECL_OFFERING][i];
        for (const Val *v = node_get(&off->node, OFF_CONSUMERS); v; v = val_next(v))
            if (g->node_of[ns + no + v->ref->graph_index] >= 0)
                add_edge(g, (uint32_t)g->node_of[ns + no + v->ref->graph_index],
                         (uint32_t)g->node_of[ns + i], E_CONSUMES);
        for (const Val *v = node_get(&off->node, OFF_SERVICES); v; v = val_next(v))
            if (g->node_of[v->ref->graph_index] >= 0)
                add_edge(g, (uint32_t)g->node_of[ns + i], (uint32_t)g->node_of[v->ref->graph_index],
                         E_INCLUDES);
    }
    if (!o->hide_related)
        related_edges(g, m);
    return g;
}

/* Styles ------------------------------------------------------------------- */

typedef struct Style {
    const char *shape, *style, *fill, *stroke, *font;
} Style;

static Style with_status(Style s, const char *status);

/* A service's style from its type and status (either may be NULL). */
static Style service_style(const char *type, const char *status)
{
    Style s = {"box", "rounded,filled", "#e2e3e5", "#495057", "#212529"};
    if (type && strcmp(type, "business") == 0)
        s.fill = "#cfe2ff", s.stroke = "#0a58ca";
    else if (type && strcmp(type, "enabling") == 0)
        s.fill = "#d1e7dd", s.stroke = "#146c43";
    return with_status(s, status);
}

/* A node's status: a service's or an offering's (others have none). */
static const char *node_status(const GNode *n)
{
    if (n->kind == G_SERVICE)
        return node_enum(&n->e->node, SVC_STATUS);
    if (n->kind == G_OFFERING)
        return node_enum(&n->e->node, OFF_STATUS);
    return NULL;
}

/* Pipeline and retired items look the same whatever their kind: a dashed
 * outline, or a dotted one, pale, with grey text. */
static Style with_status(Style s, const char *status)
{
    if (status && strcmp(status, "pipeline") == 0) {
        s.style = strcmp(s.style, "filled") == 0 ? "filled,dashed" : "rounded,filled,dashed";
    } else if (status && strcmp(status, "retired") == 0) {
        s.style = strcmp(s.style, "filled") == 0 ? "filled,dotted" : "rounded,filled,dotted";
        s.fill = "#f8f9fa", s.font = "#6c757d";
    }
    return s;
}

static Style node_style(const GNode *n)
{
    Style s = {"component", "filled", "#fff3cd", "#997404", "#212529"};
    if (n->kind == G_CONSUMER)
        s = (Style){"house", "filled", "#f8d7da", "#b02a37", "#212529"};
    else if (n->kind == G_SUPPLIER)
        s = (Style){"hexagon", "filled", "#e2d9f3", "#6f42c1", "#212529"};
    else if (n->kind == G_SERVICE)
        return service_style(node_enum(&n->e->node, SVC_TYPE), node_status(n));
    return with_status(s, node_status(n));
}

/* What a legend explains: one bit per node and edge style drawn. */
enum {
    STYLE_BUSINESS = 1 << 0, STYLE_TECHNICAL = 1 << 1, STYLE_ENABLING = 1 << 2,
    STYLE_OFFERING = 1 << 3, STYLE_CONSUMER = 1 << 4, STYLE_SUPPLIER = 1 << 5,
    STYLE_PIPELINE = 1 << 6, STYLE_RETIRED = 1 << 7,
    STYLE_EDGE = 8, /* edges: 1 << (STYLE_EDGE + EKind) */
};

static unsigned styles_drawn(const G *g)
{
    unsigned drawn = 0;
    for (uint32_t i = 0; i < g->nnodes; i++) {
        const GNode *n = &g->nodes[i];
        if (n->kind == G_SERVICE) {
            const char *type = node_enum(&n->e->node, SVC_TYPE);
            drawn |= type && strcmp(type, "business") == 0   ? STYLE_BUSINESS
                   : type && strcmp(type, "enabling") == 0 ? STYLE_ENABLING
                                                           : STYLE_TECHNICAL;
        } else {
            drawn |= n->kind == G_OFFERING ? STYLE_OFFERING : n->kind == G_CONSUMER ? STYLE_CONSUMER
                                                                                   : STYLE_SUPPLIER;
        }
        const char *status = node_status(n);
        if (status && strcmp(status, "pipeline") == 0)
            drawn |= STYLE_PIPELINE;
        else if (status && strcmp(status, "retired") == 0)
            drawn |= STYLE_RETIRED;
    }
    for (uint32_t i = 0; i < g->nedges; i++)
        drawn |= 1u << (STYLE_EDGE + g->edges[i].kind);
    return drawn;
}


/* Layout plan -------------------------------------------------------------- *
 * A layered graph is as wide as its widest layer: 60 services in four tiers
 * are a 12:1 strip whose labels a screen shows a few pixels high.  The plan
 * gives each node a layer (just above the highest thing it points at) and
 * puts a layer in one row or several, top-down or left-right.  Rows are
 * written as rank=same subgraphs on a chain of invisible anchors (newrank),
 * which graphviz keeps whatever the edges and clusters; one row per layer
 * is left to graphviz's own ranking.  For dot, every candidate is laid out
 * and the one whose bounding box suits the screen best kept (plan_measure):
 * an estimate from label widths misjudges how far dot spreads a split
 * layer.  The estimate (Helvetica 14, dot's default separations) still
 * picks Mermaid's direction, which has no layout to measure
 * (docs/graphs.md, Layouts that fit a screen). */

#define PT_CHAR 7.7   /* Helvetica 14: a character's mean width, points */
#define PT_NODESEP 18 /* dot: between nodes of a rank */
#define PT_RANKSEP 36 /* dot: between ranks */
#define PT_TITLE 40   /* a 20-point title and its margin */
#define PLAN_MAX_SPLIT 3 /* rows a layer at most: dot spreads more rows as wide */

/* The estimated box of a label (points): its longest line and its lines. */
static void text_size(const char *s, double *w, double *h)
{
    uint32_t lines = 1, chars = 0, longest = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n')
            lines++, chars = 0;
        else if ((*p & 0xC0) != 0x80 && ++chars > longest)
            longest = chars;
    }
    *w = PT_CHAR * longest;
    *h = 17.0 * lines;
}

static void node_size(const GNode *n, double *w, double *h)
{
    text_size(entity_label(n->e), w, h);
    /* Houses and hexagons are drawn round the label, wider than a box. */
    static const double widen[] = {[G_SERVICE] = 1.0, [G_OFFERING] = 1.0, [G_CONSUMER] = 1.7,
                                   [G_SUPPLIER] = 1.6};
    *w = (*w + 16) * widen[n->kind] + (n->kind == G_OFFERING ? 16 : 0);
    *h += 19;
    if (*w < 54)
        *w = 54;
    if (*h < 36)
        *h = 36;
}

/* The legend's rows (below), for its size. */
static uint32_t legend_rows(unsigned drawn) { return 1 + (uint32_t)__builtin_popcount(drawn); }

typedef struct Score {
    bool range, oneway;
    double fit;
} Score;

/* A way to lay the graph out: rank direction, nodes a row at most, and its
 * estimated score. */
typedef struct PlanCandidate {
    bool lr;
    uint32_t cap;
    Score score;
} PlanCandidate;

typedef struct PlanInput {
    const Graph *ranked;      /* the edges that rank: all but see_also */
    uint32_t *layer, nlayers, widest;
    uint32_t *order;          /* nodes by layer, then cluster, then node */
    uint32_t *first;          /* per layer: its start in ORDER, and one past the end */
    double *w, *h;            /* per node, points */
    double legend_w, legend_h, title_h;
    double screen_w, screen_h; /* points */
    PlanCandidate *cand;       /* in the order tried: top-down first, fewer rows first */
    uint32_t ncand;
} PlanInput;

/* Layers: each node just above the highest of what it points at (sinks
 * at the bottom, so a service nothing depends on stays in its tier), in
 * reverse topological order from Kahn's algorithm; false on a cycle. */
static bool plan_layers(Arena *a, const G *g, PlanInput *in)
{
    uint32_t n = g->nnodes, m = 0;
    uint32_t *from = ARENA_ARRAY(a, uint32_t, g->nedges + 1), *to = ARENA_ARRAY(a, uint32_t, g->nedges + 1);
    for (uint32_t i = 0; i < g->nedges; i++)
        if (g->edges[i].kind != E_RELATED)
            from[m] = g->edges[i].from, to[m++] = g->edges[i].to;
    const Graph *h = in->ranked = graph_build(a, n, m, from, to, NULL);
    uint32_t *indeg = arena_zalloc(a, sizeof *indeg * (n + 1)), *queue = ARENA_ARRAY(a, uint32_t, n + 1);
    for (uint32_t i = 0; i < m; i++)
        indeg[to[i]]++;
    uint32_t head = 0, tail = 0;
    for (uint32_t u = 0; u < n; u++)
        if (!indeg[u])
            queue[tail++] = u;
    while (head < tail) {
        uint32_t u = queue[head++];
        for (uint32_t k = h->off[u]; k < h->off[u + 1]; k++)
            if (--indeg[h->adj[k]] == 0)
                queue[tail++] = h->adj[k];
    }
    if (tail != n)
        return false;
    uint32_t *height = indeg, top = 0; /* all zero again */
    for (uint32_t i = n; i-- > 0;) {
        uint32_t u = queue[i];
        for (uint32_t k = h->off[u]; k < h->off[u + 1]; k++)
            if (height[h->adj[k]] + 1 > height[u])
                height[u] = height[h->adj[k]] + 1;
        if (height[u] > top)
            top = height[u];
    }
    in->layer = height;
    for (uint32_t u = 0; u < n; u++)
        in->layer[u] = top - height[u];
    in->nlayers = n ? top + 1 : 0;
    return true;
}

/* A node of a layer as it sorts: by owner (clustered nodes share rows), then node. */
typedef struct LayerKey {
    const char *cluster;
    uint32_t node;
} LayerKey;

static int layer_key_cmp(const void *pa, const void *pb)
{
    const LayerKey *a = pa, *b = pb;
    int c = strcmp(a->cluster, b->cluster);
    return c ? c : a->node < b->node ? -1 : a->node > b->node;
}

/* Nodes in order of layer, then owner (clustered nodes share rows), then node. */
static void plan_order(Arena *a, const G *g, PlanInput *in)
{
    uint32_t n = g->nnodes;
    in->first = arena_zalloc(a, sizeof *in->first * (in->nlayers + 1));
    for (uint32_t u = 0; u < n; u++)
        in->first[in->layer[u] + 1]++;
    in->widest = 0;
    for (uint32_t t = 0; t < in->nlayers; t++) {
        if (in->first[t + 1] > in->widest)
            in->widest = in->first[t + 1];
        in->first[t + 1] += in->first[t];
    }
    /* A counting sort by layer, then each layer by owner and node. */
    uint32_t *fill = ARENA_ARRAY(a, uint32_t, in->nlayers + 1);
    memcpy(fill, in->first, sizeof *fill * (in->nlayers + 1));
    LayerKey *keys = ARENA_ARRAY(a, LayerKey, n + 1);
    for (uint32_t u = 0; u < n; u++)
        keys[fill[in->layer[u]]++] = (LayerKey){g->nodes[u].cluster ? g->nodes[u].cluster : "", u};
    in->order = ARENA_ARRAY(a, uint32_t, n + 1);
    for (uint32_t t = 0; t < in->nlayers; t++)
        qsort(keys + in->first[t], in->first[t + 1] - in->first[t], sizeof *keys, layer_key_cmp);
    for (uint32_t i = 0; i < n; i++)
        in->order[i] = keys[i].node;
}

/* Rows of at most CAP nodes: each layer split evenly.  Returns how many. */
static uint32_t plan_rows(const PlanInput *in, uint32_t cap, uint32_t *row)
{
    uint32_t next = 0;
    for (uint32_t t = 0; t < in->nlayers; t++) {
        uint32_t k = in->first[t + 1] - in->first[t];
        uint32_t rows = (k + cap - 1) / cap, per = (k + rows - 1) / rows;
        for (uint32_t i = 0; i < k; i++)
            row[in->order[in->first[t] + i]] = next + i / per;
        next += rows;
    }
    return next;
}

typedef struct Shape {
    double w, h;
} Shape;

/* The estimated size (points) of the picture with these rows: a row is as
 * long as its nodes, their separations and the edges passing through it
 * (dot routes each through a virtual node); the legend sits in row 0. */
static Shape plan_estimate(const PlanInput *in, uint32_t n, const uint32_t *row, uint32_t nrows, bool lr,
                           double *along, double *across, int64_t *passing)
{
    for (uint32_t r = 0; r < nrows; r++)
        along[r] = across[r] = 0;
    for (uint32_t u = 0; u < n; u++) {
        along[row[u]] += (lr ? in->h[u] : in->w[u]) + PT_NODESEP;
        double thick = lr ? in->w[u] : in->h[u];
        if (thick > across[row[u]])
            across[row[u]] = thick;
    }
    /* Edges passing rows: counted at both ends and summed once (a
     * difference array), not row by row, which a long graph makes slow. */
    for (uint32_t r = 0; r <= nrows; r++)
        passing[r] = 0;
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t k = in->ranked->off[u]; k < in->ranked->off[u + 1]; k++)
            if (row[in->ranked->adj[k]] > row[u] + 1)
                passing[row[u] + 1]++, passing[row[in->ranked->adj[k]]]--;
    for (int64_t r = 0, through = 0; r < (int64_t)nrows; r++)
        along[r] += PT_NODESEP * (double)(through += passing[r]);
    if (in->legend_w > 0 && nrows) {
        along[0] += (lr ? in->legend_h : in->legend_w) + PT_NODESEP;
        double thick = lr ? in->legend_w : in->legend_h;
        if (thick > across[0])
            across[0] = thick;
    }
    double longest = 0, depth = nrows > 1 ? PT_RANKSEP * (nrows - 1) : 0;
    for (uint32_t r = 0; r < nrows; r++) {
        if (along[r] > longest)
            longest = along[r];
        depth += across[r];
    }
    Shape s = lr ? (Shape){depth, longest} : (Shape){longest, depth};
    s.h += in->title_h;
    return s;
}

static bool rankdir_lr(const char *d) { return d && (strcmp(d, "LR") == 0 || strcmp(d, "RL") == 0); }

/* How well a picture of W x H points suits the screen: its aspect within
 * 1:3 to 3:1 first, then whether at its own size it scrolls one way at
 * most, then the scale that fits it on the screen (at most 1: a picture
 * shown whole at its own size is as good as it gets). */
static Score plan_score(double w, double h, const PlanInput *in)
{
    double ratio = w / h;
    return (Score){ratio <= 3.0 && ratio >= 1.0 / 3.0, w <= in->screen_w || h <= in->screen_h,
                   fmin(1.0, fmin(in->screen_w / w, in->screen_h / h))};
}

static bool score_better(Score a, Score b)
{
    if (a.range != b.range)
        return a.range;
    if (a.oneway != b.oneway)
        return a.oneway;
    return a.fit > b.fit + 1e-9;
}

/* Lay G out as candidate K: its rank direction, and its rows when it
 * splits layers. */
static void plan_use(G *g, uint32_t k)
{
    const PlanInput *in = g->plan;
    if (!g->rankdir_given)
        g->rankdir = in->cand[k].lr ? "LR" : "TB";
    g->nrows = 0;
    if (in->cand[k].cap < in->widest)
        g->nrows = plan_rows(in, in->cand[k].cap, g->row);
}

/* Plan G's rank direction and, when ROWS (dot), its rows: candidates top-
 * down then left-right, one row a layer first; the best by the estimate is
 * used until plan_measure lays them out. */
static void plan(Arena *a, G *g, const GraphOptions *o, bool rows, bool legend, bool title)
{
    g->rankdir = o->rankdir ? o->rankdir : "TB";
    g->rankdir_given = o->rankdir != NULL;
    g->nrows = 0;
    PlanInput *in = arena_zalloc(a, sizeof *in);
    if (o->aspect < 0 || g->nnodes < 2 || !plan_layers(a, g, in))
        return;
    plan_order(a, g, in);
    uint32_t n = g->nnodes;
    in->w = ARENA_ARRAY(a, double, n + 1);
    in->h = ARENA_ARRAY(a, double, n + 1);
    for (uint32_t u = 0; u < n; u++)
        node_size(&g->nodes[u], &in->w[u], &in->h[u]);
    if (legend)
        in->legend_w = 240, in->legend_h = 24.0 * legend_rows(g->drawn) + 16;
    in->title_h = title ? PT_TITLE : 0;
    /* The screen in points, reshaped to the aspect asked for. */
    in->screen_w = (o->screen_w > 0 ? o->screen_w : 1600) * 0.75;
    in->screen_h = (o->screen_h > 0 ? o->screen_h : 1000) * 0.75;
    if (o->aspect > 0) {
        double area = in->screen_w * in->screen_h;
        in->screen_w = sqrt(area * o->aspect), in->screen_h = in->screen_w / o->aspect;
    }
    g->row = ARENA_ARRAY(a, uint32_t, n + 1);
    double *along = ARENA_ARRAY(a, double, n + 1), *across = ARENA_ARRAY(a, double, n + 1);
    int64_t *passing = ARENA_ARRAY(a, int64_t, n + 2);
    in->cand = ARENA_ARRAY(a, PlanCandidate, 2 * PLAN_MAX_SPLIT);
    uint32_t splits = !rows || n > 400 ? 1 : 3; /* more candidates cost more layouts */
    for (int lr = 0; lr < 2; lr++) {
        if (o->rankdir && rankdir_lr(o->rankdir) != (lr == 1))
            continue;
        uint32_t prev = 0;
        for (uint32_t split = 1; split <= splits && split <= in->widest; split++) {
            uint32_t cap = (in->widest + split - 1) / split;
            if (cap == prev)
                continue;
            prev = cap;
            uint32_t nrows = plan_rows(in, cap, g->row);
            Shape s = plan_estimate(in, n, g->row, nrows, lr, along, across, passing);
            in->cand[in->ncand] = (PlanCandidate){lr, cap, plan_score(s.w, s.h, in)};
            in->ncand++;
        }
    }
    uint32_t best = 0;
    for (uint32_t k = 1; k < in->ncand; k++)
        if (score_better(in->cand[k].score, in->cand[best].score))
            best = k;
    g->plan = in;
    plan_use(g, best);
}

/* Graphviz ------------------------------------------------------------------ *
 * Graphviz 2.42/2.43 take char * where they only read: these wrappers keep
 * the casts in one place. */

static char *gv(const char *s) { return (char *)s; }

static void gv_set(void *obj, const char *attr, const char *value)
{
    agsafeset(obj, gv(attr), gv(value), gv(""));
}

static void gv_declare(Agraph_t *g)
{
    static const char *const node_attrs[] = {"label", "shape", "style", "fillcolor", "color",
                                             "fontcolor", "tooltip", "fontname", NULL};
    static const char *const edge_attrs[] = {"style", "color", "arrowhead", "tooltip", "label",
                                             "fontname", NULL};
    for (int i = 0; node_attrs[i]; i++)
        agattr(g, AGNODE, gv(node_attrs[i]), gv(""));
    for (int i = 0; edge_attrs[i]; i++)
        agattr(g, AGEDGE, gv(edge_attrs[i]), gv(""));
    agattr(g, AGRAPH, gv("label"), gv(""));
    agattr(g, AGRAPH, gv("style"), gv(""));
    agattr(g, AGRAPH, gv("color"), gv(""));
    agattr(g, AGRAPH, gv("rankdir"), gv("TB"));
    agattr(g, AGRAPH, gv("fontname"), gv("Helvetica"));
}

static Agnode_t *gv_node(Agraph_t *g, const char *name, const char *label, Style s, const char *tip)
{
    Agnode_t *n = agnode(g, gv(name), 1);
    gv_set(n, "label", label);
    gv_set(n, "shape", s.shape);
    gv_set(n, "style", s.style);
    gv_set(n, "fillcolor", s.fill);
    gv_set(n, "color", s.stroke);
    gv_set(n, "fontcolor", s.font);
    gv_set(n, "fontname", "Helvetica");
    if (tip)
        gv_set(n, "tooltip", tip);
    return n;
}

static void gv_edge_style(Agedge_t *e, EKind k)
{
    switch (k) {
    case E_HARD: gv_set(e, "style", "solid"); gv_set(e, "tooltip", "hard dependency"); break;
    case E_SOFT: gv_set(e, "style", "dashed"); gv_set(e, "tooltip", "soft dependency"); break;
    case E_INCLUDES:
        gv_set(e, "style", "dotted");
        gv_set(e, "color", "#997404");
        gv_set(e, "tooltip", "offering includes service");
        break;
    case E_CONSUMES:
        gv_set(e, "style", "dotted");
        gv_set(e, "color", "#b02a37");
        gv_set(e, "arrowhead", "none");
        gv_set(e, "tooltip", "consumer group of offering");
        break;
    case E_RELATED: /* faint */
        gv_set(e, "style", "dotted");
        gv_set(e, "color", "#ced4da");
        gv_set(e, "arrowhead", "none");
        gv_set(e, "tooltip", "see also (related, not a dependency)");
        gv_set(e, "constraint", "false");
        break;
    }
}

/* Names as ids ------------------------------------------------------------ *
 * cgraph's own id discipline makes a name's id the address of its interned
 * copy, and writes subgraphs (clusters, rows) in id order: after the trial
 * layouts have freed graphs, heap reuse made that order — and so the DOT
 * and a clustered layout — change from run to run.  This discipline gives
 * names ids in order of first use (even; anonymous objects odd, as cgraph
 * expects), so the same graph is always written and laid out the same.
 * The names are cgraph's interned strings (agwrite reads their header to
 * know an HTML string), freed with the graph; the table is malloc'd: it
 * lives while graphviz holds the graph, when the arena must not allocate. */

typedef struct IdNames {
    Agraph_t *g;
    char **names;             /* id / 2 - 1 -> name */
    uint32_t count, cap;
    uint32_t *slots;          /* open addressing: index + 1, 0 empty */
    uint32_t nslots;
    IDTYPE anonymous;
} IdNames;

static uint32_t id_hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static uint32_t *id_slot(IdNames *t, const char *s)
{
    uint32_t i = id_hash(s) & (t->nslots - 1);
    while (t->slots[i] && strcmp(t->names[t->slots[i] - 1], s) != 0)
        i = (i + 1) & (t->nslots - 1);
    return &t->slots[i];
}

static bool id_grow(IdNames *t)
{
    if (t->count == t->cap) {
        uint32_t cap = t->cap ? 2 * t->cap : 64;
        char **names = realloc(t->names, sizeof *names * cap);
        if (!names)
            return false;
        t->names = names, t->cap = cap;
    }
    if (2 * (t->count + 1) > t->nslots) {
        uint32_t n = t->nslots ? 2 * t->nslots : 128;
        uint32_t *slots = calloc(n, sizeof *slots);
        if (!slots)
            return false;
        free(t->slots);
        t->slots = slots, t->nslots = n;
        for (uint32_t k = 0; k < t->count; k++)
            *id_slot(t, t->names[k]) = k + 1;
    }
    return true;
}

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    IdNames *t = calloc(1, sizeof *t);
    if (t)
        t->g = g, t->anonymous = 1;
    return t;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    (void)objtype;
    IdNames *t = state;
    if (!str) {
        *id = t->anonymous;
        t->anonymous += 2;
        return 1;
    }
    uint32_t *slot = t->nslots ? id_slot(t, str) : NULL;
    if (slot && *slot) {
        *id = 2 * (IDTYPE)*slot;
        return 1;
    }
    if (!createflag || !id_grow(t))
        return 0;
    char *copy = agstrdup(t->g, str);
    if (!copy)
        return 0;
    t->names[t->count++] = copy;
    *id_slot(t, copy) = t->count;
    *id = 2 * (IDTYPE)t->count;
    return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE request)
{
    (void)state, (void)objtype, (void)request;
    return 0;
}

static void id_free(void *state, int objtype, IDTYPE id) /* names stay until the graph closes */
{
    (void)state, (void)objtype, (void)id;
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
    (void)objtype;
    IdNames *t = state;
    return id % 2 == 0 && id / 2 >= 1 && id / 2 <= t->count ? t->names[id / 2 - 1] : NULL;
}

static void id_close(void *state)
{
    IdNames *t = state;
    free(t->names);
    free(t->slots);
    free(t);
}

static void id_register(void *state, int objtype, void *obj)
{
    (void)state, (void)objtype, (void)obj;
}

static Agiddisc_t id_names = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};
static Agdisc_t graph_disc = {&AgMemDisc, &id_names, &AgIoDisc};

/* The legend: one node, a table of the node and edge styles drawn. */
static const struct {
    unsigned bit;
    const char *fill, *stroke, *style, *text;
} legend_nodes[] = {
    {STYLE_BUSINESS, "#cfe2ff", "#0a58ca", "rounded", "business service"},
    {STYLE_TECHNICAL, "#e2e3e5", "#495057", "rounded", "technical service"},
    {STYLE_ENABLING, "#d1e7dd", "#146c43", "rounded", "enabling service"},
    {STYLE_OFFERING, "#fff3cd", "#997404", "solid", "offering"},
    {STYLE_CONSUMER, "#f8d7da", "#b02a37", "solid", "consumer group"},
    {STYLE_SUPPLIER, "#e2d9f3", "#6f42c1", "solid", "supplier"},
    {STYLE_PIPELINE, "#e2e3e5", "#495057", "dashed", "pipeline (planned)"},
    {STYLE_RETIRED, "#f8f9fa", "#495057", "dotted", "retired"},
};
static const struct {
    EKind kind;
    const char *color, *sample, *text;
} legend_edges[] = {
    {E_HARD, "#212529", "\u2500\u2500\u2500\u25b6", "hard dependency"},
    {E_SOFT, "#212529", "\u254c\u254c\u254c\u25b6", "soft dependency"},
    {E_INCLUDES, "#997404", "\u2508\u2508\u2508\u25b6", "offering includes service"},
    {E_CONSUMES, "#b02a37", "\u2508\u2508\u2508\u2508", "consumer group of offering"},
    {E_RELATED, "#adb5bd", "\u2508\u2508\u2508\u2508", "see also (not a dependency)"},
};
/* Mermaid's link for each kind of edge: the graph's and the legend's. */
static const char *const mermaid_arrows[] = {[E_HARD] = "-->", [E_SOFT] = "-.->", [E_INCLUDES] = "-.-o",
                                             [E_CONSUMES] = "---", [E_RELATED] = "-.-"};
#define LEGEND_NODES (sizeof legend_nodes / sizeof legend_nodes[0])
#define LEGEND_EDGES (sizeof legend_edges / sizeof legend_edges[0])

static const char *legend_html(Arena *a, unsigned drawn)
{
    Buf b;
    buf_init(&b, a);
    buf_adds(&b, "<TABLE BORDER=\"1\" COLOR=\"#adb5bd\" CELLBORDER=\"0\" CELLSPACING=\"3\" "
                 "CELLPADDING=\"2\" STYLE=\"rounded\"><TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>");
    for (size_t i = 0; i < LEGEND_NODES; i++)
        if (drawn & legend_nodes[i].bit) {
            char row[400];
            snprintf(row, sizeof row,
                     "<TR><TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"1\" STYLE=\"%s\" WIDTH=\"36\"> </TD>"
                     "<TD ALIGN=\"LEFT\">%s%s%s</TD></TR>",
                     legend_nodes[i].fill, legend_nodes[i].stroke, legend_nodes[i].style,
                     legend_nodes[i].bit == STYLE_RETIRED ? "<FONT COLOR=\"#6c757d\">" : "",
                     legend_nodes[i].text, legend_nodes[i].bit == STYLE_RETIRED ? "</FONT>" : "");
            buf_adds(&b, row);
        }
    for (size_t i = 0; i < LEGEND_EDGES; i++)
        if (drawn & (1u << (STYLE_EDGE + legend_edges[i].kind))) {
            char row[400];
            snprintf(row, sizeof row, "<TR><TD><FONT COLOR=\"%s\">%s</FONT></TD><TD ALIGN=\"LEFT\">%s</TD></TR>",
                     legend_edges[i].color, legend_edges[i].sample, legend_edges[i].text);
            buf_adds(&b, row);
        }
    buf_adds(&b, "</TABLE>");
    return buf_cstr(&b);
}

/* What a graphviz graph of G is made from, allocated in the arena once,
 * before any graph or context is open: running out of memory then cannot
 * jump away from something graphviz holds. */
typedef struct GvText {
    Agnode_t **nodes;
    const char **labels;      /* two a node: its label, its cluster's */
    const char **attrs;       /* four a node: SVG id, class, tooltip, link (or NULL) */
    const char *title, *legend;
    Agraph_t **ranks;         /* room for as many rows as the plan can make */
    Agnode_t **anchors;
} GvText;

static const char *const kind_words[] = {[G_SERVICE] = "service", [G_OFFERING] = "offering",
                                         [G_CONSUMER] = "consumer", [G_SUPPLIER] = "supplier"};

/* C percent-encoded into B unless KEEP holds it or it is a letter or digit. */
static void url_byte(Buf *b, unsigned char c, const char *keep)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr(keep, c))) {
        buf_addc(b, (char)c);
    } else {
        char pct[4];
        snprintf(pct, sizeof pct, "%%%02X", c);
        buf_adds(b, pct);
    }
}

/* LINK with {id} and {kind} replaced: the id percent-encoded but for RFC
 * 3986's unreserved characters; in the rest, what a URI may not hold
 * (spaces, quotes, < > \ ^ ` { | }, controls, non-ASCII bytes) encoded too
 * — graphviz 2.43 writes a link into SVG without escaping its quotes. */
static const char *link_of(Arena *a, const char *link, const char *kind, const char *id)
{
    static const char unreserved[] = "-._~", uri[] = "-._~:/?#[]@!$&'()*+,;=%";
    Buf b;
    buf_init(&b, a);
    for (const char *p = link; *p; p++) {
        if (strncmp(p, "{id}", 4) == 0) {
            for (const char *c = id; *c; c++)
                url_byte(&b, (unsigned char)*c, unreserved);
            p += 3;
        } else if (strncmp(p, "{kind}", 6) == 0) {
            buf_adds(&b, kind);
            p += 5;
        } else {
            url_byte(&b, (unsigned char)*p, uri);
        }
    }
    return esc_dot_label(a, buf_cstr(&b));
}

/* What an embedding page reads of node N, into OUT[4]: the SVG element's
 * id (kind-id: unique, and never graphviz's own node1, edge1, clust1), its
 * class (the kind, a service's type, the status), a tooltip (name, id,
 * owner, status, description) and the link, or NULL. */
#define TIP_DESCRIPTION 300 /* bytes of a description a tooltip shows at most */
static void embed_attrs(const G *g, const GNode *n, const char *link_template, const char *const *link_ids,
                        const char **out)
{
    const char *kind = kind_words[n->kind], *status = node_status(n);
    const char *type = n->kind == G_SERVICE ? node_enum(&n->e->node, SVC_TYPE) : NULL;
    out[0] = arena_printf(g->a, "%s-%s", kind, n->e->id);
    out[1] = arena_printf(g->a, "%s%s%s%s%s", kind, type ? " " : "", type ? type : "", status ? " " : "",
                          status ? status : "");
    Buf b;
    buf_init(&b, g->a);
    buf_adds(&b, entity_label(n->e));
    buf_adds(&b, " (");
    buf_adds(&b, kind);
    buf_adds(&b, " ");
    buf_adds(&b, n->e->id);
    buf_adds(&b, ")");
    size_t owner_row = n->kind == G_SERVICE ? SVC_OWNER : n->kind == G_SUPPLIER ? SUP_OWNER : SIZE_MAX;
    const Val *owner = owner_row != SIZE_MAX ? node_get(&n->e->node, owner_row) : NULL;
    if (owner && owner->ref) {
        buf_adds(&b, "\nowner: ");
        buf_adds(&b, entity_label(owner->ref));
    }
    if (status) {
        buf_adds(&b, "\nstatus: ");
        buf_adds(&b, status);
    }
    const char *tip = buf_cstr(&b), *desc = n->e->node.description;
    if (desc) { /* at most TIP_DESCRIPTION bytes, cut at a character's start */
        size_t len = strlen(desc), cut = len;
        if (cut > TIP_DESCRIPTION)
            for (cut = TIP_DESCRIPTION; cut > 0 && ((unsigned char)desc[cut] & 0xC0) == 0x80; cut--)
                ;
        tip = arena_printf(g->a, "%s\n%.*s%s", tip, (int)cut, desc, cut < len ? "…" : "");
    }
    out[2] = esc_dot_tooltip(g->a, tip);
    out[3] = link_template ? link_of(g->a, link_template, kind, link_ids ? link_ids[n->e->order] : n->e->id) : NULL;
}

static GvText *gv_text(const G *g, const char *title, bool legend, const char *link_template,
                       const char *const *link_ids)
{
    GvText *t = ARENA_NEW(g->a, GvText);
    t->nodes = ARENA_ARRAY(g->a, Agnode_t *, g->nnodes + 1);
    t->labels = ARENA_ARRAY(g->a, const char *, 2 * g->nnodes + 1);
    for (uint32_t i = 0; i < g->nnodes; i++) {
        t->labels[2 * i] = esc_dot_label(g->a, entity_label(g->nodes[i].e));
        t->labels[2 * i + 1] = g->nodes[i].cluster ? esc_dot_label(g->a, g->nodes[i].cluster_label) : NULL;
    }
    t->attrs = ARENA_ARRAY(g->a, const char *, 4 * g->nnodes + 1);
    for (uint32_t i = 0; i < g->nnodes; i++)
        embed_attrs(g, &g->nodes[i], link_template, link_ids, &t->attrs[4 * i]);
    t->title = title ? esc_dot_label(g->a, title) : NULL;
    t->legend = legend ? legend_html(g->a, g->drawn) : NULL;
    uint32_t rows = g->plan ? g->nnodes : 0; /* a row holds a node at least */
    t->ranks = ARENA_ARRAY(g->a, Agraph_t *, rows + 1);
    t->anchors = ARENA_ARRAY(g->a, Agnode_t *, rows + 1);
    return t;
}

/* G as a graphviz graph, made from T (no allocation in the arena). */
static Agraph_t *to_cgraph(const G *g, const GvText *t)
{
    Agnode_t **nodes = t->nodes;
    const char **labels = t->labels;
    Agraph_t **ranks = t->ranks;
    Agnode_t **anchors = t->anchors;
    Agraph_t *root = agopen(gv("services"), Agdirected, &graph_disc);
    gv_declare(root);
    gv_set(root, "rankdir", g->rankdir);
    if (t->title) {
        gv_set(root, "label", t->title);
        gv_set(root, "labelloc", "t");
        gv_set(root, "fontsize", "20");
    }
    for (uint32_t i = 0; i < g->nnodes; i++) {
        const GNode *n = &g->nodes[i];
        Agraph_t *where = root;
        if (n->cluster) {
            char name[300];
            snprintf(name, sizeof name, "cluster_%s", n->cluster);
            where = agsubg(root, name, 1);
            gv_set(where, "label", labels[2 * i + 1]);
            gv_set(where, "style", "rounded");
            gv_set(where, "color", "#adb5bd");
            gv_set(where, "fontsize", "14"); /* not the title's, which subgraphs would take */
        }
        nodes[i] = gv_node(where, n->e->id, labels[2 * i], node_style(n), t->attrs[4 * i + 2]);
        gv_set(nodes[i], "id", t->attrs[4 * i]);
        gv_set(nodes[i], "class", t->attrs[4 * i + 1]);
        if (t->attrs[4 * i + 3])
            gv_set(nodes[i], "URL", t->attrs[4 * i + 3]);
    }
    if (g->nrows) {
        /* Rows: a rank=same subgraph each ("rank N") on a chain of
         * invisible anchors ("row N"); names with a space, which no id has. */
        gv_set(root, "newrank", "true");
        for (uint32_t r = 0; r < g->nrows; r++) {
            char name[32];
            snprintf(name, sizeof name, "rank %u", r);
            ranks[r] = agsubg(root, name, 1);
            gv_set(ranks[r], "rank", "same");
            snprintf(name, sizeof name, "row %u", r);
            anchors[r] = agnode(ranks[r], name, 1);
            gv_set(anchors[r], "style", "invis");
            gv_set(anchors[r], "shape", "point");
            gv_set(anchors[r], "width", "0");
            gv_set(anchors[r], "height", "0");
            if (r)
                gv_set(agedge(root, anchors[r - 1], anchors[r], NULL, 1), "style", "invis");
        }
        for (uint32_t i = 0; i < g->nnodes; i++)
            agsubnode(ranks[g->row[i]], nodes[i], 1);
    }
    for (uint32_t i = 0; i < g->nedges; i++) {
        Agedge_t *e = agedge(root, nodes[g->edges[i].from], nodes[g->edges[i].to], NULL, 1);
        gv_edge_style(e, g->edges[i].kind);
    }
    if (t->legend) {
        Agnode_t *l = agnode(g->nrows ? ranks[0] : root, gv("svcc legend"), 1);
        gv_set(l, "shape", "plain");
        gv_set(l, "fontname", "Helvetica");
        char *html = agstrdup_html(root, gv(t->legend));
        agsafeset(l, gv("label"), html, gv(""));
        agstrfree(root, html);
    }
    return root;
}

static const char *layout_engine(const G *g, const GraphOptions *o)
{
    return o->layout ? o->layout : g->nnodes > GRAPH_DOT_MAX_NODES ? "sfdp" : "dot";
}

/* Whether G is too large for O's layout: E0905, with what to do instead. */
static bool too_large(Compiler *c, const G *g, const GraphOptions *o)
{
    const char *engine = layout_engine(g, o);
    long limit = o->max_nodes >= 0 ? o->max_nodes
               : strcmp(engine, "sfdp") == 0 ? GRAPH_SFDP_LIMIT : GRAPH_LAYOUT_LIMIT;
    if (limit == 0 || g->nnodes <= (uint32_t)limit)
        return false;
    Diag *d = diag_nowhere(&c->diags, D_E0905,
                           "the graph has %u nodes, over the layout limit of %ld for '%s' (it could "
                           "take graphviz minutes)", g->nnodes, limit, engine);
    diag_help(&c->diags, d, "draw part of it with --focus SERVICE --depth N, write it without a layout "
                            "with -T dot or -T mermaid, or raise the limit with --max-nodes N (0: none)");
    return true;
}

/* The process's graphviz context, made on the first layout and kept:
 * graphviz 2.43's text layout (pango plugin) keeps a pointer to the last
 * font name it measured, owned by the context that measured it, across
 * contexts — a second context after the first was freed read freed memory
 * (AddressSanitizer, graph --views).  Layouts are one thread at a time
 * anyway (docs/api.md, Threads). */
static GVC_t *gv_context(void)
{
    static GVC_t *shared;
    if (!shared)
        shared = gvContext();
    return shared;
}

/* The estimate misjudges how far dot spreads a layer to straighten its
 * edges: every candidate is laid out by dot itself, and the one whose
 * bounding box scores best is kept. */
static void plan_measure(G *g, const GvText *t, GVC_t *gvc)
{
    PlanInput *in = g->plan;
    uint32_t trials = in->ncand, best = 0;
    Score best_score = {false, false, -1};
    for (uint32_t k = 0; k < trials; k++) {
        plan_use(g, k);
        Agraph_t *root = to_cgraph(g, t);
        if (gvLayout(gvc, root, "dot") == 0) {
            boxf bb = GD_bb(root);
            Score s = plan_score(bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y, in);
            if (score_better(s, best_score))
                best = k, best_score = s;
            gvFreeLayout(gvc, root);
        }
        agclose(root);
    }
    plan_use(g, best);
}

static bool render_graphviz(G *g, const GraphOptions *o, const char *title, FILE *out, char *err,
                            size_t errlen)
{
    const GvText *t = gv_text(g, title, o->legend, o->link_template, o->link_ids);
    bool measure = strcmp(layout_engine(g, o), "dot") == 0 && g->plan && g->plan->ncand > 1;
    bool dot = strcmp(o->format, "dot") == 0;
    GVC_t *gvc = measure || !dot ? gv_context() : NULL;
    if (measure)
        plan_measure(g, t, gvc);
    Agraph_t *root = to_cgraph(g, t);
    bool ok = true;
    if (dot) {
        /* The graph as planned, without coordinates: stable, and it diffs cleanly. */
        ok = agwrite(root, out) == 0;
        if (!ok)
            snprintf(err, errlen, "cannot write the DOT graph");
        agclose(root);
        return ok;
    }
    const char *engine = layout_engine(g, o);
    if (gvLayout(gvc, root, engine) != 0) {
        snprintf(err, errlen, "graphviz cannot lay out with '%s'", engine);
        agclose(root);
        return false;
    }
    char *data = NULL;
    unsigned int len = 0;
    if (gvRenderData(gvc, root, o->format, &data, &len) != 0 || !data) {
        snprintf(err, errlen, "graphviz cannot render '%s'", o->format);
        ok = false;
    } else {
        ok = fwrite(data, 1, len, out) == len;
        if (!ok)
            snprintf(err, errlen, "cannot write the %s graph", o->format);
    }
    if (data)
        gvFreeRenderData(data);
    gvFreeLayout(gvc, root);
    agclose(root);
    return ok;
}

/* Mermaid ------------------------------------------------------------------------ */

/* PREFIX_ID with every character Mermaid ids do not take made '_'.  Node
 * ids are prefixed by kind (s_, o_, c_), owners' subgraphs by cluster_,
 * the legend's by legend: none can meet another. */
static char *mermaid_word(Arena *a, const char *prefix, const char *id)
{
    Buf b;
    buf_init(&b, a);
    buf_adds(&b, prefix);
    for (const char *p = id; *p; p++)
        buf_addc(&b, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
                         ? *p : '_');
    return buf_cstr(&b);
}

/* Make NAME unique in SEEN with a number if another has it. */
static const char *mermaid_unique(Arena *a, NameTable *seen, char *name)
{
    char *base = name;
    for (int k = 2; names_insert(seen, name, (uint32_t)strlen(name), name); k++)
        name = arena_printf(a, "%s_%d", base, k);
    return name;
}

/* A Mermaid id for each node: the entity id with other characters made
 * '_', prefixed by kind, made unique with a number if two collide. */
static const char **mermaid_ids(const G *g)
{
    const char **ids = ARENA_ARRAY(g->a, const char *, g->nnodes + 1);
    NameTable seen;
    names_init(&seen, g->a, g->nnodes);
    static const char *const prefix[] = {"s_", "o_", "c_", "x_"};
    for (uint32_t i = 0; i < g->nnodes; i++)
        ids[i] = mermaid_unique(g->a, &seen, mermaid_word(g->a, prefix[g->nodes[i].kind], g->nodes[i].e->id));
    return ids;
}

/* A node's class: pipeline or retired whatever its kind (its shape still
 * tells the kind), else its kind or a service's type. */
static const char *mermaid_class(const GNode *n)
{
    const char *status = node_status(n);
    if (status && strcmp(status, "live") != 0)
        return status;
    if (n->kind == G_OFFERING)
        return "offering";
    if (n->kind == G_CONSUMER)
        return "consumer";
    if (n->kind == G_SUPPLIER)
        return "supplier";
    const char *type = node_enum(&n->e->node, SVC_TYPE);
    return type ? type : "technical";
}

static void mermaid_node(FILE *out, const char *indent, const char *id, const GNode *n)
{
    fprintf(out, "%s%s", indent, id);
    static const char *const open[] = {[G_SERVICE] = "(", [G_OFFERING] = "[[", [G_CONSUMER] = "[/",
                                       [G_SUPPLIER] = "{{"};
    static const char *const close[] = {[G_SERVICE] = ")", [G_OFFERING] = "]]", [G_CONSUMER] = "\\]",
                                        [G_SUPPLIER] = "}}"};
    fputs(open[n->kind], out);
    esc_mermaid_label(out, entity_label(n->e));
    fputs(close[n->kind], out);
    fprintf(out, ":::%s\n", mermaid_class(n));
}

/* Nodes grouped by cluster, clusters in order of their first node, nodes
 * outside clusters first: one pass and a counting sort. */
static uint32_t *mermaid_order(const G *g)
{
    uint32_t *group = ARENA_ARRAY(g->a, uint32_t, g->nnodes + 1), ngroups = 1;
    NameTable seen;
    names_init(&seen, g->a, 16);
    for (uint32_t i = 0; i < g->nnodes; i++) {
        const char *cl = g->nodes[i].cluster;
        if (!cl) {
            group[i] = 0;
            continue;
        }
        uint32_t *known = names_find(&seen, cl, (uint32_t)strlen(cl));
        if (!known) {
            known = ARENA_NEW(g->a, uint32_t);
            *known = ngroups++;
            names_insert(&seen, cl, (uint32_t)strlen(cl), known);
        }
        group[i] = *known;
    }
    uint32_t *start = arena_zalloc(g->a, sizeof *start * (ngroups + 1)), *order = ARENA_ARRAY(g->a, uint32_t, g->nnodes + 1);
    for (uint32_t i = 0; i < g->nnodes; i++)
        start[group[i] + 1]++;
    for (uint32_t k = 0; k < ngroups; k++)
        start[k + 1] += start[k];
    for (uint32_t i = 0; i < g->nnodes; i++)
        order[start[group[i]]++] = i;
    return order;
}

static void mermaid_legend(FILE *out, unsigned drawn)
{
    static const char *const shapes[][3] = {
        {"legend_business", "(\"business service\")", "business"},
        {"legend_technical", "(\"technical service\")", "technical"},
        {"legend_enabling", "(\"enabling service\")", "enabling"},
        {"legend_offering", "[[\"offering\"]]", "offering"},
        {"legend_consumer", "[/\"consumer group\"\\]", "consumer"},
        {"legend_supplier", "{{\"supplier\"}}", "supplier"},
        {"legend_pipeline", "(\"pipeline (planned)\")", "pipeline"},
        {"legend_retired", "(\"retired\")", "retired"},
    };
    fputs("  subgraph legend [\"Legend\"]\n", out);
    for (size_t i = 0; i < LEGEND_NODES; i++)
        if (drawn & legend_nodes[i].bit)
            fprintf(out, "    %s%s:::%s\n", shapes[i][0], shapes[i][1], shapes[i][2]);
    static const char *const names[] = {[E_HARD] = "hard", [E_SOFT] = "soft", [E_INCLUDES] = "includes",
                                        [E_CONSUMES] = "consumes", [E_RELATED] = "related"};
    for (size_t i = 0; i < LEGEND_EDGES; i++)
        if (drawn & (1u << (STYLE_EDGE + legend_edges[i].kind))) {
            const char *name = names[legend_edges[i].kind];
            /* a quoted label a line at most (tests/fuzz/props.h) */
            fprintf(out, "    legend_%s_a(\"A\")\n    legend_%s_b(\"B\")\n    legend_%s_a %s|\"%s\"| legend_%s_b\n", name,
                    name, name, mermaid_arrows[legend_edges[i].kind], legend_edges[i].text, name);
        }
    fputs("  end\n", out);
}

static bool render_mermaid(const G *g, const GraphOptions *o, const char *title, FILE *out)
{
    const char **ids = mermaid_ids(g);
    if (title) { /* front matter: Mermaid draws it above the chart */
        fputs("---\ntitle: ", out);
        esc_yaml_string(out, title);
        fputs("\n---\n", out);
    }
    fprintf(out, "flowchart %s\n", g->rankdir);
    fputs("  classDef business fill:#cfe2ff,stroke:#0a58ca,color:#212529\n"
          "  classDef technical fill:#e2e3e5,stroke:#495057,color:#212529\n"
          "  classDef enabling fill:#d1e7dd,stroke:#146c43,color:#212529\n"
          "  classDef pipeline fill:#e2e3e5,stroke:#495057,stroke-dasharray:5 3,color:#212529\n"
          "  classDef retired fill:#f8f9fa,stroke:#adb5bd,stroke-dasharray:2 2,color:#6c757d\n"
          "  classDef offering fill:#fff3cd,stroke:#997404,color:#212529\n"
          "  classDef consumer fill:#f8d7da,stroke:#b02a37,color:#212529\n", out);
    if (g->drawn & STYLE_SUPPLIER) /* only when one is drawn */
        fputs("  classDef supplier fill:#e2d9f3,stroke:#6f42c1,color:#212529\n", out);
    /* Nodes outside clusters, then each cluster in order of first member. */
    uint32_t *order = mermaid_order(g);
    NameTable clusters; /* owners "a-b" and "a_b" are two subgraphs */
    names_init(&clusters, g->a, 16);
    for (uint32_t k = 0; k < g->nnodes; k++) {
        const GNode *n = &g->nodes[order[k]];
        if (n->cluster && (k == 0 || g->nodes[order[k - 1]].cluster != n->cluster)) {
            if (k && g->nodes[order[k - 1]].cluster)
                fputs("  end\n", out);
            fprintf(out, "  subgraph %s [", mermaid_unique(g->a, &clusters, mermaid_word(g->a, "cluster_", n->cluster)));
            esc_mermaid_label(out, n->cluster_label);
            fputs("]\n", out);
        }
        mermaid_node(out, n->cluster ? "    " : "  ", ids[order[k]], n);
    }
    if (g->nnodes && g->nodes[order[g->nnodes - 1]].cluster)
        fputs("  end\n", out);
    for (uint32_t i = 0; i < g->nedges; i++)
        fprintf(out, "  %s %s %s\n", ids[g->edges[i].from], mermaid_arrows[g->edges[i].kind],
                ids[g->edges[i].to]);
    for (uint32_t i = 0; i < g->nedges; i++) /* see_also faint: links count from 0 */
        if (g->edges[i].kind == E_RELATED)
            fprintf(out, "  linkStyle %u stroke:#ced4da\n", i);
    if (o->legend)
        mermaid_legend(out, g->drawn);
    return !ferror(out);
}

/* Mermaid text, written only within the renderers' default limits (500
 * edges, 50,000 characters as JavaScript counts them: UTF-16 units), or
 * with --max-nodes 0; over them, E0906 with what to do instead. */
static bool write_mermaid(Compiler *c, const G *g, const GraphOptions *o, const char *title, FILE *out, char *err,
                          size_t errlen)
{
    /* Measured before it is written: in a memory stream that the arena
     * frees if it runs out while the names are made unique. */
    ArenaStream *mem = arena_stream_open(g->a);
    if (!mem || !render_mermaid(g, o, title, mem->f) || fflush(mem->f) != 0) {
        arena_stream_free(mem);
        snprintf(err, errlen, "cannot write the Mermaid graph: out of memory");
        return false;
    }
    const char *text = mem->text;
    size_t len = mem->len;
    size_t edges = g->nedges, units = 0;
    if (o->legend)
        for (size_t i = 0; i < LEGEND_EDGES; i++)
            edges += (g->drawn >> (STYLE_EDGE + legend_edges[i].kind)) & 1u;
    for (size_t i = 0; i < len; i++) /* a character outside the BMP is two */
        units += ((unsigned char)text[i] & 0xC0) != 0x80 ? 1 + ((unsigned char)text[i] >= 0xF0) : 0;
    if (o->max_nodes != 0 && (edges > MERMAID_MAX_EDGES || units > MERMAID_MAX_TEXT)) {
        arena_stream_free(mem);
        Diag *d = diag_nowhere(&c->diags, D_E0906,
                               "the Mermaid graph has %zu edges and %zu characters, over what Mermaid renders "
                               "by default (%d edges, %d characters): GitHub and most sites would show an error",
                               edges, units, MERMAID_MAX_EDGES, MERMAID_MAX_TEXT);
        diag_help(&c->diags, d, "draw part of it with a view (--view ID) or --focus SERVICE --depth N, or write "
                                "it anyway with --max-nodes 0 for a renderer whose limits you raised");
        err[0] = '\0';
        return false;
    }
    bool ok = fwrite(text, 1, len, out) == len;
    arena_stream_free(mem);
    if (!ok)
        snprintf(err, errlen, "cannot write the Mermaid graph");
    return ok;
}

/* The title: the option's ("" none), else the catalogue's name or id. */
static const char *graph_title(const Model *m, const GraphOptions *o)
{
    if (o->title)
        return o->title[0] ? o->title : NULL;
    const Entity *cat = m->catalogue;
    return cat ? entity_label(cat) : NULL;
}

/* O with its view's fields in place of the options a view sets. */
static GraphOptions with_view(const GraphOptions *o)
{
    GraphOptions v = *o;
    const Node *n = &o->view->node;
    const FieldSpec *f = schema_of(DECL_VIEW)->fields;
    v.with_offerings = v.with_consumers = v.hide_suppliers = v.hide_related = false;
    for (const Val *w = node_get(n, VIEW_WITH); w; w = val_next(w))
        *(strcmp(f[VIEW_WITH].words[w->word], "offerings") == 0 ? &v.with_offerings : &v.with_consumers) = true;
    for (const Val *w = node_get(n, VIEW_HIDE); w; w = val_next(w))
        *(strcmp(f[VIEW_HIDE].words[w->word], "suppliers") == 0 ? &v.hide_suppliers : &v.hide_related) = true;
    v.cluster_owner = node_enum_is(n, VIEW_CLUSTER, "owner");
    const Val *depth = node_get(n, VIEW_DEPTH);
    v.depth = depth ? (int)depth->num : 1;
    const char *dir = node_enum(n, VIEW_DIRECTION);
    v.direction = strcmp(dir, "down") == 0 ? DIR_DOWN : strcmp(dir, "up") == 0 ? DIR_UP : DIR_BOTH;
    if (!o->rankdir) {
        static const char *const words[] = {"down", "right", "up", "left"}, *const dirs[] = {"TB", "LR", "BT", "RL"};
        const char *layout = node_enum(n, VIEW_LAYOUT);
        for (size_t i = 0; i < 4; i++)
            if (strcmp(layout, words[i]) == 0)
                v.rankdir = dirs[i];
    }
    if (!o->title)
        v.title = entity_label(o->view);
    return v;
}

bool emit_service_graph(Compiler *c, const Model *m, const GraphOptions *given, FILE *out, char *err,
                        size_t errlen)
{
    GraphOptions viewed = given->view ? with_view(given) : *given;
    const GraphOptions *o = &viewed;
    G *g = build(&c->arena, m, o);
    g->drawn = styles_drawn(g);
    const char *title = graph_title(m, o);
    bool mermaid = strcmp(o->format, "mermaid") == 0;
    /* Rows for dot, and not for clusters: under newrank, graphviz 2.43
     * fills a cluster's rank gaps with subgraphs it never frees. */
    plan(&c->arena, g, o, !mermaid && !o->cluster_owner && strcmp(layout_engine(g, o), "dot") == 0, o->legend,
         title != NULL);
    if (mermaid)
        return write_mermaid(c, g, o, title, out, err, errlen);
    if (strcmp(o->format, "dot") != 0 && too_large(c, g, o)) {
        err[0] = '\0';
        return false;
    }
    return render_graphviz(g, o, title, out, err, errlen);
}
