/* impact.c — what an outage or a change of one service touches: every
 * service that depends on it, directly or not; the offerings that include
 * it or any of those; and the consumer groups of those offerings.
 *
 * Two breadth-first walks up the dependents: one along hard dependencies
 * only, one along all of them.  A service reached by the first is hit
 * "hard" (it fails with the service), and its distance and "via" are those
 * of its shortest hard path, even when a soft one is shorter; one reached
 * only by the second is hit "soft" (it degrades), its shortest path of any
 * kind given.  Linear in the size of the dependency graph: each
 * service's hard dependents are listed once, in one pass over every
 * depends_on. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "escape.h"
#include "json.h"

/* Services up from a service, as lists of graph indexes: service i's are
 * up[start[i] .. start[i + 1]). */
typedef struct UpLinks {
    uint32_t *start, *up;
} UpLinks;

/* Each service's hard dependents, from every hard depends_on in one pass:
 * linear in the dependencies, however many one service has. */
static UpLinks hard_dependents(Compiler *c, Arena *a, const Model *m)
{
    uint32_t ns = m->nkind[DECL_SERVICE], n = 0;
    UpLinks l;
    l.start = arena_zalloc(a, sizeof(uint32_t) * (ns + 2));
    for (uint32_t i = 0; i < ns; i++)
        for (const Val *d = dep_service(node_get(&m->by_kind[DECL_SERVICE][i]->node, SVC_DEPENDS_ON)); d;
             d = dep_service(val_next(d)))
            if (dep_is_hard(d)) {
                l.start[d->ref->graph_index + 2]++;
                n++;
                c->work.impact_steps++;
            }
    for (uint32_t i = 2; i < ns + 2; i++)
        l.start[i] += l.start[i - 1];
    l.up = ARENA_ARRAY(a, uint32_t, n + 1);
    for (uint32_t i = 0; i < ns; i++)
        for (const Val *d = dep_service(node_get(&m->by_kind[DECL_SERVICE][i]->node, SVC_DEPENDS_ON)); d;
             d = dep_service(val_next(d)))
            if (dep_is_hard(d))
                l.up[l.start[d->ref->graph_index + 1]++] = i;
    return l; /* start[i + 1] has moved to where service i's list ends */
}

/* Walk up from ROOT: along HARD's lists if given, else along every
 * dependent.  Marks reached services in MARK (by graph index) with
 * distance + 1 and, if VIA, the service they were reached from.  A
 * supplier ROOT is no service: the walk starts from the services that
 * depend on it (hard ones only with HARD), at distance 1. */
static uint32_t walk(Compiler *c, const Model *m, const Entity *root, const UpLinks *hard, uint32_t *mark,
                     Entity **via, uint32_t *queue)
{
    Entity **svcs = m->by_kind[DECL_SERVICE];
    uint32_t head = 0, tail = 0;
    if (root->kind == DECL_SERVICE) {
        queue[tail++] = root->graph_index;
        mark[root->graph_index] = 1;
    } else {
        for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++)
            for (const Val *d = node_get(&svcs[i]->node, SVC_DEPENDS_ON); d; d = val_next(d))
                if (d->ref == root && (!hard || dep_is_hard(d)) && !mark[i]) {
                    mark[i] = 2;
                    queue[tail++] = i;
                }
        c->work.impact_steps += m->nkind[DECL_SERVICE];
    }
    while (head < tail) {
        uint32_t u = queue[head++];
        uint32_t n = hard ? hard->start[u + 1] - hard->start[u] : entity_links(svcs[u])->ndependents;
        c->work.impact_steps += n;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t v = hard ? hard->up[hard->start[u] + i] : entity_links(svcs[u])->dependents[i]->graph_index;
            if (mark[v])
                continue;
            mark[v] = mark[u] + 1;
            if (via)
                via[v] = svcs[u];
            queue[tail++] = v;
        }
    }
    return tail; /* queue[0 .. tail): every service reached, the root among them */
}

/* The resources that depend on supplier ROOT, marked in *RES (by graph
 * index), counted in IM. */
static void supplier_resources(Arena *a, const Model *m, const Entity *root, Impact *im, bool *res)
{
    uint32_t nr = m->nkind[DECL_RESOURCE];
    im->resources = ARENA_ARRAY(a, Entity *, nr + 1);
    for (uint32_t i = 0; i < nr; i++) {
        Entity *r = m->by_kind[DECL_RESOURCE][i];
        for (const Val *d = node_get(&r->node, RES_DEPENDS_ON); d && !res[i]; d = val_next(d))
            if (d->ref == root) {
                res[i] = true;
                im->resources[im->nresources++] = r;
            }
    }
}

/* Whether offering O gives access to one of the resources marked in RES. */
static bool gives_access(const Entity *o, const bool *res)
{
    for (const Val *v = node_get(&o->node, OFF_ACCESS); v; v = val_next(v)) {
        const Val *r = v->block ? node_get(v->block, ACC_RESOURCE) : NULL;
        if (r && res[r->ref->graph_index])
            return true;
    }
    return false;
}

/* What impact_with() needs again for every service: the hard dependents,
 * and marks and lists as large as the catalogue, cleared after each use
 * by what the walks reached — so each impact costs what it reaches. */
struct ImpactIndex {
    const Model *m;
    UpLinks hard_up;
    uint32_t *hard, *all;       /* per service: distance + 1 once reached, else 0 */
    Entity **via_hard, **via_all;
    uint32_t *queue_hard, *queue_all;
    bool *res, *off, *con;      /* per resource, offering, consumer group */
};

ImpactIndex *impact_index(Compiler *c, Arena *a, const Model *m)
{
    uint32_t ns = m->nkind[DECL_SERVICE];
    ImpactIndex *x = ARENA_NEW(a, ImpactIndex);
    x->m = m;
    x->hard_up = hard_dependents(c, a, m);
    x->hard = arena_zalloc(a, sizeof(uint32_t) * (ns + 1));
    x->all = arena_zalloc(a, sizeof(uint32_t) * (ns + 1));
    x->via_hard = arena_zalloc(a, sizeof(Entity *) * (ns + 1));
    x->via_all = arena_zalloc(a, sizeof(Entity *) * (ns + 1));
    x->queue_hard = ARENA_ARRAY(a, uint32_t, ns + 1);
    x->queue_all = ARENA_ARRAY(a, uint32_t, ns + 1);
    x->res = arena_zalloc(a, m->nkind[DECL_RESOURCE] + 1);
    x->off = arena_zalloc(a, m->nkind[DECL_OFFERING] + 1);
    x->con = arena_zalloc(a, m->nkind[DECL_CONSUMER] + 1);
    return x;
}

Impact *impact_of(Compiler *c, const Model *m, const Entity *service)
{
    return impact_with(c, impact_index(c, &c->arena, m), &c->arena, service);
}

static int by_index(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int entity_by_index(const void *a, const void *b)
{
    uint32_t x = (*(Entity *const *)a)->graph_index, y = (*(Entity *const *)b)->graph_index;
    return x < y ? -1 : x > y;
}

Impact *impact_with(Compiler *c, ImpactIndex *x, Arena *a, const Entity *service)
{
    const Model *m = x->m;
    Entity **svcs = m->by_kind[DECL_SERVICE];
    Impact *im = ARENA_NEW(a, Impact);
    im->service = service;
    if (service->kind == DECL_SUPPLIER)
        supplier_resources(a, m, service, im, x->res);
    uint32_t nh = walk(c, m, service, &x->hard_up, x->hard, x->via_hard, x->queue_hard);
    uint32_t na = walk(c, m, service, NULL, x->all, x->via_all, x->queue_all);
    /* Every service reached but the root, in id order (by_kind's). */
    uint32_t *reached = ARENA_ARRAY(a, uint32_t, na + 1), n = 0;
    for (uint32_t k = 0; k < na; k++)
        if (x->all[x->queue_all[k]] > 1)
            reached[n++] = x->queue_all[k];
    if (n)
        qsort(reached, n, sizeof *reached, by_index);
    im->services = ARENA_ARRAY(a, Entity *, n + 1);
    im->hard = ARENA_ARRAY(a, bool, n + 1);
    im->distance = ARENA_ARRAY(a, uint32_t, n + 1);
    im->via = ARENA_ARRAY(a, Entity *, n + 1);
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = reached[k];
        im->services[k] = svcs[i];
        bool is_hard = x->hard[i] > 0; /* then its hard path, the one that takes it down */
        im->hard[k] = is_hard;
        im->distance[k] = (is_hard ? x->hard[i] : x->all[i]) - 1;
        im->via[k] = is_hard ? x->via_hard[i] : x->via_all[i];
    }
    im->nservices = n;
    /* Offerings including the service or one hit, or giving access to a
     * resource hit; their consumers. */
    uint32_t no = m->nkind[DECL_OFFERING];
    uint32_t cap = im->nresources ? no : 0;
    for (uint32_t k = 0; k < na; k++)
        cap += entity_links(svcs[x->queue_all[k]])->noffered_in;
    im->offerings = ARENA_ARRAY(a, Entity *, cap + 1);
    for (uint32_t k = 0; k < na; k++) {
        const Entity *s = svcs[x->queue_all[k]];
        const EntityLinks *l = entity_links(s);
        for (uint32_t j = 0; j < l->noffered_in; j++)
            if (!x->off[l->offered_in[j]->graph_index]) {
                x->off[l->offered_in[j]->graph_index] = true;
                im->offerings[im->nofferings++] = l->offered_in[j];
            }
    }
    if (im->nresources) /* a supplier's: every offering is looked at */
        for (uint32_t i = 0; i < no; i++)
            if (!x->off[i] && gives_access(m->by_kind[DECL_OFFERING][i], x->res)) {
                x->off[i] = true;
                im->offerings[im->nofferings++] = m->by_kind[DECL_OFFERING][i];
            }
    if (im->nofferings)
        qsort(im->offerings, im->nofferings, sizeof *im->offerings, entity_by_index);
    uint32_t ncap = 0;
    for (uint32_t k = 0; k < im->nofferings; k++)
        for (const Val *v = node_get(&im->offerings[k]->node, OFF_CONSUMERS); v; v = val_next(v))
            ncap++;
    im->consumers = ARENA_ARRAY(a, Entity *, ncap + 1);
    for (uint32_t k = 0; k < im->nofferings; k++)
        for (const Val *v = node_get(&im->offerings[k]->node, OFF_CONSUMERS); v; v = val_next(v))
            if (!x->con[v->ref->graph_index]) {
                x->con[v->ref->graph_index] = true;
                im->consumers[im->nconsumers++] = v->ref;
            }
    if (im->nconsumers)
        qsort(im->consumers, im->nconsumers, sizeof *im->consumers, entity_by_index);
    /* Clear what this walk marked, for the next. */
    for (uint32_t k = 0; k < nh; k++)
        x->hard[x->queue_hard[k]] = 0, x->via_hard[x->queue_hard[k]] = NULL;
    for (uint32_t k = 0; k < na; k++)
        x->all[x->queue_all[k]] = 0, x->via_all[x->queue_all[k]] = NULL;
    for (uint32_t k = 0; k < im->nofferings; k++)
        x->off[im->offerings[k]->graph_index] = false;
    for (uint32_t k = 0; k < im->nconsumers; k++)
        x->con[im->consumers[k]->graph_index] = false;
    for (uint32_t k = 0; k < im->nresources; k++)
        x->res[im->resources[k]->graph_index] = false;
    return im;
}

/* Text ------------------------------------------------------------------------- */

static const char *name_of(const Entity *e) { return e->name ? e->name : ""; }

static uint64_t people(const Impact *im, bool *known)
{
    uint64_t sum = 0;
    *known = false;
    for (uint32_t i = 0; i < im->nconsumers; i++) {
        const Val *size = node_get(&im->consumers[i]->node, CON_SIZE);
        if (size) {
            sum += size->num;
            *known = true;
        }
    }
    return sum;
}

/* S on a terminal (escape.h), padded with spaces to WIDTH columns. */
static void cell(FILE *out, const char *s, size_t width)
{
    esc_term(out, s);
    for (size_t n = esc_term_width(s); n < width; n++)
        fputc(' ', out);
}

/* The widest id and name of the N entities at LIST, at least MIN_ID and
 * MIN_NAME columns: the columns of a table stay aligned. */
static void widths(Entity *const *list, uint32_t n, size_t *id_w, size_t *name_w)
{
    for (uint32_t i = 0; i < n; i++) {
        size_t w = esc_term_width(list[i]->id);
        if (w > *id_w)
            *id_w = w;
        w = esc_term_width(name_of(list[i]));
        if (w > *name_w)
            *name_w = w;
    }
}

/* The N entities at LIST, a line each: id and name, the ids aligned. */
static void id_name_rows(FILE *out, Entity *const *list, uint32_t n)
{
    size_t id_w = 29, name_w = 0;
    widths(list, n, &id_w, &name_w);
    for (uint32_t i = 0; i < n; i++) {
        fputs("  ", out);
        cell(out, list[i]->id, id_w);
        fputc(' ', out);
        esc_term(out, name_of(list[i]));
        fputc('\n', out);
    }
}

bool emit_impact_text(const Impact *im, FILE *out)
{
    uint32_t nhard = 0;
    for (uint32_t i = 0; i < im->nservices; i++)
        nhard += im->hard[i];
    fprintf(out, "Impact of %s '%s'", decl_kind_name(im->service->kind), im->service->id);
    if (im->service->name) {
        fputs(" (", out);
        esc_term(out, im->service->name);
        fputc(')', out);
    }
    fputs("\n\n", out);
    fprintf(out, "Services that depend on it: %u (%u hard, %u soft)\n", im->nservices, nhard,
            im->nservices - nhard);
    size_t id_w = 24, name_w = 32;
    widths(im->services, im->nservices, &id_w, &name_w);
    for (uint32_t i = 0; i < im->nservices; i++) {
        fprintf(out, "  %-4s ", im->hard[i] ? "hard" : "soft");
        cell(out, im->services[i]->id, id_w);
        fputc(' ', out);
        cell(out, name_of(im->services[i]), name_w);
        if (im->distance[i] == 1) {
            fputs(" direct\n", out);
        } else {
            fputs(" via ", out);
            esc_term(out, im->via[i]->id);
            fprintf(out, ", %u hops\n", im->distance[i]);
        }
    }
    if (im->service->kind == DECL_SUPPLIER) {
        fprintf(out, "\nResources that depend on it: %u\n", im->nresources);
        id_name_rows(out, im->resources, im->nresources);
    }
    fprintf(out, "\nOfferings affected: %u\n", im->nofferings);
    id_name_rows(out, im->offerings, im->nofferings);
    bool known;
    uint64_t total = people(im, &known);
    fprintf(out, "\nConsumer groups affected: %u", im->nconsumers);
    if (known)
        fprintf(out, " (%llu people)", (unsigned long long)total);
    fputc('\n', out);
    id_w = 29, name_w = 32;
    widths(im->consumers, im->nconsumers, &id_w, &name_w);
    for (uint32_t i = 0; i < im->nconsumers; i++) {
        const Val *size = node_get(&im->consumers[i]->node, CON_SIZE);
        fputs("  ", out);
        cell(out, im->consumers[i]->id, id_w);
        fputc(' ', out);
        cell(out, name_of(im->consumers[i]), name_w);
        if (size)
            fprintf(out, " %llu", (unsigned long long)size->num);
        fputc('\n', out);
    }
    return !ferror(out);
}

/* JSON -------------------------------------------------------------------------- */

#define jstr json_str

/* Open an object with E's id and name; the caller adds keys and closes it. */
static void jref(yajl_gen g, const Entity *e)
{
    yajl_gen_map_open(g);
    jstr(g, "id");
    jstr(g, e->id);
    jstr(g, "name");
    if (e->name)
        jstr(g, e->name);
    else
        yajl_gen_null(g);
}

/* KEY: [{"id", "name"}] of the N entities at LIST. */
static void jref_list(yajl_gen g, const char *key, Entity *const *list, uint32_t n)
{
    jstr(g, key);
    yajl_gen_array_open(g);
    for (uint32_t i = 0; i < n; i++) {
        jref(g, list[i]);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
}

bool emit_impact_json(Compiler *c, const Impact *im, FILE *out)
{
    Json j;
    json_open(&j, &c->arena, out, true);
    yajl_gen g = j.g;
    uint32_t nhard = 0;
    for (uint32_t i = 0; i < im->nservices; i++)
        nhard += im->hard[i];
    bool known;
    uint64_t total = people(im, &known);
    yajl_gen_map_open(g);
    jstr(g, decl_kind_name(im->service->kind)); /* "service" or "supplier" */
    jref(g, im->service);
    yajl_gen_map_close(g);
    jstr(g, "counts");
    yajl_gen_map_open(g);
    jstr(g, "services");
    yajl_gen_integer(g, im->nservices);
    jstr(g, "hard");
    yajl_gen_integer(g, nhard);
    jstr(g, "soft");
    yajl_gen_integer(g, im->nservices - nhard);
    jstr(g, "resources");
    yajl_gen_integer(g, im->nresources);
    jstr(g, "offerings");
    yajl_gen_integer(g, im->nofferings);
    jstr(g, "consumers");
    yajl_gen_integer(g, im->nconsumers);
    jstr(g, "people");
    if (known)
        yajl_gen_integer(g, (long long)total);
    else
        yajl_gen_null(g);
    yajl_gen_map_close(g);
    jstr(g, "services");
    yajl_gen_array_open(g);
    for (uint32_t i = 0; i < im->nservices; i++) {
        jref(g, im->services[i]);
        jstr(g, "path");
        jstr(g, im->hard[i] ? "hard" : "soft");
        jstr(g, "distance");
        yajl_gen_integer(g, im->distance[i]);
        jstr(g, "via"); /* the next service on the path; null for a direct dependent */
        if (im->distance[i] == 1)
            yajl_gen_null(g);
        else
            jstr(g, im->via[i]->id);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    jref_list(g, "resources", im->resources, im->nresources);
    jref_list(g, "offerings", im->offerings, im->nofferings);
    jstr(g, "consumers");
    yajl_gen_array_open(g);
    for (uint32_t i = 0; i < im->nconsumers; i++) {
        jref(g, im->consumers[i]);
        jstr(g, "size");
        const Val *size = node_get(&im->consumers[i]->node, CON_SIZE);
        if (size)
            yajl_gen_integer(g, (long long)size->num);
        else
            yajl_gen_null(g);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
    json_close(&j, out);
    return !ferror(out);
}
