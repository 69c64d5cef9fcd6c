/* coverage.c — which practices address each requirement (coverage.h). */
#include "coverage.h"

/* Chains per requirement of the values of row ROW of each entity of KIND,
 * keyed by the requirement TARGET gives, into *FIRST; the links. */
static CoverLink *chain(Arena *a, const Model *m, DeclKind kind, size_t row,
                        const Entity *(*target)(const Val *), uint32_t **first)
{
    uint32_t n = 0, nreq = m->nkind[DECL_REQUIREMENT];
    for (uint32_t i = 0; i < m->nkind[kind]; i++)
        for (const Val *v = node_get(&m->by_kind[kind][i]->node, row); v; v = val_next(v))
            n++;
    *first = ARENA_ARRAY(a, uint32_t, nreq + 1);
    CoverLink *links = ARENA_ARRAY(a, CoverLink, n + 1);
    uint32_t *last = ARENA_ARRAY(a, uint32_t, nreq + 1);
    for (uint32_t r = 0; r < nreq; r++)
        (*first)[r] = last[r] = COVER_END;
    n = 0;
    for (uint32_t i = 0; i < m->nkind[kind]; i++) {
        const Entity *e = m->by_kind[kind][i];
        for (const Val *v = node_get(&e->node, row); v; v = val_next(v)) {
            uint32_t r = target(v)->graph_index;
            links[n] = (CoverLink){kind == DECL_PRACTICE ? e : NULL, v, COVER_END};
            if (last[r] == COVER_END)
                (*first)[r] = n;
            else
                links[last[r]].next = n;
            last[r] = n++;
        }
    }
    return links;
}

static const Entity *satisfied(const Val *v) { return v->ref; }
static const Entity *mapped_to(const Val *v) { return node_get(v->block, MAP_TO)->ref; }

Coverage *coverage_new(Arena *a, const Model *m)
{
    Coverage *cv = ARENA_NEW(a, Coverage);
    cv->direct = chain(a, m, DECL_PRACTICE, PRA_SATISFIES, satisfied, &cv->first_direct);
    cv->mapped = chain(a, m, DECL_CROSSWALK, XW_MAPS, mapped_to, &cv->first_mapped);
    cv->stamp = arena_zalloc(a, sizeof *cv->stamp * (m->nkind[DECL_PRACTICE] + 1));
    return cv;
}

uint32_t cover_inferred(const Coverage *cv, const Entity *r,
                        void (*fn)(void *ctx, const Entity *practice, const Entity *via), void *ctx)
{
    uint32_t mark = r->graph_index + 1, n = 0;
    for (uint32_t k = cv->first_direct[r->graph_index]; k != COVER_END; k = cv->direct[k].next)
        cv->stamp[cv->direct[k].practice->graph_index] = mark;
    for (uint32_t k = cv->first_mapped[r->graph_index]; k != COVER_END; k = cv->mapped[k].next) {
        const Entity *via = cv->mapped[k].v->ref;
        for (uint32_t q = cv->first_direct[via->graph_index]; q != COVER_END; q = cv->direct[q].next)
            if (cv->stamp[cv->direct[q].practice->graph_index] != mark) {
                if (fn)
                    fn(ctx, cv->direct[q].practice, via);
                n++;
            }
    }
    return n;
}
