/* sema_graph.c — checks over the whole model: derived links (dependents,
 * offerings of a service), dependency and bundle cycles, offerings, and the
 * warnings of spec section 7. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "graph.h"
#include "sema.h"

static Entity **services(Sema *s) { return s->m->by_kind[DECL_SERVICE]; }
static uint32_t nservices(Sema *s) { return s->m->nkind[DECL_SERVICE]; }
static Entity **offerings(Sema *s) { return s->m->by_kind[DECL_OFFERING]; }
static uint32_t nofferings(Sema *s) { return s->m->nkind[DECL_OFFERING]; }

/* Append E to LIST of N; the room is 4, then each power of two. */
static void push(Arena *a, Entity ***list, uint32_t *n, Entity *e)
{
    if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0)) { /* full */
        uint32_t cap = *n;
        *list = arena_grow(a, *list, *n, &cap, sizeof **list, 4);
    }
    (*list)[(*n)++] = e;
}


/* Derived links ------------------------------------------------------------------ */

/* Dependents and offered_in, each in id order of the other side and without
 * repeats (a service named twice in one list counts once). */
void sema_derive(Sema *s)
{
    uint32_t *seen = arena_zalloc(s->a, sizeof(uint32_t) * (nservices(s) + 1));
    uint32_t stamp = 0;
    for (uint32_t i = 0; i < nservices(s); i++) {
        Entity *svc = services(s)[i];
        stamp++;
        for (const Val *d = dep_service(node_get(&svc->node, SVC_DEPENDS_ON)); d;
             d = dep_service(val_next(d))) {
            Entity *t = d->ref;
            if (t == svc || seen[t->graph_index] == stamp)
                continue;
            seen[t->graph_index] = stamp;
            push(s->a, &sema_links(t)->dependents, &sema_links(t)->ndependents, svc);
        }
    }
    for (uint32_t i = 0; i < nofferings(s); i++) {
        Entity *off = offerings(s)[i];
        stamp++;
        for (const Val *v = node_get(&off->node, OFF_SERVICES); v; v = val_next(v)) {
            if (seen[v->ref->graph_index] == stamp)
                continue;
            seen[v->ref->graph_index] = stamp;
            push(s->a, &sema_links(v->ref)->offered_in, &sema_links(v->ref)->noffered_in, off);
        }
    }
}

/* Cycles ---------------------------------------------------------------------------- */

typedef struct Edges {
    uint32_t *from, *to;
    void **label;
    uint32_t n;
} Edges;

static Edges edges_new(Sema *s, uint32_t cap)
{
    Edges e;
    e.from = ARENA_ARRAY(s->a, uint32_t, cap + 1);
    e.to = ARENA_ARRAY(s->a, uint32_t, cap + 1);
    e.label = ARENA_ARRAY(s->a, void *, cap + 1);
    e.n = 0;
    return e;
}

static uint32_t count_vals(Entity **list, uint32_t n, size_t row)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        for (const Val *v = node_get(&list[i]->node, row); v; v = val_next(v))
            k++;
    return k;
}

/* Edges of ROW between entities of LIST (by graph_index): references to
 * another kind (a service's suppliers) and self edges (reported on their
 * own) are left out. */
static Graph *graph_of(Sema *s, Entity **list, uint32_t n, size_t row, bool hard_only)
{
    Edges e = edges_new(s, count_vals(list, n, row));
    for (uint32_t i = 0; i < n; i++)
        for (Val *v = node_get(&list[i]->node, row); v; v = val_next(v)) {
            if (v->ref == list[i] || v->ref->kind != list[i]->kind || (hard_only && !dep_is_hard(v)))
                continue;
            e.from[e.n] = i;
            e.to[e.n] = v->ref->graph_index;
            e.label[e.n++] = v;
        }
    return graph_build(s->a, n, e.n, e.from, e.to, e.label);
}

#define CYCLE_SHOWN 20 /* edges of a cycle named in a report; the rest are counted */

/* Report the cycle made of edge FIRST (u -> v) and a path back from v to u
 * (PATH: scratch space for g->n edges). */
static void report_cycle(Sema *s, DiagCode code, const Graph *g, GraphPaths *paths,
                         const uint32_t *comp, uint32_t first, uint32_t *path, Entity **list,
                         const char *verb, const char *what)
{
    path[0] = first;
    uint32_t len = 1 + graph_path(paths, g, comp, g->adj[first], g->src[first], path + 1);
    Buf b;
    buf_init(&b, s->a);
    buf_adds(&b, list[g->src[first]]->id);
    for (uint32_t i = 0; i < len && i < CYCLE_SHOWN; i++) {
        buf_adds(&b, " → ");
        buf_adds(&b, list[g->adj[path[i]]]->id);
    }
    if (len > CYCLE_SHOWN)
        buf_adds(&b, arena_printf(s->a, " → … (%u services in all)", len));
    const Val *lab = g->label[first];
    Diag *d = diag_at(s->e, code, lab->span, "%s: %s", what, buf_cstr(&b));
    for (uint32_t i = 0; i < len && i < CYCLE_SHOWN; i++) {
        const Val *l = g->label[path[i]];
        diag_note(s->e, d, l->span, "'%s' %s '%s' here", list[g->src[path[i]]]->id, verb,
                  list[g->adj[path[i]]]->id);
    }
    if (len > CYCLE_SHOWN)
        diag_note_nowhere(s->e, d, "and %u more edges of the cycle", len - CYCLE_SHOWN);
}

/* One report per component with more than one member: the cycle through
 * the first edge inside it that PICK accepts. */
static void report_components(Sema *s, DiagCode code, const Graph *g, const uint32_t *comp,
                              uint32_t ncomp, Entity **list, bool (*pick)(const Val *),
                              const char *verb, const char *what)
{
    unsigned char *done = arena_zalloc(s->a, ncomp + 1);
    GraphPaths *paths = graph_paths_new(s->a, g);
    uint32_t *path = ARENA_ARRAY(s->a, uint32_t, g->n + 1);
    for (uint32_t u = 0; u < g->n; u++)
        for (uint32_t k = g->off[u]; k < g->off[u + 1]; k++) {
            uint32_t v = g->adj[k];
            if (comp[u] != comp[v] || done[comp[u]] || !pick(g->label[k]))
                continue;
            done[comp[u]] = 1;
            report_cycle(s, code, g, paths, comp, k, path, list, verb, what);
        }
}

static bool any_edge(const Val *v) { (void)v; return true; }
static bool soft_edge(const Val *v) { return !dep_is_hard(v); }

static void check_dependency_cycles(Sema *s)
{
    Entity **list = services(s);
    uint32_t n = nservices(s);
    for (uint32_t i = 0; i < n; i++)
        for (const Val *d = dep_service(node_get(&list[i]->node, SVC_DEPENDS_ON)); d;
             d = dep_service(val_next(d)))
            if (d->ref == list[i])
                diag_at(s->e, D_E0602, d->span, "service '%s' depends on itself",
                        list[i]->id);
    uint32_t *comp = ARENA_ARRAY(s->a, uint32_t, n + 1);
    Graph *hard = graph_of(s, list, n, SVC_DEPENDS_ON, true);
    uint32_t nc = graph_scc(s->a, hard, comp);
    report_components(s, D_E0601, hard, comp, nc, list, any_edge, "depends on",
                      "cycle of hard dependencies");
    s->hard = hard;
    s->hard_comp = comp;
    s->hard_acyclic = nc == n;
    comp = ARENA_ARRAY(s->a, uint32_t, n + 1);
    /* Cycles that a soft dependency closes: components of the whole graph
     * with a soft edge inside. */
    Graph *all = graph_of(s, list, n, SVC_DEPENDS_ON, false);
    nc = graph_scc(s->a, all, comp);
    report_components(s, D_W0601, all, comp, nc, list, soft_edge, "depends on",
                      "dependency cycle through a soft dependency");
}

/* Cycles among offerings along ROW (bundles, prerequisites): CODE, "offering
 * 'x' VERB itself" for one naming itself, WHAT the cycle's message. */
static void check_offering_cycles(Sema *s, size_t row, DiagCode code, const char *verb,
                                  const char *what)
{
    Entity **list = offerings(s);
    uint32_t n = nofferings(s);
    for (uint32_t i = 0; i < n; i++)
        for (const Val *b = node_get(&list[i]->node, row); b; b = val_next(b))
            if (b->ref == list[i])
                diag_at(s->e, code, b->span, "offering '%s' %s itself", list[i]->id, verb);
    uint32_t *comp = ARENA_ARRAY(s->a, uint32_t, n + 1);
    Graph *g = graph_of(s, list, n, row, false);
    uint32_t nc = graph_scc(s->a, g, comp);
    report_components(s, code, g, comp, nc, list, any_edge, verb, what);
}

/* An offering's prices: one per consumer group, at most one for 'others',
 * and one for everyone only alone.  SEEN (per consumer group, by graph
 * index) holds the price that named it, for the offering STAMP. */
static void check_prices(Sema *s, const Entity *off, const Val **seen, uint32_t *seen_at, uint32_t stamp)
{
    const Val *everyone = NULL, *others = NULL, *group = NULL;
    for (const Val *p = node_get(&off->node, OFF_PRICE); p; p = val_next(p)) {
        const PriceTerms *t = p->terms;
        const Val *old = NULL;
        const char *whom = NULL;
        if (t->group) {
            uint32_t g = t->group->graph_index;
            if (seen_at[g] == stamp)
                old = seen[g], whom = t->group->id;
            seen[g] = p, seen_at[g] = stamp;
            group = group ? group : p;
        } else if (t->others) {
            old = others, whom = "others";
            others = others ? others : p;
        } else if (!t->group_name) { /* for everyone (an unresolved group is reported) */
            old = everyone, whom = "everyone";
            everyone = everyone ? everyone : p;
        }
        if (old) {
            Diag *d = diag_at(s->e, D_E0507, p->span, "offering '%s' has two prices for %s", off->id, whom);
            diag_note(s->e, d, old->span, "the first one is here");
        }
    }
    if (everyone && (group || others)) {
        const Val *other = group ? group : others;
        Diag *d = diag_at(s->e, D_E0507, everyone->span,
                          "offering '%s' has a price for everyone beside a price for %s", off->id,
                          other->terms->group ? other->terms->group->id : "others");
        diag_note(s->e, d, other->span, "that price is here");
        diag_help(s->e, d, "say whom this price is for: 'for others' (every group no other price names)");
    }
}

/* An agreement's parties fit its type: an SLA is with a consumer group, an
 * OLA between teams (or people), an underpinning contract with a supplier.
 * Reports the first party that does not fit (E0508). */
static void check_agreement(Sema *s, const Entity *a)
{
    const char *type = node_enum(&a->node, AGR_TYPE);
    const Val *provider = node_get(&a->node, AGR_PROVIDER), *customer = node_get(&a->node, AGR_CUSTOMER);
    if (!type || !provider)
        return; /* reported missing */
    bool uc = strcmp(type, "underpinning") == 0, sla = strcmp(type, "sla") == 0;
    const Val *bad = NULL;
    const char *rule = NULL;
    if (uc != (provider->ref->kind == DECL_SUPPLIER))
        bad = provider, rule = uc ? "an underpinning contract's provider is a supplier"
                                  : "a supplier provides under an underpinning contract ('type underpinning')";
    else if (sla && (!customer || customer->ref->kind != DECL_CONSUMER))
        bad = customer, rule = "an SLA's customer is a consumer group";
    else if (!sla && customer && customer->ref->kind == DECL_CONSUMER)
        bad = customer, rule = uc ? "an underpinning contract's customer is the provider's own team or person"
                                  : "an OLA is between teams or people";
    if (!rule)
        return;
    Diag *d = diag_at(s->e, D_E0508, bad ? bad->span : entity_id_span(a), "%s agreement '%s': %s",
                      type, a->id, rule);
    if (bad)
        diag_note(s->e, d, entity_id_span(bad->ref), "'%s' is %s %s", bad->ref->id,
                  sema_article(decl_kind_name(bad->ref->kind)), decl_kind_name(bad->ref->kind));
    else
        diag_help(s->e, d, "name the consumer group it is agreed with: customer GROUP");
}

/* Calendars ------------------------------------------------------------------------------ */

/* A calendar's periods do not overlap (E0710).  OWNER: a period's index
 * per minute of the week, room for CAL_WEEK_MINUTES. */
static void check_calendar(Sema *s, const Entity *cal, uint32_t *owner)
{
    CalWeek w;
    memset(&w, 0, sizeof w);
    const Val *hours = node_get(&cal->node, CAL_HOURS), *v = hours;
    for (uint32_t i = 0; v; v = val_next(v), i++) {
        int m = cal_week_add(&w, v->num, owner, i);
        if (m < 0)
            continue;
        char at[CAL_TEXT_MAX];
        Diag *d = diag_at(s->e, D_E0710, v->span, "'%.*s' overlaps hours given before in calendar "
                          "'%s': both include %s", (int)v->len, v->text, cal->id, cal_minute_text(m, at));
        diag_note(s->e, d, hours[owner[m]].span, "they are given here");
    }
}

/* V, if it is business time written without 'in': E0510 unless E has
 * support hours (CAL) to count it in. */
static void business_calendar_check(Sema *s, const Entity *e, const Val *v, const Entity *cal)
{
    if (!v || !v->business || v->business->named || cal)
        return;
    Diag *d = diag_at(s->e, D_E0510, v->span, "%s '%s' has no calendar to count '%.*s' in",
                      decl_kind_name(e->kind), e->id, (int)v->len, v->text);
    diag_help(s->e, d, "name one: %.*s in CALENDAR, or give %s '%s' its support hours: "
                       "level support_hours CALENDAR", (int)v->len, v->text, decl_kind_name(e->kind), e->id);
}

/* Offering or agreement E gives each known metric once, and its business
 * time that names no calendar has one to be counted in, its support hours:
 * in its levels, its actions' times and its request's lead time. */
static void check_business_time(Sema *s, const Entity *e)
{
    bool offering = e->kind == DECL_OFFERING;
    size_t levels = offering ? OFF_LEVEL : AGR_LEVEL;
    const Entity *cal = support_calendar(e);
    const Val *first[8] = {NULL}; /* per known metric */
    _Static_assert(sizeof first / sizeof first[0] >= MET__N, "a slot per metric");
    for (const Val *v = node_get(&e->node, levels); v; v = val_next(v)) {
        if (!v->metric)
            continue;
        const Val **seen = &first[v->metric - metric_specs];
        if (*seen) { /* which would count? */
            Diag *d = diag_at(s->e, D_E0203, v->span, "%s '%s' gives 'level %s' twice",
                              decl_kind_name(e->kind), e->id, v->metric->name);
            diag_note(s->e, d, (*seen)->span, "it is given here first");
        } else {
            *seen = v;
        }
        if (v->metric->type == FT_DURATION)
            business_calendar_check(s, e, v->inner, cal);
    }
    if (!offering)
        return;
    for (const Val *v = node_get(&e->node, OFF_ACTION); v; v = val_next(v))
        if (v->block) {
            business_calendar_check(s, e, node_get(v->block, ACT_RESPONSE), cal);
            business_calendar_check(s, e, node_get(v->block, ACT_RESOLUTION), cal);
        }
    const Val *rq = node_get(&e->node, OFF_REQUEST);
    if (rq)
        business_calendar_check(s, e, node_get(rq->block, RQ_LEAD_TIME), cal);
}

/* Assessments ---------------------------------------------------------------------------- */

/* Walk, as V, the `satisfies` values of practice P that carry an assessment
 * block: each block once (a block after several requirements is theirs
 * together), at the first requirement it is written for. */
#define EACH_ASSESSMENT(p, v)                                                                       \
    for (const Val *v = node_get(&(p)->node, PRA_SATISFIES), *prev_ = NULL; v;                     \
         prev_ = v, v = val_next(v))                                                                \
        if (v->block && (!prev_ || prev_->block != v->block))

/* A requirement is not applicable only with a justification, and only in a
 * framework that allows exclusions (E1001); a target is not below the
 * current maturity (E1002). */
static void check_assessment(Sema *s, const Entity *p, const Val *v)
{
    const Node *a = v->block;
    const Val *status = node_get(a, ASM_STATUS);
    if (status && node_enum_is(a, ASM_STATUS, "not_applicable")) {
        const Entity *fw = node_get(&v->ref->node, REQ_FRAMEWORK) ? node_get(&v->ref->node, REQ_FRAMEWORK)->ref
                                                                   : NULL;
        if (fw && node_enum_is(&fw->node, FW_EXCLUSIONS, "none")) {
            Diag *d = diag_at(s->e, D_E1001, status->span, "'%s' cannot be not_applicable: %s allows "
                              "no exclusion of its requirements", v->ref->id, fw->id);
            diag_help(s->e, d, "assess it as met, partial, planned or gap");
        } else if (!node_get(a, ASM_JUSTIFICATION)) {
            Diag *d = diag_at(s->e, D_E1001, status->span, "practice '%s' marks '%s' not_applicable "
                              "without saying why", p->id, v->ref->id);
            diag_help(s->e, d, "add justification \"…\": why the requirement does not apply");
        }
    }
    const Val *cur = node_get(a, ASM_MATURITY), *target = node_get(a, ASM_TARGET);
    if (cur && target && target->num < cur->num) {
        Diag *d = diag_at(s->e, D_E1002, target->span, "target maturity %llu of '%s' is below the "
                          "current maturity %llu", (unsigned long long)target->num, v->ref->id,
                          (unsigned long long)cur->num);
        diag_note(s->e, d, cur->span, "the current maturity is given here");
    }
}

/* Each pair of a crosswalk says what it maps to and why (E0204). */
static void check_crosswalk(Sema *s, const Entity *x)
{
    for (const Val *v = node_get(&x->node, XW_MAPS); v; v = val_next(v)) {
        static const struct { size_t row; const char *name; } needs[] = {{MAP_TO, "to"}, {MAP_REASON, "reason"}};
        for (size_t k = 0; k < 2; k++) {
            if (v->block && node_get(v->block, needs[k].row))
                continue;
            Diag *d = diag_at(s->e, D_E0204, v->span, "crosswalk '%s' maps '%s' with no '%s'", x->id,
                              v->ref->id, needs[k].name);
            diag_help(s->e, d, "give each pair its block: maps %s { to REQUIREMENT; reason \"…\" }",
                      v->ref->id);
            break; /* one report per pair */
        }
    }
}

static void check_assessments(Sema *s)
{
    for (uint32_t i = 0; i < s->m->nkind[DECL_CROSSWALK]; i++)
        check_crosswalk(s, s->m->by_kind[DECL_CROSSWALK][i]);
    for (uint32_t i = 0; i < s->m->nkind[DECL_PRACTICE]; i++) {
        const Entity *p = s->m->by_kind[DECL_PRACTICE][i];
        EACH_ASSESSMENT(p, v)
            check_assessment(s, p, v);
    }
}

/* Who may request an offering is among whom it is for: each eligible
 * group is one of its consumer groups (MARK: per consumer group, STAMP
 * when it is one of this offering's). */
static void check_eligible(Sema *s, const Entity *off, uint32_t *mark, uint32_t stamp)
{
    for (const Val *v = node_get(&off->node, OFF_CONSUMERS); v; v = val_next(v))
        mark[v->ref->graph_index] = stamp;
    for (const Val *v = node_get(&off->node, OFF_ELIGIBLE); v; v = val_next(v))
        if (mark[v->ref->graph_index] != stamp) {
            Diag *d = diag_at(s->e, D_E0509, v->span,
                              "'%s' may request offering '%s' but is not one of its consumer groups",
                              v->ref->id, off->id);
            diag_help(s->e, d, "add it to 'consumers', or take it out of 'eligible'");
        }
}

/* An offering's prerequisites must be there to be had: not retired. */
static void check_prerequisites(Sema *s, const Entity *off)
{
    for (const Val *p = node_get(&off->node, OFF_PREREQUISITES); p; p = val_next(p)) {
        size_t status = p->ref->kind == DECL_OFFERING ? OFF_STATUS : SVC_STATUS;
        if (!node_enum_is(&p->ref->node, status, "retired"))
            continue;
        Diag *d = diag_at(s->e, D_E0506, p->span, "offering '%s' requires %s '%s', which is retired",
                          off->id, decl_kind_name(p->ref->kind), p->ref->id);
        diag_note(s->e, d, node_get(&p->ref->node, status)->span, "retired here");
    }
}

/* Offerings ----------------------------------------------------------------------------- */

static void check_offering(Sema *s, Entity *off)
{
    const Node *n = &off->node;
    static const size_t items[] = {OFF_GOOD, OFF_ACCESS, OFF_ACTION};
    /* Item ids are unique across the offering's goods, accesses and actions. */
    enum { FIRST = 8 };
    const Val *first[FIRST];
    NameTable ids;
    uint32_t count = 0;
    for (size_t k = 0; k < 3; k++)
        for (const Val *v = node_get(n, items[k]); v; v = val_next(v)) {
            const Val *old = sema_same_id(s, &ids, first, count, v);
            if (count < FIRST)
                first[count] = v;
            count++;
            if (old) {
                Diag *d = diag_at(s->e, D_E0206, sema_id_span(v),
                                  "offering '%s' has two items called '%.*s'", off->id, (int)v->len,
                                  v->text);
                diag_note(s->e, d, sema_id_span(old), "the first one is here");
            }
        }
    bool any = count > 0;
    if (!any) {
        Diag *d = diag_at(s->e, D_E0501, entity_id_span(off),
                          "offering '%s' has no good, access or action", off->id);
        diag_help(s->e, d, "an offering is made of goods (ownership passes), access to resources "
                           "(ownership stays) and service actions (work done)");
    }
    if (node_enum_is(n, OFF_STATUS, "live"))
        for (const Val *v = node_get(n, OFF_SERVICES); v; v = val_next(v))
            if (node_enum_is(&v->ref->node, SVC_STATUS, "retired")) {
                Diag *d = diag_at(s->e, D_E0503, v->span,
                                  "live offering '%s' includes retired service '%s'", off->id,
                                  v->ref->id);
                diag_note(s->e, d, node_get(&v->ref->node, SVC_STATUS)->span,
                          "'%s' is retired here", v->ref->id);
                diag_help(s->e, d, "retire the offering too, or take the service out of it");
            }
}

void sema_check_graph(Sema *s)
{
    check_assessments(s);
    check_dependency_cycles(s);
    check_offering_cycles(s, OFF_BUNDLES, D_E0504, "bundles", "cycle of bundled offerings");
    check_offering_cycles(s, OFF_PREREQUISITES, D_E0505, "requires", "cycle of prerequisites");
    uint32_t nc = s->m->nkind[DECL_CONSUMER];
    const Val **seen = ARENA_ARRAY(s->a, const Val *, nc + 1);
    uint32_t *seen_at = arena_zalloc(s->a, sizeof *seen_at * (nc + 1));
    uint32_t *consumer_of = arena_zalloc(s->a, sizeof *consumer_of * (nc + 1));
    for (uint32_t i = 0; i < s->m->nkind[DECL_AGREEMENT]; i++) {
        check_agreement(s, s->m->by_kind[DECL_AGREEMENT][i]);
        check_business_time(s, s->m->by_kind[DECL_AGREEMENT][i]);
    }
    if (s->m->nkind[DECL_CALENDAR]) {
        uint32_t *owner = ARENA_ARRAY(s->scratch, uint32_t, CAL_WEEK_MINUTES);
        for (uint32_t i = 0; i < s->m->nkind[DECL_CALENDAR]; i++)
            check_calendar(s, s->m->by_kind[DECL_CALENDAR][i], owner);
    }
    for (uint32_t i = 0; i < nofferings(s); i++) {
        check_offering(s, offerings(s)[i]);
        check_prerequisites(s, offerings(s)[i]);
        check_prices(s, offerings(s)[i], seen, seen_at, i + 1);
        check_eligible(s, offerings(s)[i], consumer_of, i + 1);
        check_business_time(s, offerings(s)[i]);
    }
}

/* Warnings ------------------------------------------------------------------------------- */

static const Val *characteristic(const Entity *svc, size_t row) { return node_get(&svc->node, row); }

static bool level_is(const Val *c, int level) { return c && c->word == level; }

/* Does some offering of SVC have an item of one of the ROWS (ending at -1)? */
static bool offered_with(const Entity *svc, const int *rows)
{
    const EntityLinks *l = entity_links(svc);
    for (uint32_t i = 0; i < l->noffered_in; i++)
        for (const int *r = rows; *r >= 0; r++)
            if (node_get(&l->offered_in[i]->node, *r))
                return true;
    return false;
}

/* Report CODE about E, caused by its statement at AT: there, or — when the
 * statement is its template's (outside E) — at E's 'from', with a note at
 * the template's statement: the user sees the line they wrote. */
static Diag *warn_at(Sema *s, DiagCode code, const Entity *e, Span at, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static Diag *warn_at(Sema *s, DiagCode code, const Entity *e, Span at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(s->scratch, fmt, ap);
    va_end(ap);
    bool inside = at.file == e->span.file && at.begin >= e->span.begin && at.end <= e->span.end;
    if (inside || !sema_bit(s->checked_later, e->order))
        return diag_at(s->e, code, at, "%s", msg);
    const EntityCheck *k = sema_entity_check((Entity *)e);
    Diag *d = diag_at(s->e, code, k->from_span, "%s", msg);
    diag_note(s->e, d, at, "it comes from template '%s', here", k->from);
    return d;
}

static void check_ihip(Sema *s, const Entity *svc)
{
    const Val *het = characteristic(svc, SVC_HETEROGENEITY);
    if (level_is(het, LEVEL_HIGH) && !(het->block && node_get(het->block, HET_STANDARDISED_BY))) {
        Diag *d = warn_at(s, D_W0401, svc, het->span,
                          "service '%s' varies highly but names nothing that standardises it",
                          svc->id);
        diag_help(s->e, d, "add standardised_by \"…\" (a procedure, a runbook, automation) to the "
                           "heterogeneity block");
    }
    const Val *per = characteristic(svc, SVC_PERISHABILITY);
    if (level_is(per, LEVEL_HIGH) && !(per->block && node_get(per->block, PERI_CAPACITY))) {
        Diag *d = warn_at(s, D_W0402, svc, per->span,
                          "service '%s' is highly perishable but states no capacity", svc->id);
        diag_help(s->e, d, "add capacity N UNIT to the perishability block, so demand can be "
                           "managed against it");
    }
    if (s->c->library)
        return; /* the offerings that would carry the actions and goods may be elsewhere */
    const Val *ins = characteristic(svc, SVC_INSEPARABILITY);
    const char *part = ins && ins->block ? node_enum(ins->block, INS_PARTICIPATION) : NULL;
    static const int action_rows[] = {OFF_ACTION, -1};
    if (part && (node_enum_is(ins->block, INS_PARTICIPATION, "in_person") ||
                 node_enum_is(ins->block, INS_PARTICIPATION, "co_production")) &&
        !offered_with(svc, action_rows)) {
        Diag *d = warn_at(s, D_W0403, svc, node_get(ins->block, INS_PARTICIPATION)->span,
                          "consumers of '%s' take part %s, but no offering of it has an action",
                          svc->id, strcmp(part, "in_person") == 0 ? "in person" : "in co-production");
        diag_help(s->e, d, "describe the work done with the consumer as an 'action' of an offering");
    }
    const Val *intang = characteristic(svc, SVC_INTANGIBILITY);
    static const int handed_rows[] = {OFF_GOOD, OFF_ACCESS, -1};
    if (level_is(intang, LEVEL_LOW) && !offered_with(svc, handed_rows)) {
        Diag *d = warn_at(s, D_W0404, svc, intang->span,
                          "service '%s' is tangible, but no offering of it has a good or an access",
                          svc->id);
        diag_help(s->e, d, "name what the consumer gets as a 'good' or an 'access' in an offering");
    }
}

static bool is_live(const Entity *e, size_t row) { return node_enum_is(&e->node, row, "live"); }

static void check_service_warnings(Sema *s, const Entity *svc)
{
    check_ihip(s, svc);
    if (!is_live(svc, SVC_STATUS))
        return;
    if (node_enum_is(&svc->node, SVC_TYPE, "business") && !s->c->library) {
        bool offered = false;
        const EntityLinks *l = entity_links(svc);
        for (uint32_t i = 0; i < l->noffered_in && !offered; i++)
            offered = is_live(l->offered_in[i], OFF_STATUS);
        if (!offered) {
            Diag *d = diag_at(s->e, D_W0501, entity_id_span(svc),
                              "live business service '%s' is in no live offering", svc->id);
            diag_help(s->e, d, "offer it to a consumer group in an offering, or mark it "
                               "'status pipeline' until it is");
        }
    }
    for (const Val *dep = dep_service(node_get(&svc->node, SVC_DEPENDS_ON)); dep;
             dep = dep_service(val_next(dep))) {
        const Val *status = node_get(&dep->ref->node, SVC_STATUS);
        if (dep->ref == svc || !status || is_live(dep->ref, SVC_STATUS))
            continue;
        Diag *d = warn_at(s, D_W0602, svc, dep->span, "live service '%s' depends on %s service '%s'",
                          svc->id, node_enum(&dep->ref->node, SVC_STATUS), dep->ref->id);
        diag_note(s->e, d, status->span, "its status is set here");
    }
}

/* "99.85" from 0.9985, with at most four decimals. */
static const char *percent_text(Sema *s, double fraction)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.4f", fraction * 100.0);
    char *p = buf + strlen(buf) - 1;
    while (*p == '0')
        *p-- = '\0';
    if (*p == '.')
        *p = '\0';
    return arena_strdup(s->a, buf);
}

/* Availability ------------------------------------------------------------------
 *
 * What an offering's services can deliver together is the product of the
 * availability of each service in it and of every service they depend on
 * hard, transitively, each counted once (services without an availability
 * count as 1).  A product over a set of reachable nodes cannot be composed
 * from the children's products when closures share nodes, so it is bounded
 * first, for every service in one pass in dependency order:
 *   low(s)  = a(s) * product of low(c)   (shared nodes counted again: lower)
 *   high(s) = a(s) * min of high(c)      (one child's closure only: higher)
 *   weak(s) = the least available service in the closure (exact: min).
 * Where a service's closure is a chain, low = high = the product.  An
 * offering whose promise is at most low is fine; where low = high the
 * product is known; only otherwise is the closure walked, and the walk
 * stops as soon as the product falls below the promise.  Deep chains thus
 * cost nothing per offering.
 *
 * A supplier a service depends on hard is a node too (after the services:
 * node ns + its graph index), with no dependencies of its own; its
 * availability is the lowest 'level availability' of the underpinning
 * contracts it provides, 1 without one. */

typedef struct Avail {
    uint32_t ns;            /* services; nodes from ns on are suppliers */
    double *low, *high;
    uint32_t *weak;         /* node of the least available, or UINT32_MAX */
    uint32_t *seen, *stack;
    uint32_t stamp;
    const Val **contract;   /* per supplier: its underpinning contract's availability level */
} Avail;

static double avail_of(const Entity *svc)
{
    const Val *a = node_get(&svc->node, SVC_AVAILABILITY);
    return a ? a->real / 100.0 : 1.0;
}

/* Node U's own availability, and the value that states it (or NULL). */
static double node_avail(Sema *s, const Avail *av, uint32_t u, const Val **stated)
{
    if (u < av->ns) {
        if (stated)
            *stated = node_get(&services(s)[u]->node, SVC_AVAILABILITY);
        return avail_of(services(s)[u]);
    }
    const Val *c = av->contract[u - av->ns];
    if (stated)
        *stated = c;
    return c ? c->inner->real / 100.0 : 1.0;
}

/* Each supplier's lowest contracted availability (underpinning agreements). */
static void supplier_contracts(Sema *s, Avail *av)
{
    for (uint32_t i = 0; i < s->m->nkind[DECL_AGREEMENT]; i++) {
        const Entity *a = s->m->by_kind[DECL_AGREEMENT][i];
        const Val *p = node_get(&a->node, AGR_PROVIDER);
        if (!node_enum_is(&a->node, AGR_TYPE, "underpinning") || !p || p->ref->kind != DECL_SUPPLIER)
            continue;
        for (const Val *l = node_get(&a->node, AGR_LEVEL); l; l = val_next(l)) {
            const Val **c = &av->contract[p->ref->graph_index];
            if (l->metric == &metric_specs[MET_AVAILABILITY] && (!*c || l->inner->real < (*c)->inner->real))
                *c = l;
        }
    }
}

/* The suppliers service U depends on hard, as nodes: call with *D NULL
 * first; returns the next one, or UINT32_MAX. */
static uint32_t next_supplier(Sema *s, const Avail *av, uint32_t u, const Val **d)
{
    *d = *d ? val_next(*d) : node_get(&services(s)[u]->node, SVC_DEPENDS_ON);
    for (; *d; *d = val_next(*d))
        if ((*d)->ref->kind == DECL_SUPPLIER && dep_is_hard(*d))
            return av->ns + (*d)->ref->graph_index;
    return UINT32_MAX;
}

static Avail *avail_bounds(Sema *s)
{
    uint32_t n = nservices(s), nx = s->m->nkind[DECL_SUPPLIER];
    Avail *av = ARENA_NEW(s->a, Avail);
    av->ns = n;
    av->low = ARENA_ARRAY(s->a, double, n + nx + 1);
    av->high = ARENA_ARRAY(s->a, double, n + nx + 1);
    av->weak = ARENA_ARRAY(s->a, uint32_t, n + nx + 1);
    av->seen = arena_zalloc(s->a, sizeof(uint32_t) * (n + nx + 1));
    av->stack = ARENA_ARRAY(s->a, uint32_t, n + nx + 1);
    av->contract = arena_zalloc(s->a, sizeof *av->contract * (nx + 1));
    supplier_contracts(s, av);
    for (uint32_t x = n; x < n + nx; x++) {
        const Val *stated;
        av->low[x] = av->high[x] = node_avail(s, av, x, &stated);
        av->weak[x] = stated ? x : UINT32_MAX;
    }
    /* Acyclic: each node is its own component, numbered after its
     * successors, so increasing component order is dependency order. */
    uint32_t *order = ARENA_ARRAY(s->a, uint32_t, n + 1);
    for (uint32_t u = 0; u < n; u++)
        order[s->hard_comp[u]] = u;
    const Graph *g = s->hard;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t u = order[i];
        double a = avail_of(services(s)[u]), low = a, high_child = 1.0;
        uint32_t weak = node_get(&services(s)[u]->node, SVC_AVAILABILITY) ? u : UINT32_MAX;
        const Val *d = NULL;
        for (uint32_t k = g->off[u], x = next_supplier(s, av, u, &d);
             k < g->off[u + 1] || x != UINT32_MAX;) {
            uint32_t c;
            if (k < g->off[u + 1]) {
                c = g->adj[k++];
            } else {
                c = x;
                x = next_supplier(s, av, u, &d);
            }
            low *= av->low[c];
            if (av->high[c] < high_child)
                high_child = av->high[c];
            if (av->weak[c] != UINT32_MAX &&
                (weak == UINT32_MAX ||
                 node_avail(s, av, av->weak[c], NULL) < node_avail(s, av, weak, NULL)))
                weak = av->weak[c];
        }
        av->low[u] = low;
        av->high[u] = a * high_child;
        av->weak[u] = weak;
    }
    return av;
}

/* The product over the union of the closures of OFF's services, walked;
 * stops once it falls below STOP.  *complete says whether it walked all. */
static double avail_walk(Sema *s, Avail *av, const Entity *off, double stop, bool *complete)
{
    uint32_t sp = 0, stamp = ++av->stamp;
    double product = 1.0;
    for (const Val *v = node_get(&off->node, OFF_SERVICES); v; v = val_next(v))
        if (av->seen[v->ref->graph_index] != stamp) {
            av->seen[v->ref->graph_index] = stamp;
            av->stack[sp++] = v->ref->graph_index;
        }
    const Graph *g = s->hard;
    while (sp > 0 && product >= stop) {
        uint32_t u = av->stack[--sp];
        product *= node_avail(s, av, u, NULL);
        if (u >= av->ns)
            continue; /* a supplier depends on nothing here */
        for (uint32_t k = g->off[u]; k < g->off[u + 1]; k++)
            if (av->seen[g->adj[k]] != stamp) {
                av->seen[g->adj[k]] = stamp;
                av->stack[sp++] = g->adj[k];
            }
        const Val *d = NULL;
        for (uint32_t x = next_supplier(s, av, u, &d); x != UINT32_MAX; x = next_supplier(s, av, u, &d))
            if (av->seen[x] != stamp) {
                av->seen[x] = stamp;
                av->stack[sp++] = x;
            }
    }
    *complete = sp == 0;
    return product;
}

static void check_availability(Sema *s, Avail *av, Entity *off)
{
    const Val *promise = NULL;
    for (const Val *l = node_get(&off->node, OFF_LEVEL); l; l = val_next(l))
        if (l->metric == &metric_specs[MET_AVAILABILITY])
            promise = l;
    if (!promise)
        return;
    double want = promise->inner->real / 100.0;
    double low = 1.0, high = 1.0;
    uint32_t weak = UINT32_MAX, nsvc = 0;
    for (const Val *v = node_get(&off->node, OFF_SERVICES); v; v = val_next(v)) {
        uint32_t u = v->ref->graph_index;
        low *= av->low[u];
        if (av->high[u] < high)
            high = av->high[u];
        if (av->weak[u] != UINT32_MAX &&
            (weak == UINT32_MAX || node_avail(s, av, av->weak[u], NULL) < node_avail(s, av, weak, NULL)))
            weak = av->weak[u];
        nsvc++;
    }
    const double eps = 1e-12;
    if (want <= low + eps || weak == UINT32_MAX)
        return;
    double product = low;
    bool exact = nsvc == 1 && high - low <= eps;
    if (!exact) {
        product = avail_walk(s, av, off, want - eps, &exact);
        if (want <= product + eps)
            return;
    }
    sema_links(off)->promise_unsafe = true;
    sema_links(off)->delivered = product;
    Diag *d = warn_at(s, D_W0503, off, promise->inner->span,
                      "offering '%s' promises %s%% availability, but its services deliver at most %s%%",
                      off->id, percent_text(s, want), percent_text(s, product));
    const Val *stated;
    double least = node_avail(s, av, weak, &stated);
    if (weak < av->ns)
        diag_note(s->e, d, stated->span, "the least available of them, '%s', is at %s%%",
                  services(s)[weak]->id, percent_text(s, least));
    else
        diag_note(s->e, d, stated->inner->span,
                  "the least available of them is supplier '%s', at %s%% by its underpinning contract",
                  s->m->by_kind[DECL_SUPPLIER][weak - av->ns]->id, percent_text(s, least));
    diag_help(s->e, d, "the figure multiplies the availability of each service in the offering "
                       "and of every service and supplier they depend on hard (a supplier at its "
                       "underpinning contract's availability)");
}

static void check_unreferenced(Sema *s)
{
    static const DeclKind kinds[] = {DECL_TEAM, DECL_PERSON, DECL_CONSUMER, DECL_RESOURCE,
                                     DECL_SUPPLIER, DECL_CALENDAR};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        for (uint32_t i = 0; i < s->m->nkind[kinds[k]]; i++) {
            const Entity *e = s->m->by_kind[kinds[k]][i];
            if (sema_bit(s->referenced, e->order) || e->module)
                continue;
            Diag *d = diag_at(s->e, D_W0201, entity_id_span(e), "%s '%s' is not referenced anywhere",
                              decl_kind_name(e->kind), e->id);
            if (e->kind == DECL_SUPPLIER)
                diag_help(s->e, d, "remove it, or name it in the depends_on of the services and "
                                   "resources that rely on it");
            else if (e->kind == DECL_CALENDAR)
                diag_help(s->e, d, "remove it, or name it in a 'level support_hours' or in "
                                   "business time (2 business days in %s)", e->id);
            else
                diag_help(s->e, d, "remove it, or refer to it where it belongs (an owner, a "
                                   "performer, a consumer group, an access)");
        }
}

/* The warnings of assessments: a shall of a targeted framework no practice
 * addresses (W1001); an assessment older than the catalogue's
 * reassess_after (W1002), an improvement action past its due date and not
 * done (W1003), met without evidence (W1004), as of today (cal_today). */
static void check_assessment_warnings(Sema *s)
{
    const Entity *cat = s->m->catalogue;
    int64_t today = cal_today(), max_age = assessment_max_age(s->m);
    uint32_t nreq = s->m->nkind[DECL_REQUIREMENT];
    uint8_t *addressed = arena_zalloc(s->scratch, nreq / 8 + 1);
    char date[CAL_TEXT_MAX];
    for (uint32_t i = 0; i < s->m->nkind[DECL_PRACTICE]; i++) {
        const Entity *p = s->m->by_kind[DECL_PRACTICE][i];
        for (const Val *v = node_get(&p->node, PRA_SATISFIES); v; v = val_next(v))
            sema_bit_set(addressed, v->ref->graph_index);
        EACH_ASSESSMENT(p, v) {
            const Node *a = v->block;
            int64_t age = assessment_stale(a, today, max_age);
            if (age >= 0) {
                Diag *d = diag_at(s->e, D_W1002, node_get(a, ASM_ASSESSED)->span, "the assessment of '%s' "
                                  "by practice '%s' is %lld days old", v->ref->id, p->id, (long long)age);
                diag_help(s->e, d, "assess it again, or set the catalogue's reassess_after (now %lld "
                                   "days)", (long long)max_age);
            }
            if (node_enum_is(a, ASM_STATUS, "met") && !node_get(a, ASM_EVIDENCE) && !node_get(a, ASM_LINKS)) {
                Diag *d = diag_at(s->e, D_W1004, node_get(a, ASM_STATUS)->span,
                                  "practice '%s' meets '%s' with no evidence", p->id, v->ref->id);
                diag_help(s->e, d, "say what shows it: evidence \"…\", or links to the records");
            }
            for (const Val *act = node_get(a, ASM_ACTION); act; act = val_next(act)) {
                const Val *due = action_overdue(act, today);
                if (!due)
                    continue;
                Diag *d = diag_at(s->e, D_W1003, due->span, "action '%.*s' for '%s' was due on %s "
                                  "and is not done (today is %s)", (int)act->len, act->text, v->ref->id,
                                  due->text, cal_date_text(today, date));
                diag_help(s->e, d, "give it the date it was done (done \"YYYY-MM-DD\"), or a new due date");
            }
        }
    }
    for (const Val *fw = cat ? node_get(&cat->node, CAT_TARGETS) : NULL; fw; fw = val_next(fw)) {
        enum { SHOWN = 8 };
        Buf list;
        buf_init(&list, s->scratch);
        uint32_t open = 0, all = 0;
        for (uint32_t k = 0; k < s->m->count; k++) { /* in the order declared: clause order */
            const Entity *r = s->m->all[k];
            if (r->kind != DECL_REQUIREMENT)
                continue;
            const Val *rf = node_get(&r->node, REQ_FRAMEWORK), *clause = node_get(&r->node, REQ_CLAUSE);
            if (!rf || rf->ref != fw->ref || !node_enum_is(&r->node, REQ_LEVEL, "shall"))
                continue;
            all++;
            if (sema_bit(addressed, r->graph_index) || open++ >= SHOWN)
                continue;
            buf_adds(&list, open > 1 ? ", " : "");
            if (clause) {
                buf_add(&list, clause->text, clause->len);
                buf_addc(&list, ' ');
            }
            buf_adds(&list, r->id);
        }
        if (!open)
            continue;
        Diag *d = diag_at(s->e, D_W1001, fw->span, "no practice addresses %u of the %u requirements "
                          "(shall) of %s", open, all, fw->ref->id);
        diag_note_nowhere(s->e, d, "%s%s", buf_cstr(&list),
                          open > SHOWN ? arena_printf(s->scratch, " and %u more", open - SHOWN) : "");
        diag_help(s->e, d, "name each in the 'satisfies' of the practice that addresses it, with its "
                           "status (gap, planned, …) while it is not met");
    }
}

void sema_check_warnings(Sema *s)
{
    check_assessment_warnings(s);
    for (uint32_t i = 0; i < nservices(s); i++)
        check_service_warnings(s, services(s)[i]);
    if (s->hard_acyclic) { /* with a hard cycle the figures mean nothing */
        Avail *av = avail_bounds(s);
        for (uint32_t i = 0; i < nofferings(s); i++)
            check_availability(s, av, offerings(s)[i]);
    }
    if (!s->c->library) /* what refers to it may be in the catalogues using the library */
        check_unreferenced(s);
}
