/* diff.c — compare two checked models (see diff.h).
 *
 * Three steps.  Match: per kind, walk both models' sorted entity lists
 * once; what is left on each side is paired as a rename when the two are
 * evidently the same entity (same fields, or the same display name, each
 * unique on both sides).  Compare: per matched pair, each schema row —
 * lists as sorted sets, nested blocks recursively — with references on the
 * old side read through the renames, so renaming a team does not show as
 * a changed owner everywhere.  Classify: each change gets a rule and a
 * level from the field it is in (classify()).  Everything is linear in
 * the size of the two models, but for the sorting.
 */
#include "diff.h"
#include "escape.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "json.h"

typedef struct Pair {
    const Entity *old, *new_;
    const char *id;          /* to sort by */
} Pair;

/* A hard dependency that is new in NEW: added to a service, or a new
 * service's. */
typedef struct Edge {
    const Entity *from, *to;
} Edge;

typedef struct Dx {
    Arena *a;
    Diff *d;
    NameTable renamed;       /* old id -> new id */
    const Pair *cur;         /* the entity being compared */
    bool cur_listed;         /* it has a change recorded */
    const Model *new_model;
    Edge *edges;
    uint32_t nedges, capedges;
    uint32_t *seen, stamp;   /* per service of NEW, for closures */
    Buf ka, kb, kk;          /* scratch renderings: most values compare equal, and
                              * are then never copied */
    NameTable weeks[2];      /* calendar id -> its CalWeek, in OLD [0] and NEW [1] */
} Dx;

const char *diff_level_name(DiffLevel level)
{
    static const char *const names[] = {"info", "warning", "breaking"};
    return names[level];
}

/* Rendering values ------------------------------------------------------------ */

static void quote(Buf *b, const char *s, size_t n)
{
    buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '"': buf_adds(b, "\\\""); break;
        case '\\': buf_adds(b, "\\\\"); break;
        case '\n': buf_adds(b, "\\n"); break;
        case '\t': buf_adds(b, "\\t"); break;
        default: buf_addc(b, s[i]);
        }
    }
    buf_addc(b, '"');
}

static void number_key(Buf *b, double x)
{
    char t[40];
    snprintf(t, sizeof t, "%.17g", x);
    buf_adds(b, t);
}

static void uint_key(Buf *b, uint64_t n)
{
    char t[24];
    snprintf(t, sizeof t, "%llu", (unsigned long long)n);
    buf_adds(b, t);
}

/* An unknown metric's value: a string quoted, anything else as written. */
static void written(Buf *b, const Val *v)
{
    if (v->shape == VAL_STRING)
        quote(b, v->text, v->len);
    else
        buf_add(b, v->text, v->len);
}

/* The id of the entity REF names, as it is called in NEW: the side OLD's
 * references are read through the renames. */
static const char *ref_id(const Dx *x, const Entity *ref, bool old_side)
{
    if (old_side) {
        const char *to = names_find(&x->renamed, ref->id, ref->id_len);
        if (to)
            return to;
    }
    return ref->id;
}

/* A price's amount and currency: by value (KEY) or as written. */
static void render_amount(Buf *b, const Val *v, bool key)
{
    if (key)
        number_key(b, strtod(v->text, NULL));
    else
        buf_add(b, v->text, v->len);
    buf_addc(b, ' ');
    buf_adds(b, v->unit);
}

/* Whom price V is for: " for GROUP" (its new id), " for others", or
 * nothing for everyone.  OLD_SIDE: V is the old version's. */
static void price_group(const Dx *x, Buf *b, const Val *v, bool old_side)
{
    const PriceTerms *t = v->terms;
    if (t->others)
        buf_adds(b, " for others");
    else if (t->group) {
        buf_adds(b, " for ");
        buf_adds(b, ref_id(x, t->group, old_side));
    }
}

/* V of field F, as written (KEY false) or normalised for comparing (KEY:
 * numbers by value, durations in seconds, references by their NEW id). */
static void render(const Dx *x, Buf *b, const FieldSpec *f, const Val *v, bool key, bool old_side)
{
    switch (f->type) {
    case FT_STRING:
        if (key)
            buf_add(b, v->text, v->len);
        else
            quote(b, v->text, v->len);
        return;
    case FT_HOURS: /* its key: the days, start and end packed; shown with its days */
        if (!key) {
            char t[CAL_TEXT_MAX];
            buf_adds(b, cal_period_text(v->num, t));
            return;
        }
        uint_key(b, v->num);
        return;
    case FT_DURATION:
        if (key && v->business) { /* "business 2 days staffed" */
            const BusinessTime *t = v->business;
            buf_adds(b, "business ");
            uint_key(b, t->count);
            buf_adds(b, t->days ? " days " : " hours ");
            const Entity *cal = business_calendar(old_side ? x->cur->old : x->cur->new_, t);
            buf_adds(b, cal ? ref_id(x, cal, old_side) : "?");
            return;
        }
        /* fall through */
    case FT_INT:
        if (key)
            uint_key(b, v->num);
        else
            buf_add(b, v->text, v->len);
        return;
    case FT_DECIMAL:
    case FT_PERCENT:
        if (key)
            number_key(b, v->real);
        else
            buf_add(b, v->text, v->len);
        if (!key && f->type == FT_PERCENT)
            buf_addc(b, '%');
        return;
    case FT_PRICE:
        if (v->terms->chargeback)
            buf_adds(b, "chargeback");
        else
            render_amount(b, v, key);
        if (v->terms->per) {
            buf_addc(b, ' ');
            buf_adds(b, v->terms->per);
        }
        if (!key) /* the group is the element's key (price_group) */
            price_group(x, b, v, false);
        return;
    case FT_QUANTITY:
    case FT_MONEY:
        if (key)
            number_key(b, f->type == FT_QUANTITY ? v->real : strtod(v->text, NULL));
        else
            buf_add(b, v->text, v->len);
        buf_addc(b, ' ');
        buf_adds(b, v->unit);
        return;
    case FT_ENUM:
    case FT_CHARACTERISTIC: buf_adds(b, f->words[v->word]); return;
    case FT_REF:
        if (v->role) /* a role, as written */
            quote(b, v->text, v->len);
        else
            buf_adds(b, ref_id(x, v->ref, key && old_side));
        return;
    case FT_BLOCK: return; /* its fields are compared one by one */
    case FT_LINK: /* docs "https://…" */
        buf_add(b, v->text, v->len);
        buf_addc(b, ' ');
        quote(b, v->url, strlen(v->url));
        return;
    case FT_ITEM:
        buf_add(b, v->text, v->len);
        if (!key && v->name) {
            buf_addc(b, ' ');
            quote(b, v->name, strlen(v->name));
        }
        return;
    case FT_METRIC:
        buf_add(b, v->text, v->len);
        buf_addc(b, ' ');
        if (v->metric) {
            FieldSpec inner = {v->metric->name, v->metric->type, 0, NULL, 0, NULL, NULL, 0, 0};
            render(x, b, &inner, v->inner, key, old_side);
        } else {
            written(b, v->inner);
        }
        return;
    }
}

static const char *rendered(const Dx *x, const FieldSpec *f, const Val *v, bool key, bool old_side)
{
    if (!v)
        return NULL;
    Buf b;
    buf_init(&b, x->a);
    render(x, &b, f, v, key, old_side);
    return buf_cstr(&b);
}

/* V's normalised rendering in the scratch buffer B (valid until B's next
 * use), or DFLT when there is no V. */
static const char *scratch(const Dx *x, Buf *b, const FieldSpec *f, const Val *v, const char *dflt,
                           bool old_side)
{
    if (!v)
        return dflt;
    b->len = 0;
    render(x, b, f, v, true, old_side);
    return buf_cstr(b);
}

static const char *dup_or_null(Dx *x, const char *s) { return s ? arena_strdup(x->a, s) : NULL; }

/* Recording changes ------------------------------------------------------------ */

static DiffChange *record(Dx *x, DiffOp op, const char *field, const char *rule, DiffLevel level)
{
    Diff *d = x->d;
    d->changes = arena_grow(x->a, d->changes, d->count, &d->cap, sizeof *d->changes, 64);
    const Entity *e = x->cur->new_ ? x->cur->new_ : x->cur->old;
    DiffChange *c = &d->changes[d->count++];
    memset(c, 0, sizeof *c);
    c->rule = rule;
    c->level = level;
    c->op = op;
    c->kind = e->kind;
    c->id = e->id;
    c->name = e->name;
    c->field = field;
    d->levels[level]++;
    if (field && !x->cur_listed && x->cur->old && x->cur->new_ &&
        strcmp(x->cur->old->id, x->cur->new_->id) == 0)
        d->changed++;
    x->cur_listed = true;
    return c;
}

/* Classifying ------------------------------------------------------------------ */

typedef struct Rule {
    const char *rule;
    DiffLevel level;
} Rule;

static bool named(const FieldSpec *f, const char *name) { return strcmp(f->name, name) == 0; }

static void new_edge(Dx *x, const Entity *from, const Entity *to)
{
    x->edges = arena_grow(x->a, x->edges, x->nedges, &x->capedges, sizeof *x->edges, 16);
    x->edges[x->nedges++] = (Edge){from, to};
}

static const char *generic_rule(DiffOp op)
{
    return op == DIFF_ADDED ? "field-added" : op == DIFF_REMOVED ? "field-removed" : "field-changed";
}

/* A practice's assessment of a requirement: no longer met, or a lower
 * maturity, is conformance lost (a warning: what the organisation could
 * show before it cannot now); the opposite conformance gained. */
static Rule conformance_rule(const FieldSpec *f, DiffOp op, const Val *va, const Val *vb,
                             const char *ka, const char *kb)
{
    static const Rule lost = {"conformance-lost", DIFF_WARNING}, gained = {"conformance-gained", DIFF_INFO};
    if (named(f, "satisfies")) { /* a requirement no longer named, or newly named, by the practice */
        const Val *v = op == DIFF_REMOVED ? va : vb;
        bool met = v && v->block && node_enum_is(v->block, ASM_STATUS, "met");
        if (met)
            return op == DIFF_REMOVED ? lost : op == DIFF_ADDED ? gained : (Rule){generic_rule(op), DIFF_INFO};
        return (Rule){generic_rule(op), DIFF_INFO};
    }
    if (named(f, "status")) {
        bool was = ka && strcmp(ka, "met") == 0, is = kb && strcmp(kb, "met") == 0;
        if (was != is)
            return was ? lost : gained;
    }
    if (named(f, "maturity") && ka && kb && strcmp(ka, kb) != 0)
        return strtod(kb, NULL) < strtod(ka, NULL) ? lost : gained;
    if (named(f, "maturity") && op == DIFF_REMOVED)
        return lost;
    return (Rule){generic_rule(op), DIFF_INFO};
}

/* Service levels: lower availability or satisfaction, or a longer time,
 * is a lower level.  Compared on the normalised keys' numbers. */
static Rule level_rule(DiffOp op, bool higher_is_better, const char *ka, const char *kb)
{
    if (op == DIFF_REMOVED)
        return (Rule){"service-level-removed", DIFF_BREAKING};
    if (op == DIFF_ADDED)
        return (Rule){"service-level-added", DIFF_INFO};
    double a = strtod(ka, NULL), b = strtod(kb, NULL);
    if (higher_is_better ? b < a : b > a)
        return (Rule){"service-level-lowered", DIFF_BREAKING};
    return (Rule){"service-level-changed", DIFF_INFO};
}

/* Old time A against new time B, durations or business time: 1 if B is
 * longer, -1 if shorter, 0 if the same, 2 if they cannot be compared (a
 * duration against business time, business hours against days, or two
 * calendars: the calendars' own changes are compared apart). */
static int time_cmp(const Dx *x, const Val *a, const Val *b)
{
    const BusinessTime *ba = a->business, *bb = b->business;
    if (!ba != !bb)
        return 2;
    uint64_t na = a->num, nb = b->num;
    if (ba) {
        const Entity *ca = business_calendar(x->cur->old, ba), *cb = business_calendar(x->cur->new_, bb);
        if (ba->days != bb->days || !ca || !cb || strcmp(ref_id(x, ca, true), cb->id) != 0)
            return 2;
        na = ba->count;
        nb = bb->count;
    }
    return nb > na ? 1 : nb < na ? -1 : 0;
}

/* A change of a time (a level's response or resolution, an action's, a
 * request's lead time) from VA to VB: LONGER (breaking) if it is longer,
 * a warning if it cannot be compared, else OTHER. */
static Rule time_rule(const Dx *x, DiffOp op, const Val *va, const Val *vb, Rule longer, Rule other)
{
    if (op != DIFF_CHANGED)
        return level_rule(op, false, "0", "0");
    int c = time_cmp(x, va, vb);
    if (c == 2)
        return (Rule){"time-measured-differently", DIFF_WARNING};
    return c > 0 ? longer : other;
}

/* Calendar CAL's week, laid out once per side (NEW_SIDE: CAL is NEW's). */
static const CalWeek *week_of(Dx *x, const Entity *cal, bool new_side)
{
    NameTable *t = &x->weeks[new_side];
    if (!t->arena)
        names_init(t, x->a, 16);
    CalWeek *w = names_find(t, cal->id, cal->id_len);
    if (!w) {
        w = ARENA_NEW(x->a, CalWeek);
        cal_week_of(cal, w);
        names_insert(t, cal->id, cal->id_len, w);
    }
    return w;
}

/* Whether calendar NEW_CAL (of NEW) lacks hours OLD_CAL (of OLD) has. */
static bool week_lost(Dx *x, const Entity *old_cal, const Entity *new_cal)
{
    return cal_week_lacks(week_of(x, old_cal, false), week_of(x, new_cal, true)) >= 0;
}

/* A change to a calendar's field F: fewer hours, a new closure or another
 * zone is breaking (support hours shrink, business time grows). */
static Rule calendar_rule(Dx *x, const FieldSpec *f, DiffOp op)
{
    if (named(f, "hours")) {
        if (op == DIFF_ADDED)
            return (Rule){"calendar-hours-added", DIFF_INFO};
        if (x->cur->old && x->cur->new_ && week_lost(x, x->cur->old, x->cur->new_))
            return (Rule){"calendar-hours-reduced", DIFF_BREAKING};
        return (Rule){"calendar-hours-changed", DIFF_INFO};
    }
    if (named(f, "closed"))
        return op == DIFF_ADDED   ? (Rule){"calendar-closure-added", DIFF_BREAKING}
               : op == DIFF_REMOVED ? (Rule){"calendar-closure-removed", DIFF_INFO}
                                    : (Rule){"calendar-closure-moved", DIFF_WARNING};
    if (named(f, "zone"))
        return op == DIFF_CHANGED ? (Rule){"calendar-zone-changed", DIFF_BREAKING}
                                  : (Rule){"calendar-zone-changed", DIFF_WARNING};
    return (Rule){generic_rule(op), DIFF_INFO};
}

/* The rule of a change to field F of a node of schema S.  KA and KB are
 * the normalised values (NULL where absent). */
static Rule classify(Dx *x, const Schema *s, const FieldSpec *f, DiffOp op, const Val *va,
                     const Val *vb, const char *ka, const char *kb)
{
    /* Lists where one way is breaking for consumers, the other information. */
    static const struct {
        const char *what, *field;
        DiffOp breaks;
        const char *broken, *other;
    } lists[] = {
        {"offering", "services", DIFF_REMOVED, "offering-service-removed", "offering-service-added"},
        {"offering", "consumers", DIFF_REMOVED, "consumer-group-dropped", "consumer-group-added"},
        {"offering", "eligible", DIFF_REMOVED, "eligibility-narrowed", "eligibility-widened"},
        {"offering", "prerequisites", DIFF_ADDED, "prerequisite-added", "prerequisite-removed"},
        {"request", "channels", DIFF_REMOVED, "request-channel-removed", "request-channel-added"},
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if (strcmp(s->what, lists[i].what) == 0 && named(f, lists[i].field))
            return op == lists[i].breaks ? (Rule){lists[i].broken, DIFF_BREAKING}
                                         : (Rule){lists[i].other, DIFF_INFO};
    bool offering = s == &schema_offering;
    if (offering && named(f, "status"))
        return kb && strcmp(kb, "retired") == 0 ? (Rule){"offering-retired", DIFF_BREAKING}
                                                : (Rule){"offering-status-changed", DIFF_INFO};
    if (offering && f->type == FT_ITEM) {
        static const char *const removed[] = {"good-removed", "access-removed", "action-removed"};
        static const char *const added[] = {"good-added", "access-added", "action-added"};
        int i = named(f, "good") ? 0 : named(f, "access") ? 1 : 2;
        return op == DIFF_REMOVED ? (Rule){removed[i], DIFF_BREAKING} : (Rule){added[i], DIFF_INFO};
    }
    bool agreement = strcmp(s->what, "agreement") == 0;
    if ((offering || agreement) && f->type == FT_METRIC) {
        const Val *v = va ? va : vb;
        const MetricSpec *m = v->metric;
        Rule r = {op == DIFF_REMOVED ? "service-level-removed" : "service-level-changed",
                  op == DIFF_REMOVED ? DIFF_BREAKING : DIFF_INFO};
        if (op == DIFF_CHANGED && m && m->type == FT_DURATION) {
            r = time_rule(x, op, va->inner, vb->inner, (Rule){"service-level-lowered", DIFF_BREAKING}, r);
        } else if (op == DIFF_CHANGED && m == &metric_specs[MET_SUPPORT_HOURS]) {
            const Val *a = va->inner, *b = vb->inner;
            if (a->role || b->role) /* text: nothing to compare */
                r = (Rule){"service-level-changed", a->role && b->role ? DIFF_INFO : DIFF_WARNING};
            else if (week_lost(x, a->ref, b->ref))
                r = (Rule){"support-hours-reduced", DIFF_BREAKING};
        } else if (m == &metric_specs[MET_AVAILABILITY] || m == &metric_specs[MET_SATISFACTION] ||
                   m == &metric_specs[MET_RESPONSE] || m == &metric_specs[MET_RESOLUTION]) {
            bool higher = m->type == FT_PERCENT;
            /* the keys are "metric value": compare the values */
            const char *na = ka ? strchr(ka, ' ') : NULL, *nb = kb ? strchr(kb, ' ') : NULL;
            r = level_rule(op, higher, na ? na + 1 : "0", nb ? nb + 1 : "0");
        }
        /* An OLA or an underpinning contract is not the consumers' own: a
         * lower level there puts the SLAs on top of it at risk. */
        const Entity *e = x->cur->new_ ? x->cur->new_ : x->cur->old;
        if (agreement && r.level == DIFF_BREAKING && !node_enum_is(&e->node, AGR_TYPE, "sla"))
            r = (Rule){"agreement-level-lowered", DIFF_WARNING};
        return r;
    }
    if (offering && f->type == FT_PRICE) {
        if (op == DIFF_ADDED)
            return (Rule){"price-added", DIFF_WARNING};
        if (op == DIFF_REMOVED)
            return (Rule){"price-removed", DIFF_INFO};
        /* Amounts compare only in the same currency and per the same unit. */
        const char *ra = strchr(ka, ' '), *rb = strchr(kb, ' ');
        if (!ra || !rb || strcmp(ra, rb) != 0)
            return (Rule){"price-changed", DIFF_WARNING};
        return strtod(kb, NULL) > strtod(ka, NULL) ? (Rule){"price-raised", DIFF_BREAKING}
                                                   : (Rule){"price-lowered", DIFF_INFO};
    }
    if (strcmp(s->what, "request") == 0) {
        if (named(f, "approval") && op == DIFF_ADDED)
            return (Rule){"request-approval-added", DIFF_WARNING};
        if (named(f, "lead_time")) {
            if (op == DIFF_ADDED)
                return (Rule){"request-lead-time-added", DIFF_WARNING};
            if (op == DIFF_CHANGED)
                return time_rule(x, op, va, vb, (Rule){"request-lead-time-longer", DIFF_BREAKING},
                                 (Rule){generic_rule(op), DIFF_INFO});
        }
    }
    if (strcmp(s->what, "action") == 0 && (named(f, "response") || named(f, "resolution")))
        return time_rule(x, op, va, vb, (Rule){"service-level-lowered", DIFF_BREAKING},
                         (Rule){"service-level-changed", DIFF_INFO});
    if (strcmp(s->what, "calendar") == 0)
        return calendar_rule(x, f, op);
    if (strcmp(s->what, "assessment") == 0 || (strcmp(s->what, "practice") == 0 && named(f, "satisfies")))
        return conformance_rule(f, op, va, vb, ka, kb);
    if (s == &schema_service && named(f, "availability")) {
        Rule r = level_rule(op, true, ka ? ka : "0", kb ? kb : "0");
        if (r.level == DIFF_BREAKING)
            return (Rule){"service-availability-lowered", DIFF_WARNING};
        return (Rule){generic_rule(op), DIFF_INFO};
    }
    if (s == &schema_service && named(f, "depends_on") && op != DIFF_CHANGED) {
        if (op == DIFF_ADDED && dep_is_hard(vb))
            new_edge(x, x->cur->new_, vb->ref);
        return op == DIFF_ADDED ? (Rule){"dependency-added", DIFF_INFO}
                                : (Rule){"dependency-removed", DIFF_INFO};
    }
    if (f->type == FT_REF && op == DIFF_REMOVED &&
        (named(f, "owner") || named(f, "manager") || named(f, "lead")))
        return (Rule){"owner-removed", DIFF_WARNING};
    return (Rule){generic_rule(op), DIFF_INFO};
}

static const char *path(Dx *x, const char *prefix, const char *name)
{
    return *prefix ? arena_printf(x->a, "%s.%s", prefix, name) : name;
}

static DiffChange *change(Dx *x, const Schema *s, const FieldSpec *f, const char *field, DiffOp op,
                          const Val *va, const Val *vb, const char *ka, const char *kb)
{
    Rule r = classify(x, s, f, op, va, vb, ka, kb);
    DiffChange *c = record(x, op, field, r.rule, r.level);
    c->old_value = va ? rendered(x, f, va, false, true) : op == DIFF_ADDED ? NULL : ka;
    c->new_value = vb ? rendered(x, f, vb, false, false) : op == DIFF_REMOVED ? NULL : kb;
    return c;
}

/* A name or description, in PREFIX (a field path, or ""). */
static void text_change(Dx *x, const char *prefix, const char *name, const char *a, const char *b,
                        const char *rule)
{
    if (!a && !b)
        return;
    if (a && b && strcmp(a, b) == 0)
        return;
    DiffOp op = !a ? DIFF_ADDED : !b ? DIFF_REMOVED : DIFF_CHANGED;
    DiffChange *c = record(x, op, path(x, prefix, name), rule, DIFF_INFO);
    Buf ba, bb;
    buf_init(&ba, x->a);
    buf_init(&bb, x->a);
    if (a)
        quote(&ba, a, strlen(a));
    if (b)
        quote(&bb, b, strlen(b));
    c->old_value = a ? buf_cstr(&ba) : NULL;
    c->new_value = b ? buf_cstr(&bb) : NULL;
}

/* Comparing nodes ---------------------------------------------------------------- */

static void diff_node(Dx *x, const Schema *s, const Node *a, const Node *b, const char *prefix);

typedef struct Entry {
    const char *key;
    const Val *v;
} Entry;

static int by_key(const void *p, const void *q)
{
    return strcmp(((const Entry *)p)->key, ((const Entry *)q)->key);
}

/* What identifies a list element: items by id, levels by metric, links by
 * name, prices by whom they are for, dependencies by service; any other
 * value by itself.  In scratch B. */
static const char *element_key(const Dx *x, Buf *b, const FieldSpec *f, const Val *v, bool old_side)
{
    if (f->type == FT_PRICE) {
        b->len = 0;
        buf_adds(b, "price");
        price_group(x, b, v, old_side);
        return buf_cstr(b);
    }
    if (f->type != FT_ITEM && f->type != FT_METRIC && f->type != FT_LINK)
        return scratch(x, b, f, v, NULL, old_side);
    b->len = 0;
    buf_add(b, v->text, v->len);
    return buf_cstr(b);
}

static Entry *entries(Dx *x, const FieldSpec *f, const Val *list, bool old_side, uint32_t *n)
{
    *n = 0;
    for (const Val *v = list; v; v = val_next(v))
        (*n)++;
    Entry *e = ARENA_ARRAY(x->a, Entry, *n + 1);
    uint32_t i = 0;
    for (const Val *v = list; v; v = val_next(v))
        e[i++] = (Entry){arena_strdup(x->a, element_key(x, &x->kk, f, v, old_side)), v};
    qsort(e, *n, sizeof *e, by_key);
    return e;
}

/* Two elements of list FIELD with the same KEY: compare what they hold. */
static void matched(Dx *x, const Schema *s, const FieldSpec *f, const char *field, const char *key,
                    const Val *va, const Val *vb)
{
    if (f->type == FT_METRIC) {
        const char *ka = scratch(x, &x->ka, f, va, NULL, true), *kb = scratch(x, &x->kb, f, vb, NULL, false);
        if (strcmp(ka, kb) != 0) {
            /* "level availability: 99.8% -> 99.5%" */
            const char *inner = arena_printf(x->a, "%s %s", field, key);
            DiffChange *c = change(x, s, f, inner, DIFF_CHANGED, va, vb, dup_or_null(x, ka), dup_or_null(x, kb));
            c->old_value += va->len + 1;
            c->new_value += vb->len + 1;
        }
        return;
    }
    if (f->type == FT_PRICE) { /* the same group: has the price changed? */
        const char *ka = scratch(x, &x->ka, f, va, NULL, true), *kb = scratch(x, &x->kb, f, vb, NULL, false);
        if (strcmp(ka, kb) != 0)
            change(x, s, f, arena_printf(x->a, "%s%s", field, key + 5), DIFF_CHANGED, va, vb,
                   dup_or_null(x, ka), dup_or_null(x, kb));
        return;
    }
    if (f->type == FT_LINK) { /* the same name: has its URL changed? */
        if (strcmp(va->url, vb->url) != 0)
            change(x, s, f, arena_printf(x->a, "%s %s", field, key), DIFF_CHANGED, va, vb, NULL, NULL);
        return;
    }
    if (f->type != FT_ITEM && !f->block)
        return; /* equal keys: equal values */
    const char *inner = arena_printf(x->a, "%s %s", field, key);
    if (f->type == FT_ITEM) {
        text_change(x, inner, "name", va->name, vb->name, "name-changed");
        text_change(x, inner, "description", va->block ? va->block->description : NULL,
                    vb->block ? vb->block->description : NULL, "description-changed");
    }
    if (f->block)
        diff_node(x, f->block, va->block, vb->block, inner);
}

/* The same elements in the same order: the common case, compared in
 * place without sorting or copying. */
static bool same_order(Dx *x, const FieldSpec *f, const Val *la, const Val *lb)
{
    for (; la && lb; la = val_next(la), lb = val_next(lb))
        if (strcmp(element_key(x, &x->ka, f, la, true), element_key(x, &x->kb, f, lb, false)) != 0)
            return false;
    return !la && !lb;
}

static void diff_list(Dx *x, const Schema *s, const FieldSpec *f, const Val *la, const Val *lb,
                      const char *prefix)
{
    const char *field = path(x, prefix, f->name);
    if (same_order(x, f, la, lb)) {
        if (f->type == FT_ITEM || f->type == FT_METRIC || f->type == FT_LINK || f->type == FT_PRICE ||
            f->block)
            for (; la; la = val_next(la), lb = val_next(lb))
                matched(x, s, f, field, element_key(x, &x->kk, f, la, true), la, lb);
        return;
    }
    uint32_t na, nb, i = 0, j = 0;
    Entry *ea = entries(x, f, la, true, &na), *eb = entries(x, f, lb, false, &nb);
    while (i < na || j < nb) {
        int cmp = i == na ? 1 : j == nb ? -1 : strcmp(ea[i].key, eb[j].key);
        if (cmp < 0) {
            change(x, s, f, field, DIFF_REMOVED, ea[i].v, NULL, rendered(x, f, ea[i].v, true, true), NULL);
            i++;
        } else if (cmp > 0) {
            change(x, s, f, field, DIFF_ADDED, NULL, eb[j].v, NULL, rendered(x, f, eb[j].v, true, false));
            j++;
        } else {
            matched(x, s, f, field, ea[i].key, ea[i].v, eb[j].v);
            i++;
            j++;
        }
    }
}

static void diff_scalar(Dx *x, const Schema *s, const FieldSpec *f, const Val *va, const Val *vb,
                        const char *prefix)
{
    const char *ka = scratch(x, &x->ka, f, va, f->dflt, true), *kb = scratch(x, &x->kb, f, vb, f->dflt, false);
    bool differ = (ka || kb) && (!ka || !kb || strcmp(ka, kb) != 0);
    bool block = f->block && (va || vb);
    if (!differ && !block)
        return;
    const char *field = path(x, prefix, f->name);
    if (differ)
        change(x, s, f, field, !ka ? DIFF_ADDED : !kb ? DIFF_REMOVED : DIFF_CHANGED, va, vb,
               dup_or_null(x, ka), dup_or_null(x, kb));
    if (block)
        diff_node(x, f->block, va ? va->block : NULL, vb ? vb->block : NULL, field);
}

static bool is_header_row(const FieldSpec *f) { return named(f, "name") || named(f, "description"); }

static void diff_node(Dx *x, const Schema *s, const Node *a, const Node *b, const char *prefix)
{
    for (size_t row = 0; row < s->nfields; row++) {
        const FieldSpec *f = &s->fields[row];
        if (is_header_row(f))
            continue;
        const Val *va = a ? node_get(a, row) : NULL, *vb = b ? node_get(b, row) : NULL;
        if (f->flags & F_LIST)
            diff_list(x, s, f, va, vb, prefix);
        else
            diff_scalar(x, s, f, va, vb, prefix);
    }
}

/* Matching entities ---------------------------------------------------------------- */

/* Everything an entity says but its id: two entities with the same
 * signature are the same thing under two names. */
static const char *signature(Dx *x, const Entity *e, bool old_side)
{
    Buf b;
    buf_init(&b, x->a);
    if (e->name)
        buf_adds(&b, e->name);
    buf_addc(&b, '\n');
    if (e->node.description)
        buf_adds(&b, e->node.description);
    const Schema *s = e->node.schema;
    for (size_t row = 0; row < s->nfields; row++) {
        buf_addc(&b, '\n');
        for (const Val *v = node_get(&e->node, row); v; v = val_next(v)) {
            render(x, &b, &s->fields[row], v, true, old_side);
            buf_addc(&b, ',');
        }
    }
    return buf_cstr(&b);
}

typedef struct Cand {
    Pair *p;
    uint32_t n;              /* entities with this key on this side */
} Cand;

static void index_key(Dx *x, NameTable *t, const char *key, Pair *p)
{
    uint32_t len = (uint32_t)strlen(key);
    Cand *c = names_find(t, key, len);
    if (c) {
        c->n++;
        return;
    }
    c = ARENA_NEW(x->a, Cand);
    c->p = p;
    c->n = 1;
    names_insert(t, key, len, c);
}

/* Among PAIRS (one kind), pair a removed entity with an added one where
 * they share a key — their signature, or their display name (BY_NAME) —
 * that no other removed or added entity has. */
static void pair_by(Dx *x, Pair *pairs, uint32_t n, bool by_name)
{
    NameTable olds, news;
    names_init(&olds, x->a, 16);
    names_init(&news, x->a, 16);
    const char **keys = ARENA_ARRAY(x->a, const char *, n + 1);
    for (uint32_t i = 0; i < n; i++) {
        Pair *p = &pairs[i];
        keys[i] = NULL;
        if ((p->old != NULL) == (p->new_ != NULL))
            continue; /* matched, or already paired */
        const Entity *e = p->old ? p->old : p->new_;
        keys[i] = by_name ? e->name : signature(x, e, p->old != NULL);
        if (keys[i])
            index_key(x, p->old ? &olds : &news, keys[i], p);
    }
    for (uint32_t i = 0; i < n; i++) {
        Pair *p = &pairs[i];
        if (!keys[i] || !p->old || p->new_)
            continue;
        uint32_t len = (uint32_t)strlen(keys[i]);
        Cand *o = names_find(&olds, keys[i], len), *m = names_find(&news, keys[i], len);
        if (o->n != 1 || !m || m->n != 1 || m->p->old)
            continue;
        m->p->old = p->old; /* the added entry becomes the renamed pair */
        p->old = NULL;
        names_insert(&x->renamed, m->p->old->id, m->p->old->id_len, (void *)m->p->new_->id);
    }
}

static int by_pair_id(const void *p, const void *q)
{
    return strcmp(((const Pair *)p)->id, ((const Pair *)q)->id);
}

/* The pairs of one kind: matched by id, then renames; sorted by id. */
static Pair *match_kind(Dx *x, const Model *old, const Model *new_, DeclKind k, uint32_t *count)
{
    uint32_t na = old->nkind[k], nb = new_->nkind[k], i = 0, j = 0, n = 0;
    Pair *pairs = ARENA_ARRAY(x->a, Pair, na + nb + 1);
    Entity *const *a = old->by_kind[k], *const *b = new_->by_kind[k];
    while (i < na || j < nb) {
        int cmp = i == na ? 1 : j == nb ? -1 : strcmp(a[i]->id, b[j]->id);
        Pair *p = &pairs[n++];
        p->old = cmp <= 0 ? a[i++] : NULL;
        p->new_ = cmp >= 0 ? b[j++] : NULL;
    }
    pair_by(x, pairs, n, false);
    pair_by(x, pairs, n, true);
    uint32_t m = 0;
    for (uint32_t t = 0; t < n; t++) {
        if (!pairs[t].old && !pairs[t].new_)
            continue;
        pairs[m] = pairs[t];
        pairs[m].id = pairs[m].new_ ? pairs[m].new_->id : pairs[m].old->id;
        m++;
    }
    qsort(pairs, m, sizeof *pairs, by_pair_id);
    *count = m;
    return pairs;
}

/* Comparing entities ------------------------------------------------------------------ */

/* The new hard dependencies among those OFF's services rely on: "a -> b,
 * c -> d", or NULL if there are none. */
static const char *new_edges_in_closure(Dx *x, const Entity *off)
{
    if (x->nedges == 0)
        return NULL;
    uint32_t n = x->new_model->nkind[DECL_SERVICE];
    if (!x->seen)
        x->seen = arena_zalloc(x->a, sizeof *x->seen * (n + 1));
    uint32_t stamp = ++x->stamp, sp = 0;
    const Entity **stack = ARENA_ARRAY(x->a, const Entity *, n + 1);
    for (const Val *v = node_get(&off->node, OFF_SERVICES); v; v = val_next(v))
        if (x->seen[v->ref->graph_index] != stamp) {
            x->seen[v->ref->graph_index] = stamp;
            stack[sp++] = v->ref;
        }
    while (sp > 0) {
        const Entity *s = stack[--sp];
        for (const Val *d = dep_service(node_get(&s->node, SVC_DEPENDS_ON)); d;
             d = dep_service(val_next(d)))
            if (dep_is_hard(d) && x->seen[d->ref->graph_index] != stamp) {
                x->seen[d->ref->graph_index] = stamp;
                stack[sp++] = d->ref;
            }
    }
    Buf b;
    buf_init(&b, x->a);
    uint32_t shown = 0, more = 0;
    for (uint32_t i = 0; i < x->nedges; i++) {
        if (x->seen[x->edges[i].from->graph_index] != stamp)
            continue;
        if (shown == 3) {
            more++;
            continue;
        }
        if (shown++)
            buf_adds(&b, ", ");
        buf_adds(&b, x->edges[i].from->id);
        buf_adds(&b, " -> ");
        buf_adds(&b, x->edges[i].to->id);
    }
    if (more)
        buf_adds(&b, arena_printf(x->a, " and %u more", more));
    return shown ? buf_cstr(&b) : NULL;
}

/* Offering OFF's availability promise was safe and is not any more. */
static void promise_broken(Dx *x, const Entity *off)
{
    const char *added = new_edges_in_closure(x, off);
    DiffChange *c = record(x, DIFF_CHANGED, "level availability",
                           added ? "dependency-breaks-availability" : "availability-promise-unsafe",
                           DIFF_WARNING);
    const char *promise = "";
    for (const Val *l = node_get(&off->node, OFF_LEVEL); l; l = val_next(l))
        if (l->metric == &metric_specs[MET_AVAILABILITY])
            promise = arena_printf(x->a, "%.*s%%", (int)l->inner->len, l->inner->text);
    c->note = arena_printf(x->a, "promises %s, but its services now deliver at most %.4g%%%s%s", promise,
                           entity_links(off)->delivered * 100, added ? ", after adding " : "", added ? added : "");
}

static void diff_entity(Dx *x, const Pair *p)
{
    x->cur = p;
    x->cur_listed = false;
    const Entity *a = p->old, *b = p->new_;
    const char *kind = decl_kind_name((a ? a : b)->kind);
    if (!a) {
        record(x, DIFF_ADDED, NULL, arena_printf(x->a, "%s-added", kind), DIFF_INFO);
        x->d->added++;
        if (b->kind == DECL_SERVICE)
            for (const Val *d = dep_service(node_get(&b->node, SVC_DEPENDS_ON)); d;
             d = dep_service(val_next(d)))
                if (dep_is_hard(d))
                    new_edge(x, b, d->ref);
        return;
    }
    if (!b) {
        bool offering = a->kind == DECL_OFFERING;
        record(x, DIFF_REMOVED, NULL, arena_printf(x->a, "%s-removed", kind),
               offering ? DIFF_BREAKING : DIFF_INFO);
        x->d->removed++;
        return;
    }
    if (strcmp(a->id, b->id) != 0) {
        DiffChange *c = record(x, DIFF_RENAMED, NULL, arena_printf(x->a, "%s-renamed", kind),
                               b->kind == DECL_OFFERING ? DIFF_WARNING : DIFF_INFO);
        c->old_value = a->id;
        c->new_value = b->id;
        x->d->renamed++;
    }
    text_change(x, "", "name", a->name, b->name, "name-changed");
    text_change(x, "", "description", a->node.description, b->node.description, "description-changed");
    diff_node(x, b->node.schema, &a->node, &b->node, "");
    if (b->kind == DECL_OFFERING && entity_links(b)->promise_unsafe && !entity_links(a)->promise_unsafe)
        promise_broken(x, b);
}

Diff *diff_models(Arena *a, const Model *old, const Model *new_)
{
    Dx x = {a, ARENA_NEW(a, Diff), {0}, NULL, false, new_, NULL, 0, 0, NULL, 0, {0}, {0}, {0}, {{0}, {0}}};
    names_init(&x.renamed, a, 16);
    buf_init(&x.ka, a);
    buf_init(&x.kb, a);
    buf_init(&x.kk, a);
    Pair *pairs[DECL__COUNT] = {NULL};
    uint32_t npairs[DECL__COUNT] = {0};
    /* Renames first, all kinds, those that others refer to before those
     * that refer (a signature reads references through the renames known):
     * then every reference is read through them. */
    static const DeclKind order[] = {DECL_TEAM, DECL_PERSON, DECL_SUPPLIER, DECL_CALENDAR, DECL_CONSUMER,
                                     DECL_RESOURCE, DECL_FRAMEWORK, DECL_REQUIREMENT, DECL_PRACTICE, DECL_SERVICE,
                                     DECL_OFFERING, DECL_AGREEMENT, DECL_CROSSWALK, DECL_VIEW, DECL_CATALOGUE};
    _Static_assert(sizeof order / sizeof order[0] == DECL__COUNT - 1, "every kind but templates");
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        pairs[order[i]] = match_kind(&x, old, new_, order[i], &npairs[order[i]]);
    /* Services before offerings: an offering's availability warning says
     * whether dependencies were added. */
    for (int k = 0; k < DECL__COUNT; k++) /* templates: what they give shows in their users */
        for (uint32_t i = 0; i < npairs[k]; i++)
            diff_entity(&x, &pairs[k][i]);
    return x.d;
}

/* Reports ---------------------------------------------------------------------------- */

static bool same_entity(const DiffChange *a, const DiffChange *b)
{
    return a->kind == b->kind && strcmp(a->id, b->id) == 0;
}

static void summary(const Diff *d, FILE *out)
{
    fprintf(out, "%u added, %u changed, %u removed, %u renamed; %u breaking, %u warning%s, %u info",
            d->added, d->changed, d->removed, d->renamed, d->levels[DIFF_BREAKING],
            d->levels[DIFF_WARNING], d->levels[DIFF_WARNING] == 1 ? "" : "s", d->levels[DIFF_INFO]);
}

/* Terminal colours of the text report: + green, - red, ~ yellow, > cyan;
 * breaking red, warnings yellow. */
static const char *op_color(char op)
{
    return op == '+' ? "\033[32m" : op == '-' ? "\033[31m" : op == '~' ? "\033[33m" : "\033[36m";
}

#define RESET "\033[0m"

static void tag(const DiffChange *c, bool color, FILE *out)
{
    const char *on = !color ? "" : c->level == DIFF_BREAKING ? "\033[1;31m" : c->level == DIFF_WARNING ? "\033[33m" : "";
    fprintf(out, "  %s[%s: %s]%s\n", on, diff_level_name(c->level), c->rule, *on ? RESET : "");
}

static void op_char(char op, bool color, FILE *out)
{
    if (color)
        fprintf(out, "%s%c" RESET, op_color(op), op);
    else
        fputc(op, out);
}

/* Values, names and notes come from the catalogue: on a terminal, their
 * control characters and escape sequences are shown, not obeyed. */
static void value_pair(const DiffChange *c, FILE *out)
{
    if (c->old_value || c->new_value) {
        fputs(": ", out);
        esc_term(out, c->old_value ? c->old_value : c->new_value);
    }
    if (c->old_value && c->new_value) {
        fputs(" -> ", out);
        esc_term(out, c->new_value);
    }
    if (c->note) {
        fputs(c->old_value || c->new_value ? " (" : ": ", out);
        esc_term(out, c->note);
        fputs(c->old_value || c->new_value ? ")" : "", out);
    }
}

static void change_line(const DiffChange *c, char op, bool color, FILE *out)
{
    op_char(op, color, out);
    fprintf(out, " %s %s", decl_kind_name(c->kind), c->id);
    if (c->name) {
        fputs(" \"", out);
        esc_term(out, c->name);
        fputc('"', out);
    }
}

bool diff_print_text(const Diff *d, const char *old_label, const char *new_label, bool color,
                     FILE *out)
{
    fputs("svcc diff ", out);
    esc_term(out, old_label);
    fputs(" -> ", out);
    esc_term(out, new_label);
    fputs("\n\n", out);
    for (uint32_t i = 0; i < d->count; i++) {
        const DiffChange *c = &d->changes[i];
        bool first = i == 0 || !same_entity(c, &d->changes[i - 1]);
        if (!c->field) {
            change_line(c, (char)c->op, color, out);
            if (c->op == DIFF_RENAMED) {
                fputs(" (was ", out);
                esc_term(out, c->old_value);
                fputc(')', out);
            }
            tag(c, color, out);
            continue;
        }
        if (first) {
            change_line(c, '~', color, out);
            fputc('\n', out);
        }
        fputs("    ", out);
        op_char((char)c->op, color, out);
        fprintf(out, " %s", c->field);
        value_pair(c, out);
        tag(c, color, out);
    }
    if (d->count == 0)
        fputs("No changes.\n", out);
    else
        fputc('\n', out);
    fputs("Summary: ", out);
    summary(d, out);
    fputs(".\n", out);
    return !ferror(out);
}

bool diff_print_markdown(const Diff *d, const char *old_label, const char *new_label, FILE *out)
{
    fputs("### svcc diff: ", out);
    if (d->count == 0)
        fputs("no changes\n\n", out);
    else
        fprintf(out, "%u breaking, %u warning%s, %u info\n\n", d->levels[DIFF_BREAKING],
                d->levels[DIFF_WARNING], d->levels[DIFF_WARNING] == 1 ? "" : "s", d->levels[DIFF_INFO]);
    fputs("Comparing ", out);
    esc_md_code(out, old_label);
    fputs(" with ", out);
    esc_md_code(out, new_label);
    fputs(": ", out);
    summary(d, out);
    fputs(".\n", out);
    if (d->count == 0)
        return !ferror(out);
    fputs("\n| level | rule | entity | change |\n| --- | --- | --- | --- |\n", out);
    /* Breaking first, then warnings, then the rest. */
    for (int level = DIFF_BREAKING; level >= DIFF_INFO; level--)
        for (uint32_t i = 0; i < d->count; i++) {
            const DiffChange *c = &d->changes[i];
            if ((int)c->level != level)
                continue;
            fprintf(out, level == DIFF_BREAKING ? "| **%s** | " : "| %s | ", diff_level_name(c->level));
            esc_md_code(out, c->rule);
            fprintf(out, " | %s ", decl_kind_name(c->kind));
            esc_md_code(out, c->id);
            fputs(" | ", out);
            static const char *const verbs[] = {['+'] = "added", ['-'] = "removed", ['~'] = "changed",
                                                ['>'] = "renamed"};
            if (c->field) {
                esc_md_code(out, c->field);
                fprintf(out, " %s", verbs[c->op]);
            } else {
                fputs(verbs[c->op], out);
            }
            if (c->old_value && c->new_value) {
                fputs(": ", out);
                esc_md_code(out, c->old_value);
                fputs(" → ", out);
                esc_md_code(out, c->new_value);
            } else if (c->old_value || c->new_value) {
                fputs(": ", out);
                esc_md_code(out, c->old_value ? c->old_value : c->new_value);
            }
            if (c->note) {
                fputs(c->old_value || c->new_value ? " (" : ": ", out);
                esc_md_text(out, c->note);
                fputs(c->old_value || c->new_value ? ")" : "", out);
            }
            fputs(" |\n", out);
        }
    return !ferror(out);
}

static void str_or_null(yajl_gen g, const char *s)
{
    if (s)
        json_str(g, s);
    else
        yajl_gen_null(g);
}

bool diff_print_json(Arena *a, const Diff *d, const char *old_label, const char *new_label, FILE *out)
{
    Json j;
    json_open(&j, a, out, true);
    yajl_gen g = j.g;
    yajl_gen_map_open(g);
    json_str(g, "format");
    json_str(g, "svcc.diff");
    json_str(g, "version");
    yajl_gen_integer(g, 1);
    json_str(g, "old");
    json_str(g, old_label);
    json_str(g, "new");
    json_str(g, new_label);
    json_str(g, "summary");
    yajl_gen_map_open(g);
    static const char *const counts[] = {"added", "changed", "removed", "renamed"};
    const uint32_t values[] = {d->added, d->changed, d->removed, d->renamed};
    for (int i = 0; i < 4; i++) {
        json_str(g, counts[i]);
        yajl_gen_integer(g, values[i]);
    }
    for (int level = DIFF_BREAKING; level >= DIFF_INFO; level--) {
        json_str(g, diff_level_name((DiffLevel)level));
        yajl_gen_integer(g, d->levels[level]);
    }
    yajl_gen_map_close(g);
    json_str(g, "changes");
    yajl_gen_array_open(g);
    static const char *const ops[] = {['+'] = "added", ['-'] = "removed", ['~'] = "changed",
                                      ['>'] = "renamed"};
    for (uint32_t i = 0; i < d->count; i++) {
        const DiffChange *c = &d->changes[i];
        yajl_gen_map_open(g);
        json_str(g, "rule");
        json_str(g, c->rule);
        json_str(g, "level");
        json_str(g, diff_level_name(c->level));
        json_str(g, "change");
        json_str(g, ops[c->op]);
        json_str(g, "kind");
        json_str(g, decl_kind_name(c->kind));
        json_str(g, "id");
        json_str(g, c->id);
        json_str(g, "field");
        str_or_null(g, c->field);
        json_str(g, "old");
        str_or_null(g, c->old_value);
        json_str(g, "new");
        str_or_null(g, c->new_value);
        json_str(g, "note");
        str_or_null(g, c->note);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
    json_close(&j, out);
    return !ferror(out);
}
