/* sema.c — the checker's driver.  Each declaration is lowered into an
 * entity as soon as it is parsed (sema_lower: its fields checked against
 * the schema tables, references kept as names); once every file is read,
 * sema_check resolves the names, applies templates, reports missing
 * fields, finds the catalogue and runs the whole-model checks of
 * sema_graph.c. */
#include "sema.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

/* Phrases and places --------------------------------------------------------- */

const char *sema_kinds_phrase(Arena *a, unsigned kinds)
{
    Buf b;
    buf_init(&b, a);
    int n = 0, total = 0;
    for (int k = 0; k < DECL__COUNT; k++)
        total += (kinds >> k) & 1;
    for (int k = 0; k < DECL__COUNT; k++) {
        if (!((kinds >> k) & 1))
            continue;
        if (n > 0)
            buf_adds(&b, n == total - 1 ? " or " : ", ");
        buf_adds(&b, decl_kind_name((DeclKind)k));
        n++;
    }
    return buf_cstr(&b);
}

const char *sema_where(Sema *s, Span span)
{
    Source *src = source_get(&s->c->sources, span.file);
    uint32_t line, col;
    source_position(src, span.begin, &line, &col);
    return arena_printf(s->a, "%s:%u:%u", src->path, line, col);
}

/* The checker's state ---------------------------------------------------------- */

/* An entity and what the checker keeps of it, side by side: the model
 * holds the Entity, and only the checker knows the rest is there. */
typedef struct Lowered {
    LinkedEntity linked;    /* a template's links are never read */
    EntityCheck check;
} Lowered;

_Static_assert(offsetof(Lowered, linked.entity) == 0, "an entity starts its Lowered");

EntityCheck *sema_entity_check(Entity *e)
{
    return &((Lowered *)e)->check;
}

/* The key of entity INDEX of model M (void *) in the namespace: its
 * qualified id. */
static const char *entity_key(const void *m, uint32_t index, uint32_t *len)
{
    const Entity *e = ((const Model *)m)->all[index];
    *len = e->id_len;
    return e->id;
}

/* The entity declared as KEY (LEN bytes), or NULL. */
static Entity *find_entity(const Sema *s, const char *key, uint32_t len)
{
    uint32_t i;
    return index_set_find(&s->names, key, len, &i) ? s->m->all[i] : NULL;
}

static Sema *sema_of(Compiler *c)
{
    if (!c->sema) {
        Sema *s = ARENA_NEW(&c->arena, Sema);
        s->c = c;
        s->e = &c->diags;
        s->a = &c->arena;
        s->scratch = &c->scratch;
        s->m = ARENA_NEW(s->a, Model);
        index_set_init(&s->names, s->a, 256, entity_key, s->m);
        c->sema = s;
    }
    return c->sema;
}

/* Declarations ---------------------------------------------------------------- */

/* Whether D's entity is finished once every file is read (a template, or
 * what takes one) rather than when it is lowered. */
static bool checked_later(const Decl *d)
{
    return d->kind == DECL_TEMPLATE ||
           (d->from && (d->kind == DECL_SERVICE || d->kind == DECL_OFFERING));
}

static Entity *declare(Sema *s, const Unit *u, const Decl *d)
{
    bool later = checked_later(d);
    Entity *e = later                        ? &ARENA_NEW(s->a, Lowered)->linked.entity
              : d->kind == DECL_SERVICE || d->kind == DECL_OFFERING ? &ARENA_NEW(s->a, LinkedEntity)->entity
                                                     : ARENA_NEW(s->a, Entity);
    e->kind = d->kind;
    const Atom *id = d->id;
    bool own_name = u->module && strlen(u->module) == id->len &&
                    memcmp(u->module, id->text, id->len) == 0;
    if (u->module && !own_name)
        e->id = arena_printf(s->a, "%s.%.*s", u->module, (int)id->len, id->text);
    else
        e->id = arena_strndup(s->a, id->text, id->len);
    e->id_len = (uint32_t)strlen(e->id);
    e->span = d->span;
    e->span.begin = d->kw_span.begin;
    e->id_begin = id->span.begin;
    e->id_end = id->span.end;
    e->module = u->module;
    uint32_t line;
    source_position(u->src, d->kw_span.begin, &line, &e->column);
    Model *m = s->m;
    uint32_t first;
    if (!index_set_insert(&s->names, e->id, e->id_len, m->count, &first)) {
        const Entity *old = m->all[first];
        Diag *g = diag_at(s->e, D_E0205, id->span, "'%s' is declared twice", e->id);
        diag_note(s->e, g, entity_id_span(old), "first declared here, as %s %s",
                  sema_article(decl_kind_name(old->kind)), decl_kind_name(old->kind));
        return NULL;
    }
    uint32_t cap = s->cap_all;
    m->all = arena_grow(s->a, m->all, m->count, &s->cap_all, sizeof *m->all, 256);
    if (s->cap_all != cap) { /* the arrays beside m->all grow with it */
        uint8_t *later_bits = arena_zalloc(s->a, s->cap_all / 8 + 1);
        uint8_t *referenced = arena_zalloc(s->a, s->cap_all / 8 + 1);
        if (m->count) {
            memcpy(later_bits, s->checked_later, m->count / 8 + 1);
            memcpy(referenced, s->referenced, m->count / 8 + 1);
        }
        s->checked_later = later_bits;
        s->referenced = referenced;
    }
    if (later)
        sema_bit_set(s->checked_later, m->count);
    e->order = m->count;
    m->all[m->count++] = e;
    return e;
}

/* References -------------------------------------------------------------------- */

static const char *local_id(const Entity *e)
{
    return e->module && strncmp(e->id, e->module, strlen(e->module)) == 0 &&
                   e->id[strlen(e->module)] == '.'
               ? e->id + strlen(e->module) + 1
               : e->id;
}

/* The index suggestions are looked up in: every entity's id, and its id
 * within its module, sorted by length — a name within edit distance k of
 * another is within k of its length, so a look-up reads only the names of
 * lengths len-k..len+k (k <= 3), never every declaration.  Built on the
 * first suggestion a shown diagnostic needs: a clean run builds none. */
typedef struct SuggestName {
    const char *name;
    uint32_t len, ord; /* ord: the entity's place in the model, for ties */
} SuggestName;

struct SuggestIndex {
    SuggestName *names;
    uint32_t start[SUGGEST_MAX_LEN + 2]; /* names of length L: [start[L], start[L + 1]) */
};

static void suggest_index_build(Sema *s)
{
    SuggestIndex *ix = ARENA_NEW(s->a, SuggestIndex);
    uint32_t count[SUGGEST_MAX_LEN + 2] = {0}, n = 0;
    const char **locals = ARENA_ARRAY(s->a, const char *, s->m->count + 1);
    for (uint32_t i = 0; i < s->m->count; i++) {
        Entity *e = s->m->all[i];
        locals[i] = local_id(e);
        if (e->id_len <= SUGGEST_MAX_LEN)
            count[e->id_len]++, n++;
        size_t ll = strlen(locals[i]);
        if (locals[i] != e->id && ll <= SUGGEST_MAX_LEN)
            count[ll]++, n++;
    }
    for (uint32_t len = 0, at = 0; len <= SUGGEST_MAX_LEN + 1; len++) {
        ix->start[len] = at;
        at += len <= SUGGEST_MAX_LEN ? count[len] : 0;
    }
    ix->names = ARENA_ARRAY(s->a, SuggestName, n + 1);
    uint32_t fill[SUGGEST_MAX_LEN + 1];
    memcpy(fill, ix->start, sizeof fill);
    for (uint32_t i = 0; i < s->m->count; i++) {
        Entity *e = s->m->all[i];
        if (e->id_len <= SUGGEST_MAX_LEN)
            ix->names[fill[e->id_len]++] = (SuggestName){e->id, e->id_len, i};
        size_t ll = strlen(locals[i]);
        if (locals[i] != e->id && ll <= SUGGEST_MAX_LEN)
            ix->names[fill[ll]++] = (SuggestName){locals[i], (uint32_t)ll, i};
    }
    s->suggest = ix;
}

/* The entity of KINDS whose id (or id within its module) is closest to
 * NAME, the first in the model of those equally close; or NULL. */
static Entity *nearest_entity(Sema *s, const Atom *name, unsigned kinds)
{
    if (name->len > SUGGEST_MAX_LEN)
        return NULL;
    if (!s->suggest)
        suggest_index_build(s);
    size_t limit = suggest_limit(name->len);
    uint32_t best = UINT32_MAX;
    size_t best_d = limit + 1;
    size_t lo = name->len > limit ? name->len - limit : 0;
    size_t hi = name->len + limit < SUGGEST_MAX_LEN ? name->len + limit : SUGGEST_MAX_LEN;
    for (uint32_t i = s->suggest->start[lo]; i < s->suggest->start[hi + 1]; i++) {
        const SuggestName *c = &s->suggest->names[i];
        if (!(kinds & KIND_BIT(s->m->all[c->ord]->kind)))
            continue;
        size_t d = suggest_distance(name->text, name->len, c->name, c->len, limit);
        s->c->work.suggest_distances++;
        if (d < best_d || (d == best_d && c->ord < best)) {
            best_d = d;
            best = c->ord;
        }
    }
    return best_d <= limit ? s->m->all[best] : NULL;
}

/* NAME is MODULE.LOCAL, unknown, and another module whose name starts
 * with MODULE_ declares LOCAL of KINDS: that one (the first such module
 * loaded), or NULL.  `iso20000.incident_management` after the current
 * edition became a module of its own: iso20000_2018.incident_management.
 * Only for a shown error: a look-up per file loaded. */
static Entity *other_module(Sema *s, const Atom *name, unsigned kinds)
{
    const char *dot = memchr(name->text, '.', name->len);
    if (!dot)
        return NULL;
    size_t plen = (size_t)(dot - name->text);
    for (uint32_t i = 0; i < s->c->nunits; i++) {
        const char *m = s->c->units[i]->module;
        if (!m || strncmp(m, name->text, plen) != 0 || m[plen] != '_')
            continue;
        char *q = arena_printf(s->scratch, "%s%.*s", m, (int)(name->len - plen), dot);
        Entity *e = find_entity(s, q, (uint32_t)strlen(q));
        if (e && (kinds & KIND_BIT(e->kind)))
            return e;
    }
    return NULL;
}

/* Inside a module an unqualified NAME is first the module's own
 * (MODULE.NAME): whether NAME is looked up so, and *E what is declared
 * under that name (or NULL). */
static bool lookup_own(Sema *s, const Atom *name, const char *module, Entity **e)
{
    if (!module || memchr(name->text, '.', name->len))
        return false;
    char *q = arena_printf(s->scratch, "%s.%.*s", module, (int)name->len, name->text);
    *e = find_entity(s, q, (uint32_t)strlen(q));
    return true;
}

static Entity *lookup(Sema *s, const Atom *name, const char *module)
{
    Entity *e;
    if (lookup_own(s, name, module, &e) && e)
        return e;
    return find_entity(s, name->text, name->len);
}

/* NAME, found as E (or not: NULL), referred to from MODULE by FIELD, which
 * takes KINDS: E if it is of one of them, else NULL after a report. */
static Entity *resolved(Sema *s, Entity *e, const Atom *name, const char *module, unsigned kinds,
                        const char *field)
{
    if (!e) {
        const char *want = sema_kinds_phrase(s->a, kinds);
        Diag *d = diag_at(s->e, D_E0301, name->span, "unknown %s '%.*s'", want, (int)name->len,
                          name->text);
        Entity *near = diag_kept(s->e, d) ? nearest_entity(s, name, kinds) : NULL;
        Entity *edition = diag_kept(s->e, d) && !near ? other_module(s, name, kinds) : NULL;
        if (edition)
            diag_help(s->e, d, "did you mean '%s'? (module '%s' declares it)", edition->id,
                      edition->module);
        else if (near)
            diag_help(s->e, d, "did you mean '%s'? (declared at %s)",
                      near->module == module ? local_id(near) : near->id,
                      sema_where(s, entity_id_span(near)));
        else if (!memchr(name->text, '.', name->len) && (kinds & KIND_BIT(DECL_REQUIREMENT)))
            diag_help(s->e, d, "names from a module are qualified: itil4.incident_management");
        return NULL;
    }
    sema_bit_set(s->referenced, e->order);
    if (!(kinds & KIND_BIT(e->kind))) {
        const char *is = decl_kind_name(e->kind);
        const char *want = sema_kinds_phrase(s->a, kinds);
        Diag *d = diag_at(s->e, D_E0302, name->span, "'%.*s' is %s %s; %s needs %s %s",
                          (int)name->len, name->text, sema_article(is), is, field, sema_article(want), want);
        diag_note(s->e, d, entity_id_span(e), "'%s' is declared here", e->id);
        return NULL;
    }
    return e;
}

static Entity *resolve(Sema *s, const Atom *name, const char *module, unsigned kinds,
                       const char *field)
{
    return resolved(s, lookup(s, name, module), name, module, kinds, field);
}

int sema_resolve_now(Sema *s, const Atom *name, const char *module, unsigned kinds,
                     const char *field, Entity **out)
{
    Entity *e;
    if (!lookup_own(s, name, module, &e)) /* the module's own: a later one may be */
        e = find_entity(s, name->text, name->len);
    if (!e)
        return -1;
    *out = resolved(s, e, name, module, kinds, field);
    return *out != NULL;
}

/* V, a value of TYPE (a duration, or a metric's value), if it names a
 * calendar not resolved yet: `2 business days in staffed`, `level
 * support_hours staffed`.  A name that is no calendar is reported; the
 * support hours are then kept as written. */
static void resolve_calendar(Sema *s, FieldType type, Val *v, const char *module)
{
    if (type == FT_DURATION && v->business && v->business->calendar_name) {
        BusinessTime *b = v->business;
        Atom name = {.kind = ATOM_NAME, .span = b->calendar_span, .text = b->calendar_name,
                     .len = (uint32_t)strlen(b->calendar_name)};
        b->calendar = resolve(s, &name, module, KIND_BIT(DECL_CALENDAR), "'in'");
        b->calendar_name = NULL;
    } else if (type == FT_REF && !v->ref && !v->role) {
        Atom name = {.kind = ATOM_NAME, .span = v->span, .text = v->text, .len = v->len};
        v->ref = resolve(s, &name, module, KIND_BIT(DECL_CALENDAR), "support_hours");
        v->role = v->ref == NULL;
    }
}

/* The references of NODE (and of its blocks) not resolved yet, looked up
 * from MODULE; a value that names nothing of the right kind is reported
 * and dropped. */
static void resolve_node(Sema *s, Node *node, const char *module)
{
    const Schema *schema = node->schema;
    uint32_t at = 0; /* index of the row in node->vals */
    for (size_t i = 0; i < schema->nfields; i++) {
        uint64_t bit = (uint64_t)1 << i;
        if (!(node->present & bit))
            continue;
        const FieldSpec *f = &schema->fields[i];
        Val *vals = node->vals[at];
        if (f->block) /* a statement's values share its block: each block once */
            for (const Val *v = vals, *prev = NULL; v; prev = v, v = val_next(v))
                if (v->block && (!prev || prev->block != v->block))
                    resolve_node(s, v->block, module);
        if (f->type == FT_PRICE) /* a price 'for' a group declared after it */
            for (Val *v = vals; v; v = val_next(v)) {
                PriceTerms *t = v->terms;
                if (t->group_name && !t->group) {
                    Atom name = {.kind = ATOM_NAME, .span = t->group_span, .text = t->group_name,
                                 .len = (uint32_t)strlen(t->group_name)};
                    t->group = resolve(s, &name, module, f->ref_kinds, "price 'for'");
                }
            }
        if (f->type == FT_DURATION)
            for (Val *v = vals; v; v = val_next(v))
                resolve_calendar(s, FT_DURATION, v, module);
        if (f->type == FT_METRIC)
            for (Val *v = vals; v; v = val_next(v))
                if (v->metric)
                    resolve_calendar(s, v->metric->type, v->inner, module);
        if (f->type != FT_REF) {
            at++;
            continue;
        }
        uint32_t n = 0;
        for (Val *v = vals;; v++) {
            bool last = v->last;
            Atom name = {.kind = ATOM_NAME, .span = v->span, .text = v->text, .len = v->len};
            Entity *e = v->ref || v->role ? v->ref : resolve(s, &name, module, f->ref_kinds, f->name);
            if (e || v->role) { /* a role stays as written */
                vals[n] = *v;
                vals[n].ref = e;
                vals[n++].last = 0;
            }
            if (last)
                break;
        }
        if (n) {
            vals[n - 1].last = 1;
            at++;
            continue;
        }
        node->present &= ~bit; /* nothing left: the row goes */
        uint32_t rows = (uint32_t)__builtin_popcountll(node->present);
        memmove(&node->vals[at], &node->vals[at + 1], sizeof *node->vals * (rows - at));
    }
}

/* Templates ------------------------------------------------------------------------ */

/* A template as the checker keeps it: its declaration (the only tree kept
 * after its file is parsed, with a copy of its text), the template it is
 * from, and its statements checked as a service's and as an offering's
 * fields, each the first time a declaration uses it so. */
typedef struct TemplateUse {
    Node node;              /* its values, shared by every entity using it */
    NodeInfo info;          /* what its statements and its base's wrote */
    bool done;
} TemplateUse;

struct Template {
    const Decl *decl;
    FieldCtx cx;
    Entity *base;           /* the template after its 'from', once merged */
    int state;              /* 0 not merged yet, 1 being merged, 2 done */
    bool broken;            /* a 'from' along its chain names no template, or
                             * closes a cycle (reported): what it lacks is not
                             * reported again where it is used */
    TemplateUse as[2];      /* [0] a service's fields, [1] an offering's */
};

static Template *template_keep(Sema *s, const Unit *u, const Decl *d, const char *text)
{
    Template *t = ARENA_NEW(s->a, Template);
    uint32_t n = d->span.end - d->begin;
    char *copy = arena_alloc(s->a, (size_t)n + 1);
    memcpy(copy, text + d->begin, n);
    copy[n] = '\0';
    t->decl = ast_decl_copy(s->a, d, copy, d->begin);
    t->cx = (FieldCtx){u->module, copy, d->begin};
    return t;
}

/* A template's own fields must belong to a service or an offering. */
static void template_fields(Sema *s, const Decl *d)
{
    for (const Stmt *st = d->block->stmts; st; st = st->next) {
        if (schema_field(&schema_service, st->name->text, st->name->len, NULL) ||
            schema_field(&schema_offering, st->name->text, st->name->len, NULL))
            continue;
        Diag *g = diag_at(s->e, D_E0201, st->name->span, "unknown field '%.*s' in template",
                          (int)st->name->len, st->name->text);
        diag_note_nowhere(s->e, g, "a template holds fields of a service or of an offering");
    }
}

static Template *template_of_entity(Entity *t) { return sema_entity_check(t)->tpl; }

/* The template named by E's 'from', reported if there is none, or NULL. */
static Entity *template_of(Sema *s, Entity *e)
{
    const EntityCheck *k = sema_entity_check(e);
    if (!k->from)
        return NULL;
    Atom from = {.kind = ATOM_NAME, .span = k->from_span, .text = k->from,
                 .len = k->from_span.end - k->from_span.begin};
    return resolve(s, &from, e->module, KIND_BIT(DECL_TEMPLATE), "'from'");
}

/* Merge template T along its chain of 'from', without recursion: walk the
 * chain to a template already merged (or to its end), then merge back.  A
 * chain that comes back on itself is reported, and merged as if the 'from'
 * that closes the cycle were not there. */
static void merge_template(Sema *s, Entity *t)
{
    Entity **chain = NULL;
    uint32_t n = 0, cap = 0;
    Entity *cur = t;
    while (cur && template_of_entity(cur)->state == 0) {
        chain = arena_grow(s->scratch, chain, n, &cap, sizeof *chain, 8);
        chain[n++] = cur;
        template_of_entity(cur)->state = 1;
        cur = template_of(s, cur);
    }
    if (cur && template_of_entity(cur)->state == 1) {
        Entity *last = chain[n - 1];
        Diag *d = diag_at(s->e, D_E0805, sema_entity_check(last)->from_span,
                          "templates take their fields from each other in a cycle");
        uint32_t j = 0;
        while (chain[j] != cur)
            j++;
        for (; j < n; j++)
            diag_note(s->e, d, sema_entity_check(chain[j])->from_span, "'%s' is from '%s'",
                      chain[j]->id, j + 1 < n ? chain[j + 1]->id : cur->id);
        template_of_entity(last)->state = 2; /* its base: none */
        template_of_entity(last)->broken = true;
        n--;
    }
    while (n > 0) {
        Entity *e = chain[--n];
        const EntityCheck *k = sema_entity_check(e);
        Atom from = {.kind = ATOM_NAME, .span = k->from_span, .text = k->from,
                     .len = k->from_span.end - k->from_span.begin};
        Entity *base = k->from ? lookup(s, &from, e->module) : NULL;
        if (base && (base->kind != DECL_TEMPLATE || template_of_entity(base)->state != 2))
            base = NULL;
        k->tpl->base = base;
        k->tpl->broken |= k->from && (!base || template_of_entity(base)->broken);
        k->tpl->state = 2;
    }
}

/* NODE with the rows of BASE it has no statement for (NAMED): they are
 * BASE's values, shared, in a new array of rows. */
static void merge_rows(Sema *s, Node *node, const Node *base, uint64_t named)
{
    uint64_t add = base->present & ~named & ~node->present;
    if (!add)
        return;
    uint64_t present = node->present | add;
    uint32_t n = 0;
    Val **vals = ARENA_ARRAY(s->a, Val *, __builtin_popcountll(present));
    for (size_t i = 0; i < node->schema->nfields; i++) {
        uint64_t bit = (uint64_t)1 << i;
        if (node->present & bit)
            vals[n++] = node_get(node, i);
        else if (add & bit)
            vals[n++] = node_get(base, i);
    }
    node->vals = vals; /* the node's own array, of its own rows, is left in the arena */
    node->present = present;
}

static const Schema *use_schema(int use) { return use ? &schema_offering : &schema_service; }

/* T's statements, with its base's, checked as fields of USE (0: a
 * service, 1: an offering), once: a catalogue of 100,000 services from one
 * template holds one copy of what the template says.  T is merged. */
static const TemplateUse *template_use(Sema *s, Entity *t, int use)
{
    Entity **chain = NULL; /* T and its bases not yet checked for USE, T first */
    uint32_t n = 0, cap = 0;
    for (Entity *cur = t; cur && !template_of_entity(cur)->as[use].done;
         cur = template_of_entity(cur)->base) {
        chain = arena_grow(s->scratch, chain, n, &cap, sizeof *chain, 8);
        chain[n++] = cur;
    }
    while (n > 0) {
        Template *tp = template_of_entity(chain[--n]);
        TemplateUse *u = &tp->as[use];
        sema_check_block(s, &tp->cx, &u->node, use_schema(use), tp->decl->block, &u->info);
        resolve_node(s, &u->node, tp->cx.module);
        if (tp->base) {
            const TemplateUse *b = &template_of_entity(tp->base)->as[use];
            uint64_t own = u->info.named;
            merge_rows(s, &u->node, &b->node, own);
            u->info.given |= b->info.given & ~own;
            u->info.named |= b->info.named;
            if (!(own & ((uint64_t)1 << (use ? OFF_NAME : SVC_NAME))))
                u->info.name_at = b->info.name_at;
            if (!(own & ((uint64_t)1 << (use ? OFF_DESCRIPTION : SVC_DESCRIPTION))))
                u->info.desc_at = b->info.desc_at;
        }
        u->done = true;
    }
    return &template_of_entity(t)->as[use];
}

/* Lowering: one declaration, as it is parsed ------------------------------------ */

/* E's name — the string after the id, or a 'name' field, not both — and
 * description — the doc comment, or a 'description' field.  Of the rows
 * in ROWS (its own, or those a template gave), INFO saying where they were
 * written; the string after the id is at DISPLAY, the doc comment at DOC
 * (empty spans: none).  The string and the comment were taken when E was
 * lowered. */
static void name_and_description(Sema *s, Entity *e, uint64_t rows, const NodeInfo *info,
                                 Span display, Span doc)
{
    const Schema *schema = e->node.schema;
    size_t row;
    const char *what = NULL;
    schema_field(schema, "name", 4, &row);
    const Val *name = (rows >> row) & 1 ? node_get(&e->node, row) : NULL;
    if (name && display.end > display.begin) {
        what = arena_printf(s->scratch, "%s '%s'", decl_kind_name(e->kind), e->id);
        Diag *g = diag_at(s->e, D_E0207, info->name_at, "%s has a name already", what);
        diag_note(s->e, g, display, "the name given here");
        diag_help(s->e, g, "keep either the string after the id or the 'name' field");
    } else if (name) {
        e->name = name->text;
    }
    schema_field(schema, "description", 11, &row);
    const Val *desc = (rows >> row) & 1 ? node_get(&e->node, row) : NULL;
    if (desc && doc.end > doc.begin) {
        if (!what)
            what = arena_printf(s->scratch, "%s '%s'", decl_kind_name(e->kind), e->id);
        Diag *g = diag_at(s->e, D_E0209, info->desc_at, "%s has a description already", what);
        diag_note(s->e, g, doc, "the doc comment gives it here");
        diag_help(s->e, g, "keep either the /// comment or the 'description' field");
    } else if (desc) {
        e->node.description = desc->text;
    }
}

/* The rows SCHEMA requires or expects (F_STATED) that GIVEN lacks. */
static uint64_t missing_rows(const Schema *schema, uint64_t given)
{
    uint64_t missing = 0;
    for (size_t i = 0; i < schema->nfields; i++)
        if ((schema->fields[i].flags & (F_REQUIRED | F_STATED)) && !((given >> i) & 1))
            missing |= (uint64_t)1 << i;
    return missing;
}

static void check_required(Sema *s, Entity *e, uint64_t given)
{
    sema_check_required(s, &e->node, given, entity_id_span(e), decl_kind_name(e->kind), e->id,
                        (int)e->id_len);
}

/* Ask the memory for what the look-ups of B's names will read — each
 * one's slot, the slot's place in Model.all, the entity there, its id — a
 * stage at a time over all of them, so that their cache misses overlap
 * instead of coming one after another (four each, a seventh of a check at
 * 100,000 services; 0.99 -> 0.97 s).  Only a hint: nothing is compared, a
 * name may name nothing. */
static void prefetch_names(const Sema *s, const Block *b)
{
    enum { AHEAD = 16 };
    const IndexSlot *home[AHEAD];
    uint32_t hash[AHEAD], n = 0;
    for (const Stmt *st = b ? b->stmts : NULL; st && n < AHEAD; st = st->next)
        for (const Value *v = st->values; v && n < AHEAD; v = v->next)
            if (v->natoms == 1 && v->atoms->kind == ATOM_NAME) {
                hash[n] = names_hash(v->atoms->text, v->atoms->len);
                if ((home[n] = index_set_home(&s->names, hash[n])) != NULL)
                    __builtin_prefetch(home[n++]);
            }
    Entity *const *found[AHEAD]; /* the places in Model.all the slots hold */
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++)
        if (home[i]->index && home[i]->hash == hash[i])
            __builtin_prefetch(found[m++] = &s->m->all[home[i]->index - 1]);
    for (uint32_t i = 0; i < m; i++)
        __builtin_prefetch(*found[i]);
    for (uint32_t i = 0; i < m; i++)
        __builtin_prefetch((*found[i])->id);
}

void sema_lower(Compiler *c, const Unit *u, const Decl *d, const char *text)
{
    Sema *s = sema_of(c);
    Entity *e = declare(s, u, d);
    if (!e)
        return;
    Span none = {0, 0, 0};
    Span display = d->display_name ? d->display_name->span : none;
    Span doc = d->doc ? d->doc->span : none;
    if (d->display_name)
        e->name = d->display_name->text;
    bool later = checked_later(d);
    EntityCheck *k = later ? sema_entity_check(e) : NULL;
    if (k && d->from) {
        k->from = names_intern(&c->strings, s->a, d->from->text, d->from->len);
        k->from_span = d->from->span;
    }
    if (d->kind == DECL_TEMPLATE) {
        template_fields(s, d);
        k->tpl = template_keep(s, u, d, text);
        return;
    }
    if (d->from && e->kind != DECL_SERVICE && e->kind != DECL_OFFERING)
        diag_at(s->e, D_E0212, d->from->span, "a %s cannot take its fields from a template",
                decl_kind_name(e->kind));
    const Schema *schema = schema_of(e->kind);
    if (!u->module) /* in a module a name is first looked up as the module's own */
        prefetch_names(s, d->block);
    FieldCtx cx = {u->module, text, 0};
    NodeInfo info;
    sema_check_block(s, &cx, &e->node, schema, d->block, &info);
    if (d->doc)
        e->node.description = d->doc->text;
    name_and_description(s, e, e->node.present, &info, display, doc);
    if (!k) {
        if (missing_rows(schema, info.given)) { /* reported once every file is read */
            s->incomplete = arena_grow(s->a, s->incomplete, s->nincomplete, &s->cap_incomplete,
                                       sizeof *s->incomplete, 16);
            s->incomplete[s->nincomplete++] = (Incomplete){e, info.given};
        }
        return;
    }
    k->given = info.given;
    k->named = info.named;
    k->display_span = display;
    k->doc_span = doc;
}

/* After every file: entities ------------------------------------------------------ */

/* E, which takes its fields from a template, with them; GIVEN: the rows
 * written, E's own and now the template's.  False when its 'from', or one
 * along its template's chain, names no template (reported). */
static bool apply_template(Sema *s, Entity *e, uint64_t *given)
{
    EntityCheck *k = sema_entity_check(e);
    Entity *t = template_of(s, e);
    if (!t)
        return false; /* reported: an unknown name, or not a template */
    if (template_of_entity(t)->state == 0)
        merge_template(s, t);
    const TemplateUse *tu = template_use(s, t, e->kind == DECL_OFFERING);
    uint64_t before = e->node.present;
    merge_rows(s, &e->node, &tu->node, k->named);
    *given |= tu->info.given & ~k->named;
    name_and_description(s, e, e->node.present & ~before, &tu->info, k->display_span, k->doc_span);
    return !template_of_entity(t)->broken;
}

/* Entity I of the model, once every file is read. */
static void finish_entity(Sema *s, uint32_t i)
{
    Entity *e = s->m->all[i];
    if (e->kind == DECL_TEMPLATE) {
        if (template_of_entity(e)->state == 0)
            merge_template(s, e);
        return;
    }
    resolve_node(s, &e->node, e->module);
    if (!sema_bit(s->checked_later, i))
        return; /* see s->incomplete */
    uint64_t given = sema_entity_check(e)->given;
    /* Without its template, what it leaves to the template would all be
     * reported missing: the one error about 'from' says it. */
    if (apply_template(s, e, &given))
        check_required(s, e, given);
}

/* Allowed warnings ------------------------------------------------------------------ */

void sema_allow_file(Compiler *c, const Unit *u, const Value *codes)
{
    Sema *s = sema_of(c);
    for (const Value *v = codes; v; v = v->next) {
        const Atom *a = v->atoms;
        char id[8] = "";
        DiagCode code;
        if (v->natoms == 1 && a->kind == ATOM_NAME && a->len < sizeof id)
            memcpy(id, a->text, a->len);
        if (!diag_lookup(id, &code) || diag_info(code)->severity != SEV_WARNING) {
            sema_not_a_warning(s, v);
            continue;
        }
        Span file = {u->src->id, 0, UINT32_MAX};
        s->allows = arena_grow(s->a, s->allows, s->nallows, &s->cap_allows, sizeof *s->allows, 16);
        s->allows[s->nallows++] = (Allow){code, file, v->span, NULL, false};
    }
}

/* E's 'allow' codes (its kind's last row), kept for apply_allows. */
static void record_allows(Sema *s, const Entity *e)
{
    size_t row = e->node.schema->nfields - 1;
    const FieldSpec *f = &e->node.schema->fields[row];
    for (const Val *v = node_get(&e->node, row); v; v = val_next(v)) {
        DiagCode code;
        if (!diag_lookup(f->words[v->word], &code))
            continue;
        s->allows = arena_grow(s->a, s->allows, s->nallows, &s->cap_allows, sizeof *s->allows, 16);
        s->allows[s->nallows++] = (Allow){code, e->span, v->span, e, false};
    }
}

static int by_code_and_place(const void *a, const void *b)
{
    const Allow *x = a, *y = b;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    if (x->range.file != y->range.file)
        return x->range.file < y->range.file ? -1 : 1;
    if (x->range.begin != y->range.begin)
        return x->range.begin < y->range.begin ? -1 : 1;
    return (x->e == NULL) - (y->e == NULL); /* a file's own last of those at its start */
}

/* The number of allows before KEY's place (by code, file and start). */
static uint32_t allows_before(const Sema *s, const Allow *key)
{
    uint32_t lo = 0, hi = s->nallows;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (by_code_and_place(&s->allows[mid], key) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Mark the allows of A's code that start where A does (the same code twice
 * in one declaration: both used); I is one past A. */
static void mark_used(Sema *s, uint32_t i, const Allow *a)
{
    while (i-- > 0 && s->allows[i].code == a->code && s->allows[i].range.file == a->range.file &&
           s->allows[i].range.begin == a->range.begin)
        s->allows[i].used = true;
}

/* Whether an allow takes D out: one of D's code, of the declaration that
 * holds D's place (declarations do not overlap: the last one of that code
 * and file that starts before it, found by halving) or of its file. */
static bool allowed(void *ctx, const Diag *d)
{
    Sema *s = ctx;
    if (!d->has_span || diag_info(d->code)->severity != SEV_WARNING)
        return false;
    Allow key = {.code = d->code, .range = {d->span.file, d->span.begin, d->span.begin}};
    uint32_t lo = allows_before(s, &key);
    if (lo == 0)
        return false;
    const Allow *a = &s->allows[lo - 1];
    if (a->code != d->code || a->range.file != d->span.file)
        return false;
    if (d->span.begin < a->range.end) {
        mark_used(s, lo, a);
        return true;
    }
    key.range.begin = 0; /* the file's own, first of its code and file */
    uint32_t first = allows_before(s, &key);
    a = first ? &s->allows[first - 1] : NULL;
    if (!a || a->code != d->code || a->range.file != d->span.file || a->e)
        return false;
    mark_used(s, first, a);
    return true;
}

/* Take out the warnings their declarations allow; an allow that takes out
 * nothing is an error (unless -Wno silences its code everywhere). */
static void apply_allows(Sema *s)
{
    if (!s->nallows)
        return;
    qsort(s->allows, s->nallows, sizeof *s->allows, by_code_and_place);
    diag_filter(s->e, allowed, s);
    for (uint32_t i = 0; i < s->nallows; i++) {
        const Allow *a = &s->allows[i];
        if (a->used || s->e->wstate[a->code] == 1)
            continue;
        const char *id = diag_info(a->code)->id;
        Diag *d = a->e ? diag_at(s->e, D_E0214, a->at, "%s '%s' allows %s, but %s is not reported there",
                                 decl_kind_name(a->e->kind), a->e->id, id, id)
                       : diag_at(s->e, D_E0214, a->at, "this file allows %s, but %s is not reported in it",
                                 id, id);
        diag_help(s->e, d, "remove it: an allow that is no longer needed would hide the next one");
    }
}

/* Catalogue ----------------------------------------------------------------------------- */

static void check_catalogue(Sema *s)
{
    Entity *first = NULL;
    for (uint32_t i = 0; i < s->m->count; i++) {
        Entity *e = s->m->all[i];
        if (e->kind != DECL_CATALOGUE)
            continue;
        if (e->span.file != s->c->units[0]->src->id) {
            Diag *d = diag_at(s->e, D_E0802, entity_kw_span(e),
                              "the catalogue is declared in an imported file");
            diag_help(s->e, d, "declare the catalogue in the root file, %s", s->c->units[0]->src->path);
            continue;
        }
        if (first) {
            Diag *d = diag_at(s->e, D_E0804, entity_kw_span(e), "a second catalogue declaration");
            diag_note(s->e, d, entity_kw_span(first), "the first one is here");
            continue;
        }
        first = e;
    }
    s->m->catalogue = first;
    if (!first && s->c->nunits > 0 && !s->c->library) {
        Source *root = s->c->units[0]->src;
        Span at = {root->id, 0, 0};
        Diag *d = diag_at(s->e, D_E0803, at, "%s has no catalogue declaration", root->path);
        diag_help(s->e, d, "the root file declares the catalogue: catalogue id \"Name\" "
                           "{ version \"1\" provider \"…\" }");
    }
}

/* The model ---------------------------------------------------------------------------- */

/* An entity while its kind is sorted by id: the id's first eight bytes as
 * a number that orders as they do, so that most comparisons read neither
 * the entity nor its id (two cache misses each, 100,000 times log n). */
typedef struct IdKey {
    uint64_t head;
    Entity *e;
} IdKey;

static int by_id(const void *a, const void *b)
{
    const IdKey *x = a, *y = b;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    if (!(x->head & 0xff)) /* both ids end within those eight bytes: equal */
        return 0;
    return strcmp(x->e->id + 8, y->e->id + 8);
}

static void sort_by_id(Arena *scratch, Entity **es, uint32_t n)
{
    IdKey *keys = arena_alloc_brief(scratch, sizeof(IdKey) * (n + 1));
    for (uint32_t i = 0; i < n; i++) {
        uint64_t h = 0;
        const unsigned char *id = (const unsigned char *)es[i]->id;
        for (int j = 0, more = 1; j < 8; j++) {
            more = more && id[j];
            h = h << 8 | (more ? id[j] : 0);
        }
        keys[i] = (IdKey){h, es[i]};
    }
    qsort(keys, n, sizeof *keys, by_id);
    for (uint32_t i = 0; i < n; i++)
        es[i] = keys[i].e;
}

Model *sema_check(Compiler *c)
{
    if (c->read_errors || c->nunits == 0)
        return NULL;
    Sema *s = sema_of(c);
    Model *m = s->m;
    for (uint32_t i = 0; i < m->count; i++) {
        finish_entity(s, i);
        if (m->all[i]->kind != DECL_TEMPLATE)
            record_allows(s, m->all[i]);
        arena_reset(s->scratch);
    }
    for (uint32_t i = 0; i < s->nincomplete; i++)
        check_required(s, s->incomplete[i].e, s->incomplete[i].given);
    check_catalogue(s);
    index_set_release(&s->names); /* every name is resolved: its memory serves what follows */

    uint32_t start[DECL__COUNT] = {0};
    for (uint32_t i = 0; i < m->count; i++)
        m->nkind[m->all[i]->kind]++;
    for (int k = 0; k < DECL__COUNT; k++)
        m->by_kind[k] = ARENA_ARRAY(s->a, Entity *, m->nkind[k] + 1);
    for (uint32_t i = 0; i < m->count; i++) {
        Entity *e = m->all[i];
        m->by_kind[e->kind][start[e->kind]++] = e;
    }
    for (int k = 0; k < DECL__COUNT; k++) {
        sort_by_id(s->scratch, m->by_kind[k], m->nkind[k]);
        arena_reset(s->scratch);
        for (uint32_t i = 0; i < m->nkind[k]; i++)
            m->by_kind[k][i]->graph_index = i;
    }
    sema_derive(s);
    sema_check_graph(s);
    sema_check_warnings(s);
    apply_allows(s);
    return m;
}
