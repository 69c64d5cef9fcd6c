/* sema.c — from declarations to a checked model: the namespace, fields
 * against the schema tables, references, templates, names and
 * descriptions.  Whole-model checks are in sema_graph.c. */
#include "sema.h"

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

Span sema_id_span(const Entity *e) { return decl_id_span(e->head); }

static const char *article(const char *word)
{
    return strchr("aeiou", word[0]) ? "an" : "a";
}

/* Declarations ---------------------------------------------------------------- */

static Entity *declare(Sema *s, const Unit *u, const DeclHead *d)
{
    Entity *e = ARENA_NEW(s->a, Entity);
    e->kind = d->kind;
    e->head = d;
    e->module = u->module;
    bool own_name = u->module && strlen(u->module) == d->id_len &&
                    memcmp(u->module, d->id, d->id_len) == 0;
    if (u->module && !own_name)
        e->id = arena_printf(s->a, "%s.%s", u->module, d->id);
    else
        e->id = d->id;
    e->id_len = (uint32_t)strlen(e->id);
    Entity *old = names_insert(&s->names, e->id, e->id_len, e);
    if (old) {
        Diag *g = diag_at(s->e, D_E0205, decl_id_span(d), "'%s' is declared twice", e->id);
        diag_note(s->e, g, sema_id_span(old), "first declared here, as %s %s",
                  article(decl_kind_name(old->kind)), decl_kind_name(old->kind));
        return NULL;
    }
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

static Entity *lookup(Sema *s, const Atom *name, const char *module)
{
    if (module && !memchr(name->text, '.', name->len)) {
        char *q = arena_printf(&s->c->tree, "%s.%.*s", module, (int)name->len, name->text);
        Entity *e = names_find(&s->names, q, (uint32_t)strlen(q));
        if (e)
            return e;
    }
    return names_find(&s->names, name->text, name->len);
}

static Entity *resolve(Sema *s, const Atom *name, const char *module, unsigned kinds,
                       const char *field)
{
    Entity *e = lookup(s, name, module);
    if (!e) {
        const char *want = sema_kinds_phrase(s->a, kinds);
        Diag *d = diag_at(s->e, D_E0301, name->span, "unknown %s '%.*s'", want, (int)name->len,
                          name->text);
        Entity *near = diag_kept(s->e, d) ? nearest_entity(s, name, kinds) : NULL;
        if (near)
            diag_help(s->e, d, "did you mean '%s'? (declared at %s)",
                      near->module == module ? local_id(near) : near->id,
                      sema_where(s, sema_id_span(near)));
        else if (!memchr(name->text, '.', name->len) && (kinds & KIND_BIT(DECL_REQUIREMENT)))
            diag_help(s->e, d, "names from a module are qualified: itil4.incident_management");
        return NULL;
    }
    e->refs++;
    if (!(kinds & KIND_BIT(e->kind))) {
        const char *is = decl_kind_name(e->kind);
        const char *want = sema_kinds_phrase(s->a, kinds);
        Diag *d = diag_at(s->e, D_E0302, name->span, "'%.*s' is %s %s; %s needs %s %s",
                          (int)name->len, name->text, article(is), is, field, article(want), want);
        diag_note(s->e, d, sema_id_span(e), "'%s' is declared here", e->id);
        return NULL;
    }
    return e;
}

/* Values ------------------------------------------------------------------------ */

static const char *words_list(Arena *a, const char *const *words)
{
    Buf b;
    buf_init(&b, a);
    int n = 0;
    while (words[n])
        n++;
    for (int i = 0; i < n; i++) {
        if (i > 0)
            buf_adds(&b, i == n - 1 ? " or " : ", ");
        buf_adds(&b, words[i]);
    }
    return buf_cstr(&b);
}

static const char *type_phrase(Sema *s, const FieldSpec *f)
{
    switch (f->type) {
    case FT_STRING: return "a string";
    case FT_INT: return "a whole number";
    case FT_DECIMAL: return "a number";
    case FT_PERCENT: return "a percentage (99.9%)";
    case FT_DURATION: return "a duration (15m, 4h, 1h30m)";
    case FT_QUANTITY: return "a quantity (40000 mailboxes)";
    case FT_MONEY: return "an amount of money (4.50 EUR)";
    case FT_ENUM: return arena_printf(s->a, "one of %s", words_list(s->a, f->words));
    case FT_REF: {
        const char *k = sema_kinds_phrase(s->a, f->ref_kinds);
        return arena_printf(s->a, "%s %s", article(k), k);
    }
    case FT_CHARACTERISTIC: return "a level: low, medium or high";
    case FT_ITEM: return "an id and an optional name (headset \"USB headset\")";
    case FT_METRIC: return "a metric and its value (availability 99.9%)";
    case FT_PRICE: return "a price (4.50 EUR per user per month)";
    }
    return "a value";
}

static bool wrong_type(Sema *s, const FieldSpec *f, const Value *v)
{
    Diag *d = diag_at(s->e, D_E0202, v->span, "'%s' takes %s, not %s", f->name, type_phrase(s, f),
                      ast_shape_phrase(v->shape));
    if (f->type == FT_STRING && (v->shape == VAL_NAME || v->shape == VAL_WORDS))
        diag_help(s->e, d, "write text in double quotes: \"…\"");
    return false;
}

static bool is_word(const Atom *a, const char *w)
{
    return a->kind == ATOM_NAME && a->len == strlen(w) && memcmp(a->text, w, a->len) == 0;
}

static int word_index(const char *const *words, const Atom *a)
{
    for (int i = 0; words[i]; i++)
        if (is_word(a, words[i]))
            return i;
    return -1;
}

static bool is_currency(const Atom *a)
{
    return a->kind == ATOM_NAME && a->len == 3 && a->text[0] >= 'A' && a->text[0] <= 'Z' &&
           a->text[1] >= 'A' && a->text[1] <= 'Z' && a->text[2] >= 'A' && a->text[2] <= 'Z';
}

static bool bad_currency(Sema *s, const Atom *a)
{
    Diag *d = diag_at(s->e, D_E0703, a->span, "'%.*s' is not a currency code", (int)a->len, a->text);
    diag_help(s->e, d, "write the ISO 4217 code, three capital letters: EUR, USD, GBP");
    return false;
}

/* The number an atom holds (digits, maybe a fraction: strtod reads it). */
static double atom_real(Sema *s, const Atom *a)
{
    char buf[64];
    if (a->len >= sizeof buf)
        return strtod(arena_strndup(s->a, a->text, a->len), NULL);
    memcpy(buf, a->text, a->len);
    buf[a->len] = '\0';
    return strtod(buf, NULL);
}

static bool check_percent(Sema *s, Val *out, const Atom *a)
{
    out->real = atom_real(s, a);
    if (out->real > 100.0) {
        diag_at(s->e, D_E0701, a->span, "%.*s%% is more than 100%%", (int)a->len, a->text);
        return false;
    }
    return true;
}

typedef struct Ctx {
    Entity *owner;          /* the declaration being checked */
    const char *module;     /* for name lookup */
    const char *text;       /* the statement's declaration's text (Decl.text) */
} Ctx;

static bool convert(Sema *s, const Ctx *cx, Val *out, const FieldSpec *f, const Value *v);

/* METRIC VALUE, for `level`. */
static bool convert_metric(Sema *s, const Ctx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    const Atom *m = v->atoms;
    if (v->natoms < 2 || m->kind != ATOM_NAME)
        return wrong_type(s, f, v);
    out->text = m->text;
    out->len = m->len;
    Value *rest = ast_value_rest(&s->c->tree, v);
    Val *inner = ARENA_NEW(s->a, Val);
    out->inner = inner;
    for (size_t i = 0; i < metric_count; i++) {
        if (is_word(m, metric_specs[i].name)) {
            out->metric = &metric_specs[i];
            FieldSpec inner_spec = {metric_specs[i].name, metric_specs[i].type, F_NONZERO,
                                    NULL, 0, NULL, NULL, 0, 0};
            return convert(s, cx, inner, &inner_spec, rest);
        }
    }
    const char *names[8];
    for (size_t i = 0; i < metric_count; i++)
        names[i] = metric_specs[i].name;
    Diag *d = diag_at(s->e, D_W0502, m->span, "unknown service level metric '%.*s'", (int)m->len,
                      m->text);
    const char *best = suggest_best(m->text, m->len, names, metric_count);
    if (best)
        diag_help(s->e, d, "did you mean '%s'?", best);
    else
        diag_note_nowhere(s->e, d, "known metrics: availability, support_hours, response, "
                                   "resolution, satisfaction; others are kept as written");
    inner->span = rest->span;
    inner->shape = (uint8_t)rest->shape;
    inner->text = rest->atoms->text;
    inner->len = rest->atoms->len;
    if (rest->shape != VAL_STRING) { /* kept as written, one space between its parts */
        const char *text = cx->text;
        Buf b;
        buf_init(&b, &s->c->tree);
        for (const Atom *a = rest->atoms; a; a = a->next) {
            if (a != rest->atoms)
                buf_addc(&b, ' ');
            buf_add(&b, text + a->span.begin, ast_atom_end(a) - a->span.begin);
        }
        inner->text = arena_strndup(s->a, b.data, b.len);
        inner->len = (uint32_t)b.len;
    }
    return true;
}

/* AMOUNT CODE [per UNIT …] */
static bool convert_price(Sema *s, Val *out, const FieldSpec *f, const Value *v)
{
    const Atom *amount = v->atoms, *code = amount->next;
    if (v->natoms < 2 || amount->kind != ATOM_NUMBER || code->kind != ATOM_NAME)
        return wrong_type(s, f, v);
    if (!is_currency(code))
        return bad_currency(s, code);
    const Atom *a = code->next;
    Buf per;
    buf_init(&per, &s->c->tree);
    for (; a; a = a->next) {
        if (!is_word(a, "per") || !a->next || a->next->kind != ATOM_NAME) {
            Diag *d = diag_at(s->e, D_E0202, a->span,
                              "after the amount a price takes 'per UNIT', not %s",
                              a->kind == ATOM_NAME ? "this word" : "this value");
            diag_help(s->e, d, "for example: price 4.50 EUR per user per month");
            return false;
        }
        buf_adds(&per, per.len ? " per " : "per ");
        a = a->next;
        buf_add(&per, a->text, a->len);
    }
    out->per = per.len ? arena_strndup(s->a, per.data, per.len) : NULL;
    out->text = amount->text;
    out->len = amount->len;
    out->unit = arena_strndup(s->a, code->text, code->len);
    return true;
}

static bool convert_value(Sema *s, const Ctx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    const Atom *a = v->atoms;
    out->span = v->span;
    out->text = a->text;
    out->len = a->len;
    switch (f->type) {
    case FT_STRING:
        return v->shape == VAL_STRING || wrong_type(s, f, v);
    case FT_INT:
        if (v->shape != VAL_INT)
            return wrong_type(s, f, v);
        out->num = a->ival;
        if ((f->flags & F_POSITIVE) && a->ival == 0) {
            diag_at(s->e, D_E0704, v->span, "'%s' must be above zero", f->name);
            return false;
        }
        if ((f->flags & F_RANGE) && (a->ival < (uint64_t)f->min || a->ival > (uint64_t)f->max)) {
            diag_at(s->e, D_E0705, v->span, "'%s' goes from %d to %d, not %.*s", f->name, f->min,
                    f->max, (int)a->len, a->text);
            return false;
        }
        return true;
    case FT_DECIMAL:
        if (v->shape != VAL_INT && v->shape != VAL_DECIMAL)
            return wrong_type(s, f, v);
        out->real = atom_real(s, a);
        return true;
    case FT_PERCENT:
        if (v->shape != VAL_PERCENT)
            return wrong_type(s, f, v);
        return check_percent(s, out, a);
    case FT_DURATION:
        if (v->shape != VAL_DURATION)
            return wrong_type(s, f, v);
        out->num = a->ival;
        if ((f->flags & F_NONZERO) && a->ival == 0) {
            diag_at(s->e, D_E0702, v->span, "'%s' is a time and cannot be zero", f->name);
            return false;
        }
        return true;
    case FT_QUANTITY:
        if (v->shape != VAL_QUANTITY && v->shape != VAL_MONEY)
            return wrong_type(s, f, v);
        out->real = atom_real(s, a);
        out->unit = arena_strndup(s->a, a->next->text, a->next->len);
        if ((f->flags & F_POSITIVE) && out->real <= 0) {
            diag_at(s->e, D_E0704, a->span, "'%s' must be above zero", f->name);
            return false;
        }
        return true;
    case FT_MONEY:
        if (v->shape == VAL_QUANTITY)
            return bad_currency(s, a->next);
        if (v->shape != VAL_MONEY)
            return wrong_type(s, f, v);
        out->unit = arena_strndup(s->a, a->next->text, a->next->len);
        return true;
    case FT_ENUM:
    case FT_CHARACTERISTIC: {
        if (v->shape != VAL_NAME)
            return wrong_type(s, f, v);
        out->word = (int16_t)word_index(f->words, a);
        if (out->word >= 0)
            return true;
        Diag *d = diag_at(s->e, f->type == FT_ENUM ? D_E0210 : D_E0402, v->span,
                          "'%.*s' is not a %s of '%s'; it takes %s", (int)a->len, a->text,
                          f->type == FT_ENUM ? "value" : "level", f->name,
                          words_list(s->a, f->words));
        size_t nw = 0;
        while (f->words[nw])
            nw++;
        const char *best = suggest_best(a->text, a->len, f->words, nw);
        if (best)
            diag_help(s->e, d, "did you mean '%s'?", best);
        return false;
    }
    case FT_REF:
        if (v->shape != VAL_NAME)
            return wrong_type(s, f, v);
        out->ref = resolve(s, a, cx->module, f->ref_kinds, f->name);
        return out->ref != NULL;
    case FT_ITEM:
        if (v->shape == VAL_NAME)
            return true;
        if (v->natoms == 2 && a->kind == ATOM_NAME && a->next->kind == ATOM_STRING) {
            out->name = a->next->text;
            return true;
        }
        return wrong_type(s, f, v);
    case FT_METRIC:
        return convert_metric(s, cx, out, f, v);
    case FT_PRICE:
        return convert_price(s, out, f, v);
    }
    return false;
}

/* V checked against F into OUT.  OUT keeps no pointer into the tree or the
 * text it was read from (both go once the declaration is checked): what
 * is read later is copied; a reference's or a word's text is not kept. */
static bool convert(Sema *s, const Ctx *cx, Val *out, const FieldSpec *f, const Value *v)
{
    bool ok = convert_value(s, cx, out, f, v);
    switch (f->type) {
    case FT_STRING: /* decoded into the arena already */
        break;
    case FT_REF:
    case FT_ENUM:
    case FT_CHARACTERISTIC:
        out->text = NULL;
        out->len = 0;
        break;
    default:
        out->text = arena_strndup(s->a, out->text, out->len);
        break;
    }
    return ok;
}

/* Nodes: a block of statements against a schema ------------------------------ */

/* The statements a node is checked from: those its templates give (not
 * replaced by its own), then its own block's. */
typedef struct StmtList {
    const Stmt **stmts;  /* from templates */
    Entity **from;       /* the template each of them is written in */
    uint32_t n;
    const Block *own;    /* or NULL */
} StmtList;

static StmtList block_stmts(const Block *b) { return (StmtList){NULL, NULL, 0, b}; }

static const Stmt **check_node(Sema *s, const Ctx *cx, Node *node, const Schema *schema,
                               StmtList l, unsigned tpl_bit);

static void unknown_field(Sema *s, const Schema *schema, const Stmt *st)
{
    const Atom *n = st->name;
    if (schema->misplaced) {
        for (size_t i = 0; schema->misplaced[i]; i += 2) {
            if (is_word(n, schema->misplaced[i])) {
                Diag *d = diag_at(s->e, D_E0502, n->span, "a %s cannot have '%s'", schema->what,
                                  schema->misplaced[i]);
                diag_help(s->e, d, "%s", schema->misplaced[i + 1]);
                return;
            }
        }
    }
    Diag *d = diag_at(s->e, D_E0201, n->span, "unknown field '%.*s' in %s", (int)n->len, n->text,
                      schema->what);
    const char *names[32];
    size_t k = 0;
    for (size_t i = 0; i < schema->nfields && k < 32; i++)
        names[k++] = schema->fields[i].name;
    const char *best = suggest_best(n->text, n->len, names, k);
    if (best)
        diag_help(s->e, d, "did you mean '%s'?", best);
}

/* Template statements are checked once per schema (service, offering)
 * and their values shared by every entity that uses the template: a
 * catalogue of 100,000 services from one template holds one copy of what
 * the template says, not 100,000.  Shared values are never modified: a
 * row that must grow is copied first. */
enum { GIVEN = 1 };

/* A row while its node is checked: a template's shared values (cap 0),
 * or an array in the tree arena that grows. */
typedef struct Row {
    Val *vals;
    uint32_t n, cap;
} Row;

/* A node's rows while its entity is checked, in the tree arena: all of
 * them, and what was written (check_node keeps the rows present). */
typedef struct NodeCheck {
    Row *rows;              /* schema->nfields */
    unsigned char *given;   /* per row: written, even if its value was wrong */
} NodeCheck;

typedef struct Shared {
    Val *vals;
    uint32_t n;
} Shared;

/* The shared values of template statement ST for schema TPL_BIT; *FRESH
 * says they are still to be made. */
static Shared *shared_vals(Sema *s, const Stmt *st, unsigned tpl_bit, bool *fresh)
{
    char key[sizeof st + sizeof tpl_bit];
    memcpy(key, &st, sizeof st);
    memcpy(key + sizeof st, &tpl_bit, sizeof tpl_bit);
    Shared *sh = names_find(&s->shared, key, sizeof key);
    *fresh = sh == NULL;
    if (!sh) {
        char *k = arena_alloc(s->a, sizeof key);
        memcpy(k, key, sizeof key);
        sh = ARENA_NEW(s->a, Shared);
        names_insert(&s->shared, k, sizeof key, sh);
    }
    return sh;
}

/* Add the N values at VALS (SHARED: a template's, kept as they are if
 * they are all the row has) at the end of NODE's ROW. */
static void attach(Sema *s, Node *node, size_t row, Val *vals, uint32_t n, bool shared)
{
    Row *r = &node->check->rows[row];
    if (n == 0)
        return;
    if (r->n == 0 && shared) {
        r->vals = vals;
        r->n = n;
        return;
    }
    if (r->n + n > r->cap) { /* doubling: many statements of one field stay linear */
        uint32_t cap = r->cap * 2 > r->n + n ? r->cap * 2 : r->n + n + 4;
        Val *grown = ARENA_ARRAY(&s->c->tree, Val, cap);
        if (r->n)
            memcpy(grown, r->vals, sizeof *grown * r->n);
        r->vals = grown;
        r->cap = cap;
    }
    memcpy(r->vals + r->n, vals, sizeof *vals * n);
    r->n += n;
}

/* A value that starts a later line with a field name of SCHEMA: the ','
 * that ends the line above joined two statements.  Reports it. */
static bool joined_by_comma(Sema *s, const Ctx *cx, Node *node, const Schema *schema,
                            const Stmt *st, const Value *v)
{
    const Atom *a = v->atoms;
    size_t row;
    if (v == st->values || a->kind != ATOM_NAME || !schema_field(schema, a->text, a->len, &row))
        return false;
    const char *from = cx->text + st->name->span.begin;
    if (!memchr(from, '\n', a->span.begin - st->name->span.begin))
        return false; /* on the field's line */
    Diag *d = diag_at(s->e, D_E0202, a->span,
                      "'%.*s' reads as a value of '%.*s': the ',' ending the line above continues "
                      "its list", (int)a->len, a->text, (int)st->name->len, st->name->text);
    diag_help(s->e, d, "remove the ',' at the end of the line above to start a new field here");
    node->check->given[row] |= GIVEN; /* written, so not reported missing as well */
    return true;
}

/* Check ST, a statement of NODE; FIRST[row] is the statement that gave
 * each row first (for messages; the values keep no statement). */
static void check_stmt(Sema *s, const Ctx *cx, Node *node, const Schema *schema, const Stmt **first,
                       const Stmt *st, unsigned tpl_bit, bool from_template)
{
    size_t row;
    const FieldSpec *f = schema_field(schema, st->name->text, st->name->len, &row);
    if (!f) {
        unknown_field(s, schema, st);
        return;
    }
    if (!(f->flags & F_LIST) && node->check->given[row]) {
        Diag *d = diag_at(s->e, D_E0203, st->name->span, "'%s' is given twice", f->name);
        if (node->check->rows[row].n)
            diag_note(s->e, d, first[row]->name->span, "first given here");
        return;
    }
    node->check->given[row] |= GIVEN;
    if (!first[row])
        first[row] = st;
    if (st->nvalues == 0) {
        diag_at(s->e, D_E0202, st->name->span, "'%s' needs a value: %s", f->name,
                type_phrase(s, f));
        return;
    }
    if (!(f->flags & F_LIST) && st->nvalues > 1 && !joined_by_comma(s, cx, node, schema, st, st->values->next)) {
        Diag *d = diag_at(s->e, D_E0208, st->values->next->span, "'%s' takes one value", f->name);
        diag_help(s->e, d, "remove the values after the first, or the ',' between words");
    }
    if (st->block && !f->block) {
        diag_at(s->e, D_E0211, st->block->span, "'%s' takes no block", f->name);
        return;
    }
    Shared *sh = NULL;
    if (from_template) {
        bool fresh;
        sh = shared_vals(s, st, tpl_bit, &fresh);
        if (!fresh) {
            for (const Value *v = st->values->next; v && (f->flags & F_LIST); v = v->next)
                if (joined_by_comma(s, cx, node, schema, st, v))
                    break; /* (muted: reported the first time) */
            attach(s, node, row, sh->vals, sh->n, true);
            return;
        }
    }
    Node *block = NULL;
    if (f->block) {
        block = ARENA_NEW(s->a, Node);
        check_node(s, cx, block, f->block, block_stmts(st->block), tpl_bit);
        if (st->doc)
            block->description = st->doc->text;
    }
    /* A template's values are kept (shared); an entity's are gathered in
     * the row, and kept when the node is done. */
    uint32_t cap = (f->flags & F_LIST) ? st->nvalues : 1, n = 0;
    Val *vals = arena_zalloc(sh ? s->a : &s->c->tree, sizeof *vals * cap);
    for (const Value *v = st->values; v; v = (f->flags & F_LIST) ? v->next : NULL) {
        if (joined_by_comma(s, cx, node, schema, st, v))
            break; /* the rest belongs to the statements the ',' swallowed */
        vals[n].block = block;
        if (convert(s, cx, &vals[n], f, v))
            n++;
        else
            memset(&vals[n], 0, sizeof vals[n]);
    }
    if (n)
        vals[n - 1].last = 1;
    if (sh) {
        sh->vals = vals;
        sh->n = n;
    }
    attach(s, node, row, vals, n, sh != NULL);
}

/* Returns the statement that gave each row first, in the tree arena. */
static const Stmt **check_node(Sema *s, const Ctx *cx, Node *node, const Schema *schema,
                               StmtList l, unsigned tpl_bit)
{
    Arena *t = &s->c->tree;
    const Stmt **first = arena_zalloc(t, sizeof *first * schema->nfields);
    node->schema = schema;
    node->check = ARENA_NEW(t, NodeCheck);
    node->check->rows = arena_zalloc(t, sizeof(Row) * schema->nfields);
    node->check->given = arena_zalloc(t, schema->nfields);
    for (uint32_t i = 0; i < l.n; i++) {
        const Stmt *st = l.stmts[i];
        /* A template's statement is checked, with its diagnostics, the
         * first time it is used for a schema; later uses stay quiet. */
        bool quiet = st->checked_as & tpl_bit;
        ((Stmt *)st)->checked_as |= tpl_bit;
        s->e->muted += quiet;
        Ctx inner = {cx->owner, l.from[i]->module, l.from[i]->head->full->text};
        check_stmt(s, &inner, node, schema, first, st, tpl_bit, true);
        s->e->muted -= quiet;
    }
    for (const Stmt *st = l.own ? l.own->stmts : NULL; st; st = st->next)
        check_stmt(s, cx, node, schema, first, st, tpl_bit, false);
    /* Descriptions of items (a good, an access, an action). */
    size_t row;
    Row *rows = node->check->rows;
    if (schema_field(schema, "description", 11, &row) && rows[row].n) {
        if (node->description) {
            Diag *d = diag_at(s->e, D_E0209, first[row]->name->span,
                              "a description is given both as a doc comment and as a field");
            diag_help(s->e, d, "keep one of the two");
        }
        node->description = rows[row].vals[0].text;
    }
    /* Keep the rows present: a template's values as they are, the others
     * copied out of the tree arena. */
    uint32_t n = 0;
    for (size_t i = 0; i < schema->nfields; i++)
        n += rows[i].n > 0;
    node->vals = ARENA_ARRAY(s->a, Val *, n ? n : 1);
    n = 0;
    for (size_t i = 0; i < schema->nfields; i++) {
        Row *r = &rows[i];
        if (!r->n)
            continue;
        Val *vals = r->vals;
        if (r->cap) {
            vals = ARENA_ARRAY(s->a, Val, r->n);
            memcpy(vals, r->vals, sizeof *vals * r->n);
            for (uint32_t k = 0; k < r->n; k++)
                vals[k].last = k + 1 == r->n;
        }
        node->present |= (uint64_t)1 << i;
        node->vals[n++] = vals;
    }
    return first;
}

/* Required fields of NODE, reported on AT. */
static void check_required(Sema *s, const Node *node, Span at, const char *what)
{
    const Schema *schema = node->schema;
    for (size_t i = 0; i < schema->nfields; i++) {
        const FieldSpec *f = &schema->fields[i];
        if (!(f->flags & F_REQUIRED) || node->check->given[i])
            continue;
        if (f->type == FT_CHARACTERISTIC) {
            Diag *d = diag_at(s->e, D_E0401, at, "%s has no '%s'", what, f->name);
            diag_help(s->e, d, "every service states its four IHIP characteristics: %s low|medium|high "
                               "{ … }, or takes them from a template (from ihip.digital_self_service)",
                      f->name);
        } else {
            Diag *d = diag_at(s->e, D_E0204, at, "%s has no '%s'", what, f->name);
            diag_help(s->e, d, "add '%s' with %s", f->name, type_phrase(s, f));
        }
    }
}

static void check_items_required(Sema *s, const Node *node)
{
    for (size_t i = 0; i < node->schema->nfields; i++) {
        const FieldSpec *f = &node->schema->fields[i];
        if (f->type != FT_ITEM)
            continue;
        for (const Val *v = node_get(node, i); v; v = val_next(v)) {
            /* once per block: a template's items are shared by its users */
            const Val *next = val_next(v);
            if (v->block && (!next || next->block != v->block) && !v->block->required_checked) {
                v->block->required_checked = true;
                check_required(s, v->block, v->span,
                               arena_printf(&s->c->tree, "%s '%.*s'", f->name, (int)v->len, v->text));
            }
        }
    }
}

/* Templates ------------------------------------------------------------------------ */

static bool has_field(const Block *own, const Stmt *st)
{
    for (const Stmt *o = own ? own->stmts : NULL; o; o = o->next)
        if (o->name->len == st->name->len && memcmp(o->name->text, st->name->text, st->name->len) == 0)
            return true;
    return false;
}

/* BASE's merged statements not replaced by OWN, then OWN. */
static StmtList merge(Sema *s, const Entity *base, const Block *own)
{
    StmtList l = block_stmts(own);
    uint32_t cap = (base ? base->merged->n : 0) + 1;
    l.stmts = ARENA_ARRAY(&s->c->tree, const Stmt *, cap); /* set_merged copies a template's */
    l.from = ARENA_ARRAY(&s->c->tree, Entity *, cap);
    for (uint32_t i = 0; base && i < base->merged->n; i++) {
        if (has_field(own, base->merged->stmts[i]))
            continue;
        l.stmts[l.n] = base->merged->stmts[i];
        l.from[l.n++] = base->merged->from[i];
    }
    return l;
}

/* The whole declaration of E.  A template's is read again once and kept
 * (its statements are shared by the entities using it); any other's is
 * read into the tree arena, released after E is checked. */
static const Decl *full_decl(Sema *s, Entity *e)
{
    if (e->kind != DECL_TEMPLATE)
        return parse_decl(s->c, e->head, &s->c->tree);
    DeclHead *h = (DeclHead *)e->head;
    if (!h->full) {
        const Decl *d = parse_decl(s->c, h, s->a);
        if (!d) { /* its file changed (E0904): an empty block */
            s->incomplete = true;
            Decl *empty = ARENA_NEW(s->a, Decl);
            empty->block = ast_block_new(s->a);
            d = empty;
        }
        h->full = d;
    }
    return h->full;
}

/* The template named by E's 'from', or NULL. */
static Entity *template_of(Sema *s, const Entity *e)
{
    Atom from;
    if (!decl_from_atom(e->head, &from))
        return NULL;
    return resolve(s, &from, e->module, KIND_BIT(DECL_TEMPLATE), "'from'");
}

/* 0 not merged yet, 1 being merged, 2 done. */
static int merge_state(const Entity *t) { return t->merged ? t->merged->state : 0; }

/* Template T stands for L: its base's statements and its own, flat. */
static void set_merged(Sema *s, Entity *t, StmtList l)
{
    uint32_t n = l.n + (l.own ? l.own->nstmts : 0);
    Merged *m = t->merged;
    m->stmts = ARENA_ARRAY(s->a, const Stmt *, n + 1);
    m->from = ARENA_ARRAY(s->a, Entity *, n + 1);
    m->n = l.n;
    memcpy(m->stmts, l.stmts, sizeof *l.stmts * l.n);
    memcpy(m->from, l.from, sizeof *l.from * l.n);
    for (const Stmt *st = l.own ? l.own->stmts : NULL; st; st = st->next) {
        m->stmts[m->n] = st;
        m->from[m->n++] = t;
    }
    m->state = 2;
}

/* Merge template T along its chain of 'from', without recursion: walk the
 * chain to a template already merged (or to its end), then merge back. A
 * chain that comes back on itself is reported, and merged as if the 'from'
 * that closes the cycle were not there. */
static void merge_template(Sema *s, Entity *t)
{
    Entity **chain = NULL;
    uint32_t n = 0, cap = 0;
    Entity *cur = t;
    while (cur && merge_state(cur) == 0) {
        chain = arena_grow(s->a, chain, n, &cap, sizeof *chain, 8);
        chain[n++] = cur;
        cur->merged = ARENA_NEW(s->a, Merged);
        cur->merged->state = 1;
        cur = template_of(s, cur);
    }
    if (cur && merge_state(cur) == 1) {
        Entity *last = chain[n - 1];
        Diag *d = diag_at(s->e, D_E0805, decl_from_span(last->head),
                          "templates take their fields from each other in a cycle");
        uint32_t j = 0;
        while (chain[j] != cur)
            j++;
        for (; j < n; j++)
            diag_note(s->e, d, decl_from_span(chain[j]->head), "'%s' is from '%s'", chain[j]->id,
                      j + 1 < n ? chain[j + 1]->id : cur->id);
        set_merged(s, last, merge(s, NULL, full_decl(s, last)->block));
        n--;
    }
    while (n > 0) {
        Entity *e = chain[--n];
        Atom from;
        Entity *base = decl_from_atom(e->head, &from) ? lookup(s, &from, e->module) : NULL;
        if (base && (base->kind != DECL_TEMPLATE || merge_state(base) != 2))
            base = NULL;
        set_merged(s, e, merge(s, base, full_decl(s, e)->block));
    }
}

/* A template's own fields must belong to a service or an offering. */
static void check_template(Sema *s, Entity *t)
{
    if (merge_state(t) == 0)
        merge_template(s, t);
    for (const Stmt *st = full_decl(s, t)->block->stmts; st; st = st->next) {
        if (schema_field(&schema_service, st->name->text, st->name->len, NULL) ||
            schema_field(&schema_offering, st->name->text, st->name->len, NULL))
            continue;
        Diag *d = diag_at(s->e, D_E0201, st->name->span, "unknown field '%.*s' in template",
                          (int)st->name->len, st->name->text);
        diag_note_nowhere(s->e, d, "a template holds fields of a service or of an offering");
    }
}

/* Entities ---------------------------------------------------------------------------- */

static void check_entity(Sema *s, Entity *e)
{
    if (e->kind == DECL_TEMPLATE) {
        check_template(s, e);
        return;
    }
    const Schema *schema = schema_of(e->kind);
    const Decl *d = full_decl(s, e);
    if (!d) { /* its file changed (E0904): no fields */
        e->node.schema = schema;
        s->incomplete = true;
        return;
    }
    StmtList l = block_stmts(d->block);
    if (d->from) {
        if (e->kind != DECL_SERVICE && e->kind != DECL_OFFERING) {
            diag_at(s->e, D_E0212, d->from->span, "a %s cannot take its fields from a template",
                    decl_kind_name(e->kind));
        } else {
            Entity *t = template_of(s, e);
            if (t && merge_state(t) == 0)
                merge_template(s, t);
            if (t)
                l = merge(s, t, d->block);
        }
    }
    Ctx cx = {e, e->module, d->text};
    const Stmt **first = check_node(s, &cx, &e->node, schema, l, e->kind == DECL_SERVICE ? 1u : 2u);
    const char *what = arena_printf(&s->c->tree, "%s '%s'", decl_kind_name(e->kind), e->id);
    check_required(s, &e->node, sema_id_span(e), what);
    check_items_required(s, &e->node);

    /* Name: the string after the id, or a 'name' field; not both. */
    size_t row;
    schema_field(schema, "name", 4, &row);
    const Val *name = node_get(&e->node, row);
    if (d->display_name) {
        e->name = d->display_name->text;
        if (name) {
            Diag *g = diag_at(s->e, D_E0207, first[row]->name->span,
                              "%s has a name already", what);
            diag_note(s->e, g, d->display_name->span, "the name given here");
            diag_help(s->e, g, "keep either the string after the id or the 'name' field");
        }
    } else if (name) {
        e->name = name->text;
    }
    /* Description: the doc comment, or a 'description' field; not both. */
    schema_field(schema, "description", 11, &row);
    const Val *desc = node_get(&e->node, row);
    if (d->doc) {
        e->node.description = d->doc->text;
        if (desc) {
            Diag *g = diag_at(s->e, D_E0209, first[row]->name->span,
                              "%s has a description already", what);
            diag_note(s->e, g, d->doc->span, "the doc comment gives it here");
            diag_help(s->e, g, "keep either the /// comment or the 'description' field");
        }
    } else if (desc) {
        e->node.description = desc->text;
    }
}

const char *node_enum(const Node *n, size_t row)
{
    const Val *v = node_get(n, row);
    const FieldSpec *f = &n->schema->fields[row];
    if (v)
        return f->words[v->word];
    return f->dflt;
}

bool node_enum_is(const Node *n, size_t row, const char *word)
{
    const char *w = node_enum(n, row);
    return w && strcmp(w, word) == 0;
}

bool dep_is_hard(const Val *dep)
{
    return !dep->block || node_enum_is(dep->block, DEP_STRENGTH, "hard");
}

/* Catalogue ----------------------------------------------------------------------------- */

static void check_catalogue(Sema *s)
{
    Entity *first = NULL;
    for (uint32_t i = 0; i < s->m->count; i++) {
        Entity *e = s->m->all[i];
        if (e->kind != DECL_CATALOGUE)
            continue;
        if (e->head->span.file != s->c->units[0]->src->id) {
            Diag *d = diag_at(s->e, D_E0802, decl_kw_span(e->head),
                              "the catalogue is declared in an imported file");
            diag_help(s->e, d, "declare the catalogue in the root file, %s", s->c->units[0]->src->path);
            continue;
        }
        if (first) {
            Diag *d = diag_at(s->e, D_E0804, decl_kw_span(e->head), "a second catalogue declaration");
            diag_note(s->e, d, decl_kw_span(first->head), "the first one is here");
            continue;
        }
        first = e;
    }
    s->m->catalogue = first;
    if (!first && s->c->nunits > 0) {
        Source *root = s->c->units[0]->src;
        Span at = {root->id, 0, 0};
        Diag *d = diag_at(s->e, D_E0803, at, "%s has no catalogue declaration", root->path);
        diag_help(s->e, d, "the root file declares the catalogue: catalogue id \"Name\" "
                           "{ version \"1\" provider \"…\" }");
    }
}

/* The model ---------------------------------------------------------------------------- */

static int by_id(const void *a, const void *b)
{
    return strcmp((*(Entity *const *)a)->id, (*(Entity *const *)b)->id);
}

Model *sema_check(Compiler *c)
{
    if (c->read_errors || c->nunits == 0)
        return NULL;
    Sema s;
    memset(&s, 0, sizeof s);
    s.c = c;
    s.e = &c->diags;
    s.a = &c->arena;
    s.m = ARENA_NEW(s.a, Model);
    uint32_t total = 0;
    for (uint32_t i = 0; i < c->nunits; i++)
        total += c->units[i]->ast->ndecls;
    names_init(&s.names, s.a, total);
    names_init(&s.shared, s.a, 64);
    s.m->all = ARENA_ARRAY(s.a, Entity *, total + 1);
    for (uint32_t i = 0; i < c->nunits; i++)
        for (const DeclHead *d = c->units[i]->ast->heads; d; d = d->next) {
            Entity *e = declare(&s, c->units[i], d);
            if (e)
                s.m->all[s.m->count++] = e;
        }
    for (uint32_t i = 0; i < s.m->count; i++) {
        uint32_t file = s.m->all[i]->head->span.file;
        if (i > 0 && file != s.m->all[i - 1]->head->span.file)
            source_drop(c->sources.files[s.m->all[i - 1]->head->span.file]); /* its window */
        check_entity(&s, s.m->all[i]);
        arena_reset(&c->tree); /* its tree: the model points into none */
    }
    check_catalogue(&s);

    uint32_t start[DECL__COUNT] = {0};
    for (uint32_t i = 0; i < s.m->count; i++)
        s.m->nkind[s.m->all[i]->kind]++;
    for (int k = 0; k < DECL__COUNT; k++)
        s.m->by_kind[k] = ARENA_ARRAY(s.a, Entity *, s.m->nkind[k] + 1);
    for (uint32_t i = 0; i < s.m->count; i++) {
        Entity *e = s.m->all[i];
        s.m->by_kind[e->kind][start[e->kind]++] = e;
    }
    for (int k = 0; k < DECL__COUNT; k++) {
        qsort(s.m->by_kind[k], s.m->nkind[k], sizeof(Entity *), by_id);
        for (uint32_t i = 0; i < s.m->nkind[k]; i++)
            s.m->by_kind[k][i]->graph_index = i;
    }
    if (s.incomplete)
        return s.m; /* whole-catalogue checks would report what was not read */
    sema_derive(&s);
    sema_check_graph(&s);
    sema_check_warnings(&s);
    return s.m;
}
