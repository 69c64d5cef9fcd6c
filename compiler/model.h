/* model.h — the checked catalogue.
 *
 * The semantic pass turns declarations into Entities.  An entity's fields
 * are kept generically, one list of checked values (Val) per row of its
 * schema (schema.h), so the checks and the emitters are driven by the same
 * tables.  References are resolved to entities; nested blocks (a
 * characteristic's, a dependency's, an offering item's) are Nodes of their
 * own schema.  Everything lives in the compilation's arena (compiler.h)
 * and points into no syntax tree and no file's text.  The model is what
 * the outputs read; the checker keeps its own bookkeeping elsewhere.
 */
#ifndef SVCC_MODEL_H
#define SVCC_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ast.h"
#include "schema.h"

typedef struct Entity Entity;
typedef struct Node Node;

/* A price's terms: `price 4 USD per user per month for others`. */
typedef struct PriceTerms {
    const char *per;        /* "per user per month" (one space between), or NULL */
    Entity *group;          /* for GROUP: its consumer group, once resolved */
    const char *group_name; /* for GROUP, as written (kept), or NULL */
    Span group_span;
    bool others;            /* for others: the groups no other price names */
    bool chargeback;        /* charged back at a rate not published: no amount */
} PriceTerms;

/* Business time: `2 business days in staffed`, counted in a calendar's
 * hours.  Written without `in`, the calendar is the one of the offering's
 * (or agreement's) `level support_hours`: read it with business_calendar(). */
typedef struct BusinessTime {
    uint64_t count;
    bool days;              /* business days, else business hours */
    Entity *calendar;       /* named with `in`, once resolved; else NULL */
    const char *calendar_name; /* after `in`, as written, while not resolved; or NULL */
    bool named;             /* written with `in CALENDAR` */
    Span calendar_span;     /* the name after `in`, or the value when there is none */
} BusinessTime;

/* A row's values follow each other in memory; the last one says so.
 * Walk them with val_next(). */
typedef struct Val {
    /* What the value is, by the field's type:
     *   string: text;  enum, level, characteristic: text (the word) and word;
     *   int: text (digits) and num;  decimal, percent: text (as written) and
     *   real;  duration: text (as written) and num (seconds), or business
     *   (num 0);  hours: text (as written) and num (cal_period, calendar.h);  quantity:
     *   text (the number), real, unit;  money: text (the amount), unit (the
     *   currency);  price: the same (both NULL when charged back), terms;  item: text (the id),
     *   name;  metric: text (the metric), metric, inner (its value);
     *   ref: ref (and, while it is not resolved yet, text: the name as written);
     *   link: text (its name), url (a closure's: its date);  block (FT_BLOCK): block.
     * Each field is read only for the types that set it: the unions keep a
     * value to 40 bytes (a large catalogue holds millions).  A Val points
     * into no syntax tree and no file's text (both are transient, see
     * compiler.h): its text is a copy in the arena, or NULL for an
     * enumerated word (read `word`). */
    const char *text;
    Span span;              /* the value as written */
    uint32_t len : 30;
    uint32_t role : 1;      /* ref with F_ROLE, F_TEXT or F_ORG: text (a role, support hours,
                             * an organisation's name), no entity */
    uint32_t last : 1;      /* the last value of its row */
    union { /* no type sets two of these */
        uint64_t num;
        double real;
        struct {
            int16_t word;
            uint8_t shape;  /* an unknown metric's value: the ValueShape written */
        };
        const char *name;               /* item: display name, or NULL */
        struct PriceTerms *terms;       /* price: per what, for whom */
        const char *url;                /* link: the URL (its text is the link's name) */
        Entity *ref;                    /* ref */
        const struct MetricSpec *metric; /* metric: its spec, or NULL if unknown */
    };
    union {
        Node *block;                    /* ref, item, characteristic: the field's block, checked */
        struct Val *inner;              /* metric: the checked value; an unknown metric's
                                         * text is its value as written (a string's: its text) */
        const char *unit;               /* quantity, money, price: the unit or currency */
        BusinessTime *business;         /* duration: business time, or NULL */
    };
} Val;

_Static_assert(sizeof(Val) <= 40, "Val stays small");

/* The value after V in its row, or NULL. */
#define val_next(v) ((v)->last ? NULL : (v) + 1)

/* A node's rows are kept for the rows that have values only: bit ROW of
 * `present` says whether row ROW has a list, and the lists of the rows
 * present follow each other in `vals` (a service has ~26 rows and ~10
 * written).  Read them with node_get(). */
struct Node {
    const Schema *schema;
    Val **vals;             /* the lists of the rows present, in row order */
    uint64_t present;       /* bit ROW: row ROW has values */
    const char *description;
};

/* Row ROW of N: its list of values, or NULL. */
static inline Val *node_get(const Node *n, size_t row)
{
    uint64_t bit = (uint64_t)1 << row;
    if (!(n->present & bit))
        return NULL;
    return n->vals[__builtin_popcountll(n->present & (bit - 1))];
}

/* Derived for each service and offering (sema_graph.c), once every file is
 * read; the arrays grow at powers of two. */
typedef struct EntityLinks {
    Entity **dependents;    /* services: the services that depend on this one */
    Entity **offered_in;    /* services: the offerings that include it */
    uint32_t ndependents, noffered_in;
    /* Offerings: the availability promised is more than the services
     * deliver (W0503); delivered is then that figure, a fraction. */
    bool promise_unsafe;
    double delivered;
} EntityLinks;

/* An entity is kept small: a large catalogue holds millions of them
 * (docs/performance.md).  Its line is found from its span (entity_line). */
struct Entity {
    const char *id;         /* qualified: itil4.incident_management */
    const char *name;       /* display name, or NULL */
    const char *module;     /* module prefix, or NULL */
    Node node;
    Span span;              /* its keyword to its closing '}' */
    uint32_t id_begin, id_end; /* its id as written, in span's file (entity_id_span) */
    uint32_t column;        /* of its keyword, from 1 */
    uint32_t id_len;
    uint32_t order;         /* its place in Model.all */
    uint32_t graph_index;   /* its place in Model.by_kind[kind] */
    uint8_t kind;           /* DeclKind */
};

_Static_assert(sizeof(Entity) <= 96, "Entity stays small");

/* A service or an offering: its Entity, then what is derived for it (the
 * checker allocates these kinds so).  Read with entity_links(). */
typedef struct LinkedEntity {
    Entity entity;
    EntityLinks links;      /* zero until checked */
} LinkedEntity;

static inline bool entity_has_links(const Entity *e)
{
    return e->kind == DECL_SERVICE || e->kind == DECL_OFFERING;
}

/* What is derived for service or offering E (dependents, offered_in), or
 * NULL for an entity of another kind. */
static inline const EntityLinks *entity_links(const Entity *e)
{
    return entity_has_links(e) ? &((const LinkedEntity *)(const void *)e)->links : NULL;
}

/* The span of E's id as written. */
static inline Span entity_id_span(const Entity *e)
{
    Span s = {e->span.file, e->id_begin, e->id_end};
    return s;
}

/* What E is called where a person reads it: its name, else its id. */
static inline const char *entity_label(const Entity *e) { return e->name ? e->name : e->id; }

/* What reference V shows a reader: its text as written when it names no
 * entity (a role, an organisation's name), else the name of the entity it
 * names; *LEN bytes. */
static inline const char *ref_label(const Val *v, size_t *len)
{
    const char *s = v->role ? v->text : entity_label(v->ref);
    *len = v->role ? v->len : strlen(s);
    return s;
}

/* The span of E's keyword. */
Span entity_kw_span(const Entity *e);

/* The word of an enumerated field (or a characteristic's level), its
 * default when it was not written, or NULL. */
const char *node_enum(const Node *n, size_t row);
bool node_enum_is(const Node *n, size_t row, const char *word);

/* The words of a price's `per` ("per user per month"), each "per" left
 * out: every unit, in order, to UNIT(CTX, word, length); returns the
 * period — the first of hour, day, week, month, quarter or year written —
 * with its length in *LEN, or NULL.  PER may be NULL. */
const char *price_per_words(const char *per, size_t *len, void (*unit)(void *ctx, const char *w, size_t n),
                            void *ctx);

/* Whether a depends_on value is a hard dependency (the default). */
bool dep_is_hard(const Val *dep);

/* The calendar of offering or agreement E's `level support_hours`, or NULL. */
Entity *support_calendar(const Entity *e);
/* The calendar business time B, written in offering or agreement OWNER
 * (in a level, an action, its request), is counted in: the one named with
 * `in`, else OWNER's support hours (the checker reports business time
 * with neither, E0510).  Not stored in B: a template's values are shared
 * by every offering using it, each with its own support hours. */
Entity *business_calendar(const Entity *owner, const BusinessTime *b);

/* The first value of a depends_on list, from V on, that names a service
 * (a service may depend on suppliers too): walk a service's service
 * dependencies with
 *   for (d = dep_service(node_get(n, SVC_DEPENDS_ON)); d; d = dep_service(val_next(d))) */
static inline const Val *dep_service(const Val *v)
{
    while (v && v->ref->kind != DECL_SERVICE)
        v = val_next(v);
    return v;
}

typedef struct Model {
    Entity **all;           /* in the order declared (files in load order) */
    uint32_t count;
    Entity **by_kind[DECL__COUNT]; /* each sorted by id */
    uint32_t nkind[DECL__COUNT];
    Entity *catalogue;
} Model;

/* Assessments (a practice's `satisfies` blocks), as of day number TODAY
 * (cal_today).  How old an assessment may grow, in days: the catalogue's
 * reassess_after, else 365.  How old assessment B is when it is older than
 * that (-1: fresh, or not dated).  The due date of improvement action ACT
 * when it has passed and ACT is not done, else NULL. */
int64_t assessment_max_age(const Model *m);
int64_t assessment_stale(const Node *b, int64_t today, int64_t max_age);
const Val *action_overdue(const Val *act, int64_t today);

#endif
