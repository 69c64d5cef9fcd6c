/* emit_graph.c — service dependency graphs: built with graphviz cgraph,
 * laid out and rendered with gvc (dot, svg, png, pdf), or written as
 * Mermaid text.  Nodes and edges are made in id order, so the output is
 * stable and DOT diffs cleanly. */
#include <string.h>

#include <gvc.h>

#include "emit.h"
#include "escape.h"

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
} G;

static void add_edge(G *g, uint32_t from, uint32_t to, EKind kind)
{
    g->edges = arena_grow(g->a, g->edges, g->nedges, &g->capedges, sizeof *g->edges, 64);
    g->edges[g->nedges++] = (GEdge){from, to, kind};
}


/* Mark in IN the services within DEPTH hops of the focus along one
 * direction: what they depend on (down) or what depends on them (up). */
static void walk_from_focus(const Model *m, const GraphOptions *o, bool down, bool *in,
                            uint32_t *queue, uint32_t *dist)
{
    uint32_t head = 0, tail = 0;
    queue[tail++] = o->focus->graph_index;
    dist[o->focus->graph_index] = 0;
    in[o->focus->graph_index] = true;
    while (head < tail) {
        uint32_t u = queue[head++];
        if (o->depth >= 0 && dist[u] >= (uint32_t)o->depth)
            continue;
        const Entity *svc = m->by_kind[DECL_SERVICE][u];
        uint32_t n = down ? 0 : svc->links->ndependents;
        const Val *d = down ? dep_service(node_get(&svc->node, SVC_DEPENDS_ON)) : NULL;
        for (uint32_t i = 0; d || i < n; i++) {
            uint32_t v = d ? d->ref->graph_index : svc->links->dependents[i]->graph_index;
            d = d ? dep_service(val_next(d)) : NULL;
            if (dist[v] != UINT32_MAX)
                continue; /* reached already on this walk */
            in[v] = true;
            dist[v] = dist[u] + 1;
            queue[tail++] = v;
        }
    }
}

/* Services within DEPTH hops of the focus, following dependencies (down),
 * dependents (up) or each of the two (both: never down then up, which would
 * take in services that merely share a dependency with the focus). */
static bool *select_services(Arena *a, const Model *m, const GraphOptions *o)
{
    uint32_t n = m->nkind[DECL_SERVICE];
    bool *in = arena_zalloc(a, n + 1);
    if (!o->focus) {
        memset(in, 1, n);
        return in;
    }
    uint32_t *queue = ARENA_ARRAY(a, uint32_t, n + 1), *dist = ARENA_ARRAY(a, uint32_t, n + 1);
    for (int down = 0; down < 2; down++) {
        if ((down && o->direction == DIR_UP) || (!down && o->direction == DIR_DOWN))
            continue;
        memset(dist, 0xff, sizeof *dist * (n + 1));
        walk_from_focus(m, o, down, in, queue, dist);
    }
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
    for (uint32_t i = 0; i < ns; i++)
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
            if (d->ref->kind == DECL_SUPPLIER)
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
    related_edges(g, m);
    return g;
}

/* Styles ------------------------------------------------------------------- */

typedef struct Style {
    const char *shape, *style, *fill, *stroke, *font;
} Style;

/* A service's style from its type and status (either may be NULL). */
static Style service_style(const char *type, const char *status)
{
    Style s = {"box", "rounded,filled", "#e2e3e5", "#495057", "#212529"};
    if (type && strcmp(type, "business") == 0)
        s.fill = "#cfe2ff", s.stroke = "#0a58ca";
    else if (type && strcmp(type, "enabling") == 0)
        s.fill = "#d1e7dd", s.stroke = "#146c43";
    if (status && strcmp(status, "pipeline") == 0)
        s.style = "rounded,filled,dashed";
    else if (status && strcmp(status, "retired") == 0)
        s.style = "rounded,filled,dotted", s.fill = "#f8f9fa", s.font = "#6c757d";
    return s;
}

static Style node_style(const GNode *n)
{
    if (n->kind == G_OFFERING)
        return (Style){"component", "filled", "#fff3cd", "#997404", "#212529"};
    if (n->kind == G_CONSUMER)
        return (Style){"house", "filled", "#f8d7da", "#b02a37", "#212529"};
    if (n->kind == G_SUPPLIER)
        return (Style){"hexagon", "filled", "#e2d9f3", "#6f42c1", "#212529"};
    return service_style(node_enum(&n->e->node, SVC_TYPE), node_enum(&n->e->node, SVC_STATUS));
}

static const char *label_of(const Entity *e) { return e->name ? e->name : e->id; }

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
        break;
    }
}

static void gv_legend(Agraph_t *root)
{
    /* Names with a space, which no id has: the legend cannot meet a node or
     * an owner's cluster of the catalogue. */
    Agraph_t *l = agsubg(root, gv("cluster legend"), 1);
    gv_set(l, "label", "Legend");
    gv_set(l, "style", "dashed");
    gv_set(l, "color", "#adb5bd");
    static const struct { const char *name, *label, *type, *status; } rows[] = {
        {"legend business", "business service", "business", "live"},
        {"legend technical", "technical service", "technical", "live"},
        {"legend enabling", "enabling service", "enabling", "live"},
        {"legend pipeline", "pipeline (planned)", "technical", "pipeline"},
        {"legend retired", "retired", "technical", "retired"},
    };
    Agnode_t *prev = NULL;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        Style s = service_style(rows[i].type, rows[i].status);
        Agnode_t *n = gv_node(l, rows[i].name, rows[i].label, s, NULL);
        if (prev && i <= 2) { /* business -> technical: hard; technical -> enabling: soft */
            Agedge_t *e = agedge(l, prev, n, NULL, 1);
            gv_edge_style(e, i == 1 ? E_HARD : E_SOFT);
            gv_set(e, "label", i == 1 ? "hard" : "soft");
            gv_set(e, "fontname", "Helvetica");
        }
        prev = n;
    }
}

/* Everything from the arena is allocated before agopen(), so that running
 * out of memory cannot jump away from a graph graphviz holds. */
static Agraph_t *to_cgraph(const G *g, const GraphOptions *o)
{
    Agnode_t **nodes = ARENA_ARRAY(g->a, Agnode_t *, g->nnodes + 1);
    const char **labels = ARENA_ARRAY(g->a, const char *, 2 * g->nnodes + 1);
    for (uint32_t i = 0; i < g->nnodes; i++) {
        labels[2 * i] = esc_dot_label(g->a, label_of(g->nodes[i].e));
        labels[2 * i + 1] = g->nodes[i].cluster ? esc_dot_label(g->a, g->nodes[i].cluster_label) : NULL;
    }
    Agraph_t *root = agopen(gv("services"), Agdirected, NULL);
    gv_declare(root);
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
        }
        nodes[i] = gv_node(where, n->e->id, labels[2 * i], node_style(n), n->e->id);
    }
    for (uint32_t i = 0; i < g->nedges; i++) {
        Agedge_t *e = agedge(root, nodes[g->edges[i].from], nodes[g->edges[i].to], NULL, 1);
        gv_edge_style(e, g->edges[i].kind);
    }
    if (o->legend)
        gv_legend(root);
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

static bool render_graphviz(const G *g, const GraphOptions *o, FILE *out, char *err, size_t errlen)
{
    Agraph_t *root = to_cgraph(g, o);
    bool ok = true;
    if (strcmp(o->format, "dot") == 0) {
        /* The graph as built, without layout: stable, and it diffs cleanly. */
        ok = agwrite(root, out) == 0;
        if (!ok)
            snprintf(err, errlen, "cannot write the DOT graph");
        agclose(root);
        return ok;
    }
    GVC_t *gvc = gvContext();
    const char *engine = layout_engine(g, o);
    if (gvLayout(gvc, root, engine) != 0) {
        snprintf(err, errlen, "graphviz cannot lay out with '%s'", engine);
        agclose(root);
        gvFreeContext(gvc);
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
    gvFreeContext(gvc);
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

static const char *mermaid_class(const GNode *n)
{
    if (n->kind == G_OFFERING)
        return "offering";
    if (n->kind == G_CONSUMER)
        return "consumer";
    if (n->kind == G_SUPPLIER)
        return "supplier";
    const char *status = node_enum(&n->e->node, SVC_STATUS);
    if (status && strcmp(status, "live") != 0)
        return status;
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
    esc_mermaid_label(out, label_of(n->e));
    fputs(close[n->kind], out);
    fprintf(out, ":::%s\n", mermaid_class(n));
}

static bool render_mermaid(const G *g, const GraphOptions *o, FILE *out)
{
    const char **ids = mermaid_ids(g);
    fputs("flowchart TB\n", out);
    fputs("  classDef business fill:#cfe2ff,stroke:#0a58ca,color:#212529\n"
          "  classDef technical fill:#e2e3e5,stroke:#495057,color:#212529\n"
          "  classDef enabling fill:#d1e7dd,stroke:#146c43,color:#212529\n"
          "  classDef pipeline fill:#e2e3e5,stroke:#495057,stroke-dasharray:5 3,color:#212529\n"
          "  classDef retired fill:#f8f9fa,stroke:#adb5bd,stroke-dasharray:2 2,color:#6c757d\n"
          "  classDef offering fill:#fff3cd,stroke:#997404,color:#212529\n"
          "  classDef consumer fill:#f8d7da,stroke:#b02a37,color:#212529\n", out);
    for (uint32_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].kind == G_SUPPLIER) { /* only when one is drawn */
            fputs("  classDef supplier fill:#e2d9f3,stroke:#6f42c1,color:#212529\n", out);
            break;
        }
    /* Nodes outside clusters, then each cluster in order of first member. */
    for (uint32_t i = 0; i < g->nnodes; i++)
        if (!g->nodes[i].cluster)
            mermaid_node(out, "  ", ids[i], &g->nodes[i]);
    bool *done = arena_zalloc(g->a, g->nnodes + 1);
    NameTable clusters; /* owners "a-b" and "a_b" are two subgraphs */
    names_init(&clusters, g->a, 16);
    for (uint32_t i = 0; i < g->nnodes; i++) {
        const char *cl = g->nodes[i].cluster;
        if (!cl || done[i])
            continue;
        fprintf(out, "  subgraph %s [", mermaid_unique(g->a, &clusters, mermaid_word(g->a, "cluster_", cl)));
        esc_mermaid_label(out, g->nodes[i].cluster_label);
        fputs("]\n", out);
        for (uint32_t k = i; k < g->nnodes; k++)
            if (g->nodes[k].cluster && strcmp(g->nodes[k].cluster, cl) == 0) {
                mermaid_node(out, "    ", ids[k], &g->nodes[k]);
                done[k] = true;
            }
        fputs("  end\n", out);
    }
    for (uint32_t i = 0; i < g->nedges; i++) {
        static const char *const arrows[] = {[E_HARD] = "-->", [E_SOFT] = "-.->",
                                             [E_INCLUDES] = "-.-o", [E_CONSUMES] = "---",
                                             [E_RELATED] = "-.-"};
        fprintf(out, "  %s %s %s\n", ids[g->edges[i].from], arrows[g->edges[i].kind],
                ids[g->edges[i].to]);
    }
    for (uint32_t i = 0; i < g->nedges; i++) /* see_also faint: links count from 0 */
        if (g->edges[i].kind == E_RELATED)
            fprintf(out, "  linkStyle %u stroke:#ced4da\n", i);
    if (o->legend)
        fputs("  subgraph legend [\"Legend\"]\n"
              "    legend_business(\"business service\"):::business\n"
              "    legend_technical(\"technical service\"):::technical\n"
              "    legend_enabling(\"enabling service\"):::enabling\n"
              "    legend_pipeline(\"pipeline (planned)\"):::pipeline\n"
              "    legend_retired(\"retired\"):::retired\n"
              "    legend_business -->|hard| legend_technical\n"
              "    legend_technical -.->|soft| legend_enabling\n"
              "  end\n", out);
    return !ferror(out);
}

bool emit_service_graph(Compiler *c, const Model *m, const GraphOptions *o, FILE *out, char *err,
                size_t errlen)
{
    G *g = build(&c->arena, m, o);
    if (strcmp(o->format, "mermaid") == 0) {
        if (!render_mermaid(g, o, out)) {
            snprintf(err, errlen, "cannot write the Mermaid graph");
            return false;
        }
        return true;
    }
    if (strcmp(o->format, "dot") != 0 && too_large(c, g, o)) {
        err[0] = '\0';
        return false;
    }
    return render_graphviz(g, o, out, err, errlen);
}
