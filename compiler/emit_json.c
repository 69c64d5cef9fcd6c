/* emit_json.c — catalogue JSON, streamed with yajl.
 *
 * The shape follows the schema tables: each field of an entity is written
 * under its own name, by its type (a list as an array, a reference as
 * {"kind", "id"}, a duration as seconds and text, money as a number and
 * the decimal as written), with null or [] when absent so that every
 * object of a kind has the same keys.  schema/catalogue.schema.json
 * describes it (format_version 4).
 */
#include <stdio.h>
#include <string.h>
#include "calendar.h"
#include "coverage.h"
#include "emit.h"
#include "json.h"

/* The rows `fields` writes for a schema, with their keys: worked out once
 * per schema, not for every node. */
typedef struct RowOut {
    const FieldSpec *f;
    size_t row;
    const char *key;
    size_t key_len;
} RowOut;

typedef struct Plan {
    const Schema *schema;
    RowOut *rows;
    size_t n;
} Plan;

enum { MAX_PLANS = 32 }; /* more than the schemas there are */

typedef struct J {
    yajl_gen g;
    Compiler *c;
    Plan plans[MAX_PLANS];
    size_t nplans;
    const Entity *owner;    /* the entity being written: business time's calendar */
    const Coverage *cover;  /* who addresses each requirement, for `satisfied_by` */
    uint32_t *owner_seen;   /* by entity order: the offering (graph index + 1) whose
                             * owners list has it already (owners) */
} J;

static void str(J *j, const char *s) { yajl_gen_string(j->g, (const unsigned char *)s, strlen(s)); }
static void strn(J *j, const char *s, size_t n) { yajl_gen_string(j->g, (const unsigned char *)s, n); }
/* A key written in the source: its length is known at compile time ("" makes
 * sure it is a literal).  Other keys go through str(). */
#define key(j, lit) yajl_gen_string((j)->g, (const unsigned char *)"" lit, sizeof(lit) - 1)
static void null(J *j) { yajl_gen_null(j->g); }
static void str_or_null(J *j, const char *s)
{
    if (s)
        str(j, s);
    else
        null(j);
}

/* A number as written, made valid JSON (json.h). */
static void number(J *j, const char *text, size_t len) { json_number(j->g, text, len); }

Place emit_place(Compiler *c, const Entity *e)
{
    Unit *u = c->units[e->span.file];
    Place p = {u->rel, u->module, entity_line(c, e), e->column};
    return p;
}

/* A reference: {"kind": "team", "id": "ops"}. */
static void ref(J *j, const Entity *e)
{
    yajl_gen_map_open(j->g);
    key(j, "kind");
    str(j, decl_kind_name(e->kind));
    key(j, "id");
    strn(j, e->id, e->id_len);
    yajl_gen_map_close(j->g);
}

/* "amount": the decimal as a JSON number, "amount_text": as written ("4.50"). */
static void amount(J *j, const char *text, size_t len)
{
    key(j, "amount");
    number(j, text, len);
    key(j, "amount_text");
    strn(j, text, len);
}

static void header(J *j, const Entity *e)
{
    key(j, "id");
    strn(j, e->id, e->id_len);
    key(j, "name"); /* the display name: the id when none is given */
    if (e->name)
        str(j, e->name);
    else
        strn(j, e->id, e->id_len);
    key(j, "description");
    str_or_null(j, e->node.description);
    Place p = emit_place(j->c, e);
    key(j, "source");
    yajl_gen_map_open(j->g);
    key(j, "file");
    str(j, p.file);
    key(j, "line");
    yajl_gen_integer(j->g, p.line);
    key(j, "column");
    yajl_gen_integer(j->g, p.column);
    key(j, "module");
    str_or_null(j, p.module);
    yajl_gen_map_close(j->g);
}

static const char *json_key(const FieldSpec *f)
{
    if (f->type == FT_ITEM && strcmp(f->name, "good") == 0)
        return "goods";
    if (f->type == FT_ITEM && strcmp(f->name, "action") == 0)
        return "actions";
    if (f->type == FT_METRIC)
        return "levels";
    return f->name;
}

/* {"seconds", "text", "business"}: business time has no seconds, but
 * its count, unit and calendar. */
static void duration(J *j, const Val *v)
{
    const BusinessTime *b = v->business;
    yajl_gen_map_open(j->g);
    key(j, "seconds");
    if (b)
        null(j);
    else
        yajl_gen_integer(j->g, (long long)v->num);
    key(j, "text");
    strn(j, v->text, v->len);
    key(j, "business");
    if (b) {
        yajl_gen_map_open(j->g);
        key(j, "count");
        yajl_gen_integer(j->g, (long long)b->count);
        key(j, "unit");
        str(j, b->days ? "days" : "hours");
        key(j, "calendar"); /* named, or the support hours' (E0510 when there is none) */
        ref(j, business_calendar(j->owner, b));
        yajl_gen_map_close(j->g);
    } else {
        null(j);
    }
    yajl_gen_map_close(j->g);
}

/* "08:30" for minute M of a day (1440: "24:00"). */
static void clock(J *j, unsigned m)
{
    char t[32];
    snprintf(t, sizeof t, "%02u:%02u", m / 60, m % 60);
    str(j, t);
}

/* A calendar's period: {"days": ["mon", …], "from": "08:30", "to": "12:00", "text"}. */
static void period(J *j, const Val *v)
{
    yajl_gen_map_open(j->g);
    key(j, "days");
    yajl_gen_array_open(j->g);
    for (unsigned d = 0; d < 7; d++)
        if (cal_period_days(v->num) >> d & 1)
            str(j, cal_day_name(d));
    yajl_gen_array_close(j->g);
    key(j, "from");
    clock(j, cal_period_from(v->num));
    key(j, "to");
    clock(j, cal_period_to(v->num));
    key(j, "text");
    strn(j, v->text, v->len);
    yajl_gen_map_close(j->g);
}

/* N's fields of SCHEMA; N may be NULL (a field written without its block):
 * then every field is written absent, so objects keep one shape. */
static void fields(J *j, const Node *n, const Schema *schema);

/* {K1: TEXT (LEN bytes), K2: S}: money, a link. */
static void text_pair(J *j, const char *k1, const char *text, size_t len, const char *k2,
                      const char *s)
{
    yajl_gen_map_open(j->g);
    str(j, k1);
    strn(j, text, len);
    str(j, k2);
    str(j, s);
    yajl_gen_map_close(j->g);
}

static void per_unit(void *ctx, const char *w, size_t n)
{
    J *j = ctx;
    strn(j, w, n);
}

/* "per user per month" as {"units": ["user"], "period": "month"}
 * (price_per_words, model.h), or null. */
static void per(J *j, const char *words)
{
    if (!words || !*words) {
        null(j);
        return;
    }
    yajl_gen_map_open(j->g);
    key(j, "units");
    yajl_gen_array_open(j->g);
    size_t period_len;
    const char *period = price_per_words(words, &period_len, per_unit, j);
    yajl_gen_array_close(j->g);
    key(j, "period");
    if (period)
        strn(j, period, period_len);
    else
        null(j);
    yajl_gen_map_close(j->g);
}

static void value(J *j, const FieldSpec *f, const Val *v)
{
    switch (f->type) {
    case FT_STRING: strn(j, v->text, v->len); return;
    case FT_INT:
    case FT_DECIMAL:
    case FT_PERCENT: number(j, v->text, v->len); return;
    case FT_DURATION: duration(j, v); return;
    case FT_HOURS: period(j, v); return;
    case FT_QUANTITY:
        yajl_gen_map_open(j->g);
        key(j, "value");
        number(j, v->text, v->len);
        key(j, "unit");
        str(j, v->unit);
        yajl_gen_map_close(j->g);
        return;
    case FT_MONEY:
        yajl_gen_map_open(j->g);
        amount(j, v->text, v->len);
        key(j, "currency");
        str(j, v->unit);
        yajl_gen_map_close(j->g);
        return;
    case FT_ENUM:
    case FT_CHARACTERISTIC: str(j, f->words[v->word]); return;
    case FT_REF:
        if (v->role && (f->flags & F_TEXT)) { /* support hours as text */
            strn(j, v->text, v->len);
            return;
        }
        if (v->role) { /* {"role": "department head"}, a provider's {"name": "…"} */
            yajl_gen_map_open(j->g);
            if (f->flags & F_ORG)
                key(j, "name");
            else
                key(j, "role");
            strn(j, v->text, v->len);
            yajl_gen_map_close(j->g);
            return;
        }
        if (!f->block) {
            ref(j, v->ref);
            return;
        }
        /* A reference with a block: {"kind", "id", …block fields} */
        yajl_gen_map_open(j->g);
        key(j, "kind");
        str(j, decl_kind_name(v->ref->kind));
        key(j, "id");
        strn(j, v->ref->id, v->ref->id_len);
        fields(j, v->block, f->block);
        yajl_gen_map_close(j->g);
        return;
    case FT_ITEM:
        yajl_gen_map_open(j->g);
        key(j, "id");
        strn(j, v->text, v->len);
        key(j, "name");
        str_or_null(j, v->name);
        key(j, "description");
        str_or_null(j, v->block ? v->block->description : NULL);
        fields(j, v->block, f->block);
        yajl_gen_map_close(j->g);
        return;
    case FT_METRIC: {
        yajl_gen_map_open(j->g);
        key(j, "metric");
        strn(j, v->text, v->len);
        key(j, "known");
        yajl_gen_bool(j->g, v->metric != NULL);
        key(j, "value");
        if (v->metric) {
            const MetricSpec *ms = v->metric;
            FieldSpec inner = {ms->name, ms->type, ms->flags, NULL, ms->ref_kinds, NULL, NULL, 0, 0};
            value(j, &inner, v->inner);
        } else { /* a string's text, or the value as written */
            strn(j, v->inner->text, v->inner->len);
        }
        yajl_gen_map_close(j->g);
        return;
    }
    case FT_LINK: /* a link, or a calendar's closure */
        text_pair(j, "name", v->text, v->len, (f->flags & F_DATE) ? "date" : "url", v->url);
        return;
    case FT_BLOCK:
        yajl_gen_map_open(j->g);
        fields(j, v->block, f->block);
        yajl_gen_map_close(j->g);
        return;
    case FT_PRICE: {
        const PriceTerms *t = v->terms;
        yajl_gen_map_open(j->g);
        if (t->chargeback) {
            key(j, "amount");
            null(j);
            key(j, "amount_text");
            null(j);
        } else {
            amount(j, v->text, v->len);
        }
        key(j, "currency");
        str_or_null(j, t->chargeback ? NULL : v->unit);
        key(j, "chargeback");
        yajl_gen_bool(j->g, t->chargeback);
        key(j, "for"); /* a consumer group, "others" (the groups no other price names), or null: everyone */
        if (t->others)
            key(j, "others");
        else if (t->group)
            ref(j, t->group);
        else
            null(j);
        key(j, "per");
        per(j, t->per);
        yajl_gen_map_close(j->g);
        return;
    }
    }
}

/* Every field of SCHEMA but the name and description (in the header) and
 * the characteristics (grouped apart). */
static const Plan *plan_of(J *j, const Schema *schema)
{
    for (size_t i = 0; i < j->nplans; i++)
        if (j->plans[i].schema == schema)
            return &j->plans[i];
    Plan *p = &j->plans[j->nplans++ % MAX_PLANS];
    p->schema = schema;
    p->rows = ARENA_ARRAY(&j->c->arena, RowOut, schema->nfields + 1);
    p->n = 0;
    for (size_t row = 0; row < schema->nfields; row++) {
        const FieldSpec *f = &schema->fields[row];
        if (f->type == FT_CHARACTERISTIC || strcmp(f->name, "name") == 0 ||
            strcmp(f->name, "description") == 0)
            continue;
        const char *k = json_key(f);
        p->rows[p->n++] = (RowOut){f, row, k, strlen(k)};
    }
    return p;
}

static void fields(J *j, const Node *n, const Schema *schema)
{
    const Plan *p = plan_of(j, schema);
    for (size_t i = 0; i < p->n; i++) {
        const FieldSpec *f = p->rows[i].f;
        const Val *v = n ? node_get(n, p->rows[i].row) : NULL;
        strn(j, p->rows[i].key, p->rows[i].key_len);
        if (f->flags & F_LIST) {
            yajl_gen_array_open(j->g);
            for (; v; v = val_next(v))
                value(j, f, v);
            yajl_gen_array_close(j->g);
        } else if (v) {
            value(j, f, v);
        } else if (f->dflt && f->type == FT_ENUM) {
            str(j, f->dflt);
        } else if (f->dflt && f->type == FT_INT) {
            number(j, f->dflt, strlen(f->dflt));
        } else {
            null(j);
        }
    }
}

static void characteristics(J *j, const Node *n)
{
    key(j, "characteristics");
    yajl_gen_map_open(j->g);
    for (size_t row = 0; row < n->schema->nfields; row++) {
        const FieldSpec *f = &n->schema->fields[row];
        if (f->type != FT_CHARACTERISTIC)
            continue;
        const Val *v = node_get(n, row);
        str(j, f->name);
        if (!v) { /* not stated (W0405) */
            null(j);
            continue;
        }
        yajl_gen_map_open(j->g);
        key(j, "level");
        str(j, f->words[v->word]);
        fields(j, v->block, f->block);
        yajl_gen_map_close(j->g);
    }
    yajl_gen_map_close(j->g);
}

static void ref_list(J *j, const char *k, Entity *const *list, uint32_t n)
{
    str(j, k);
    yajl_gen_array_open(j->g);
    for (uint32_t i = 0; i < n; i++)
        ref(j, list[i]);
    yajl_gen_array_close(j->g);
}

/* One entry of `satisfied_by`: P's assessment B (or none), VIA the
 * requirement of a crosswalk it is inferred through (or NULL). */
static void addressed_by(J *j, const Entity *p, const Node *b, const Entity *via)
{
    const Val *maturity = b ? node_get(b, ASM_MATURITY) : NULL;
    yajl_gen_map_open(j->g);
    key(j, "practice");
    ref(j, p);
    key(j, "status");
    str_or_null(j, b ? node_enum(b, ASM_STATUS) : NULL);
    key(j, "maturity");
    if (maturity)
        yajl_gen_integer(j->g, (long long)maturity->num);
    else
        null(j);
    key(j, "via");
    if (via)
        ref(j, via);
    else
        null(j);
    yajl_gen_map_close(j->g);
}

static void inferred_entry(void *ctx, const Entity *practice, const Entity *via)
{
    addressed_by(ctx, practice, NULL, via);
}

/* `satisfied_by` of requirement R: [{"practice", "status", "maturity",
 * "via"}] — the practices that name R, then those inferred to address it
 * through a crosswalk (a practice that names R itself is not repeated). */
static void satisfied_by(J *j, const Entity *r)
{
    const Coverage *cv = j->cover;
    key(j, "satisfied_by");
    yajl_gen_array_open(j->g);
    for (uint32_t k = cv->first_direct[r->graph_index]; k != COVER_END; k = cv->direct[k].next)
        addressed_by(j, cv->direct[k].practice, cv->direct[k].v->block, NULL);
    cover_inferred(cv, r, inferred_entry, j);
    yajl_gen_array_close(j->g);
}

/* An offering's owners: "owners", the owners of its services, each once in
 * the order of the services; "owner", the one of them when there is one,
 * else null. */
static void owners(J *j, const Entity *o)
{
    const Entity *one = NULL;
    uint32_t n = 0;
    key(j, "owners");
    yajl_gen_array_open(j->g);
    for (const Val *v = node_get(&o->node, OFF_SERVICES); v; v = val_next(v)) {
        const Val *w = node_get(&v->ref->node, SVC_OWNER);
        if (!w || w->role || j->owner_seen[w->ref->order] == o->graph_index + 1)
            continue;
        j->owner_seen[w->ref->order] = o->graph_index + 1;
        one = w->ref;
        n++;
        ref(j, w->ref);
    }
    yajl_gen_array_close(j->g);
    key(j, "owner");
    if (n == 1)
        ref(j, one);
    else
        null(j);
}

static void entity(J *j, const Entity *e)
{
    yajl_gen_map_open(j->g);
    j->owner = e;
    header(j, e);
    fields(j, &e->node, e->node.schema);
    if (e->kind == DECL_SERVICE) {
        characteristics(j, &e->node);
        const EntityLinks *l = entity_links(e);
        ref_list(j, "dependents", l->dependents, l->ndependents);
        ref_list(j, "offered_in", l->offered_in, l->noffered_in);
    }
    if (e->kind == DECL_OFFERING)
        owners(j, e);
    if (e->kind == DECL_REQUIREMENT)
        satisfied_by(j, e);
    if (e->kind == DECL_CALENDAR) { /* open hours a week, to the minute */
        CalWeek w;
        cal_week_of(e, &w);
        char t[24];
        uint32_t m = cal_week_minutes(&w);
        int n = snprintf(t, sizeof t, "%u.%02u", m / 60, (m % 60) * 100 / 60);
        while (t[n - 1] == '0') /* 38.50 -> 38.5, 40.00 -> 40 */
            t[--n] = '\0';
        if (t[n - 1] == '.')
            t[--n] = '\0';
        key(j, "weekly_hours");
        yajl_gen_number(j->g, t, (size_t)n);
    }
    yajl_gen_map_close(j->g);
}

static void kind_array(J *j, const Model *m, const char *k, DeclKind kind)
{
    str(j, k);
    yajl_gen_array_open(j->g);
    for (uint32_t i = 0; i < m->nkind[kind]; i++)
        entity(j, m->by_kind[kind][i]);
    yajl_gen_array_close(j->g);
}

bool emit_json(Compiler *c, const Model *m, FILE *out)
{
    Json js;
    json_open(&js, &c->arena, out, false);
    J j = {.g = js.g, .c = c};
    j.cover = coverage_new(&c->arena, m);
    j.owner_seen = arena_zalloc(&c->arena, sizeof(uint32_t) * (m->count + 1));
    yajl_gen_map_open(j.g);
    key(&j, "format");
    str(&j, CATALOGUE_FORMAT);
    key(&j, "format_version");
    yajl_gen_integer(j.g, CATALOGUE_FORMAT_VERSION);
    key(&j, "catalogue");
    entity(&j, m->catalogue);
    kind_array(&j, m, "services", DECL_SERVICE);
    kind_array(&j, m, "offerings", DECL_OFFERING);
    kind_array(&j, m, "consumers", DECL_CONSUMER);
    kind_array(&j, m, "teams", DECL_TEAM);
    kind_array(&j, m, "people", DECL_PERSON);
    kind_array(&j, m, "resources", DECL_RESOURCE);
    kind_array(&j, m, "practices", DECL_PRACTICE);
    kind_array(&j, m, "requirements", DECL_REQUIREMENT);
    kind_array(&j, m, "frameworks", DECL_FRAMEWORK);
    kind_array(&j, m, "suppliers", DECL_SUPPLIER);
    kind_array(&j, m, "agreements", DECL_AGREEMENT);
    kind_array(&j, m, "calendars", DECL_CALENDAR);
    kind_array(&j, m, "crosswalks", DECL_CROSSWALK);
    kind_array(&j, m, "views", DECL_VIEW);
    yajl_gen_map_close(j.g);
    json_close(&js, out);
    return !ferror(out);
}
