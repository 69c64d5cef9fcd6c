/* ast.c — constructors for the syntax tree, and a dump for tests. */
#include "ast.h"

#include <string.h>

static const char *const decl_kind_names[DECL__COUNT] = {
    [DECL_CATALOGUE] = "catalogue", [DECL_SERVICE] = "service",
    [DECL_OFFERING] = "offering",   [DECL_CONSUMER] = "consumer",
    [DECL_TEAM] = "team",           [DECL_PERSON] = "person",
    [DECL_RESOURCE] = "resource",   [DECL_PRACTICE] = "practice",
    [DECL_TEMPLATE] = "template",   [DECL_FRAMEWORK] = "framework",
    [DECL_REQUIREMENT] = "requirement", [DECL_SUPPLIER] = "supplier",
    [DECL_AGREEMENT] = "agreement", [DECL_CALENDAR] = "calendar",
    [DECL_CROSSWALK] = "crosswalk", [DECL_VIEW] = "view",
};

const char *decl_kind_name(DeclKind kind) { return decl_kind_names[kind]; }

bool decl_kind_lookup(const char *word, size_t len, DeclKind *out)
{
    for (int k = 0; k < DECL__COUNT; k++) {
        const char *n = decl_kind_names[k];
        if (n[0] == word[0] && strncmp(n, word, len) == 0 && n[len] == '\0') {
            *out = (DeclKind)k;
            return true;
        }
    }
    return false;
}

static bool is_currency_code(const Atom *a)
{
    return a->kind == ATOM_NAME && a->len == 3 && a->text[0] >= 'A' && a->text[0] <= 'Z' &&
           a->text[1] >= 'A' && a->text[1] <= 'Z' && a->text[2] >= 'A' && a->text[2] <= 'Z';
}

static ValueShape value_shape(const Value *v)
{
    const Atom *a = v->atoms;
    if (v->natoms == 1) {
        switch (a->kind) {
        case ATOM_NAME: return VAL_NAME;
        case ATOM_STRING: return VAL_STRING;
        case ATOM_NUMBER: return a->is_int ? VAL_INT : VAL_DECIMAL;
        case ATOM_PERCENT: return VAL_PERCENT;
        case ATOM_DURATION: return VAL_DURATION;
        case ATOM_TIMES: return VAL_TIMES;
        }
    }
    if (v->natoms == 2 && a->kind == ATOM_NUMBER && a->next->kind == ATOM_NAME)
        return is_currency_code(a->next) ? VAL_MONEY : VAL_QUANTITY;
    return VAL_WORDS;
}

uint32_t ast_atom_end(const Atom *a)
{
    switch (a->kind) {
    case ATOM_STRING: return a->span.end + (a->multiline ? 3 : 1);
    case ATOM_PERCENT: return a->span.end + 1;
    default: return a->span.end;
    }
}

Value *ast_value_new(Arena *a, Atom *first)
{
    Value *v = ARENA_NEW(a, Value);
    v->span = first->span;
    v->atoms = first;
    v->natoms = 1;
    v->shape = value_shape(v);
    return v;
}

Value *ast_value_rest(Arena *a, const Value *v)
{
    if (v->natoms < 2)
        return NULL;
    Value *r = ARENA_NEW(a, Value);
    r->atoms = v->atoms->next;
    r->natoms = v->natoms - 1;
    r->span = r->atoms->span;
    r->span.end = v->span.end;
    r->shape = value_shape(r);
    return r;
}

void ast_value_add(Value *v, Atom *last, Atom *atom)
{
    last->next = atom;
    v->natoms++;
    v->span.end = atom->span.end;
    v->shape = value_shape(v);
}

Stmt *ast_stmt_new(Arena *a, Span span, Doc *doc, Atom *name, Value *values, Block *block)
{
    Stmt *s = ARENA_NEW(a, Stmt);
    s->span = span;
    s->doc = doc;
    s->name = name;
    s->values = values;
    for (Value *v = values; v; v = v->next)
        s->nvalues++;
    s->block = block;
    return s;
}

Block *ast_block_new(Arena *a) { return ARENA_NEW(a, Block); }

void ast_block_add(Block *b, Stmt *s)
{
    if (b->last_stmt)
        b->last_stmt->next = s;
    else
        b->stmts = s;
    b->last_stmt = s;
    b->nstmts++;
}

Decl *ast_decl_new(Arena *a, Span span, Doc *doc, DeclKind kind, Span kw_span, Atom *id,
                   Atom *display_name, Atom *from, Block *block)
{
    Decl *d = ARENA_NEW(a, Decl);
    d->span = span;
    d->doc = doc;
    d->kind = kind;
    d->kw_span = kw_span;
    d->id = id;
    d->display_name = display_name;
    d->from = from;
    d->block = block;
    d->begin = doc ? doc->span.begin : kw_span.begin;
    return d;
}

void ast_file_add_decl(AstFile *f, Decl *d)
{
    if (f->last_decl)
        f->last_decl->next = d;
    else
        f->decls = d;
    f->last_decl = d;
    f->ndecls++;
}

/* Copies ------------------------------------------------------------------ */

typedef struct Copy {
    Arena *a;
    const char *text;  /* the bytes of the file from offset begin */
    uint32_t begin;
} Copy;

static Atom *copy_atoms(const Copy *k, const Atom *x)
{
    Atom *first = NULL, **link = &first;
    for (; x; x = x->next) {
        Atom *a = ARENA_NEW(k->a, Atom);
        *a = *x;
        a->next = NULL;
        if (x->kind != ATOM_STRING) /* the others point into the text scanned */
            a->text = k->text + (x->span.begin - k->begin);
        *link = a;
        link = &a->next;
    }
    return first;
}

static Block *copy_block(const Copy *k, const Block *b);

static Stmt *copy_stmt(const Copy *k, const Stmt *x)
{
    Stmt *s = ARENA_NEW(k->a, Stmt);
    *s = *x;
    s->next = NULL;
    s->name = copy_atoms(k, x->name);
    Value **link = &s->values;
    for (const Value *v = x->values; v; v = v->next) {
        Value *c = ARENA_NEW(k->a, Value);
        *c = *v;
        c->next = NULL;
        c->atoms = copy_atoms(k, v->atoms);
        *link = c;
        link = &c->next;
    }
    s->block = x->block ? copy_block(k, x->block) : NULL;
    return s;
}

static Block *copy_block(const Copy *k, const Block *b)
{
    Block *c = ast_block_new(k->a);
    c->span = b->span;
    for (const Stmt *s = b->stmts; s; s = s->next)
        ast_block_add(c, copy_stmt(k, s));
    return c;
}

Decl *ast_decl_copy(Arena *a, const Decl *d, const char *text, uint32_t begin)
{
    Copy k = {a, text, begin};
    Decl *c = ARENA_NEW(a, Decl);
    *c = *d;
    c->next = NULL;
    c->id = copy_atoms(&k, d->id);
    c->display_name = d->display_name ? copy_atoms(&k, d->display_name) : NULL;
    c->from = d->from ? copy_atoms(&k, d->from) : NULL;
    c->block = copy_block(&k, d->block);
    return c;
}

void ast_file_add_allow(Arena *a, AstFile *f, Span span, Value *codes)
{
    ast_file_add_import(a, f, span, NULL);
    f->last_import->codes = codes;
}

void ast_file_add_import(Arena *a, AstFile *f, Span span, Atom *path)
{
    Import *im = ARENA_NEW(a, Import);
    im->span = span;
    im->path = path;
    if (f->last_import)
        f->last_import->next = im;
    else
        f->imports = im;
    f->last_import = im;
    f->nimports++;
}

/* Dump ------------------------------------------------------------------- */

static void dump_quoted(const char *s, uint32_t len, FILE *out)
{
    fputc('"', out);
    for (uint32_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7F)
            fprintf(out, "\\u{%X}", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void dump_atom(const Atom *a, FILE *out)
{
    switch (a->kind) {
    case ATOM_NAME: fprintf(out, "%.*s", (int)a->len, a->text); break;
    case ATOM_STRING: dump_quoted(a->text, a->len, out); break;
    case ATOM_NUMBER:
    case ATOM_TIMES: fprintf(out, "%.*s", (int)a->len, a->text); break;
    case ATOM_PERCENT: fprintf(out, "%.*s%%", (int)a->len, a->text); break;
    case ATOM_DURATION:
        fprintf(out, "%.*s=%llus", (int)a->len, a->text, (unsigned long long)a->ival);
        break;
    }
}

static const char *const shape_names[] = {
    [VAL_NAME] = "name",         [VAL_STRING] = "string",     [VAL_INT] = "int",
    [VAL_DECIMAL] = "decimal",   [VAL_PERCENT] = "percent",   [VAL_DURATION] = "duration",
    [VAL_QUANTITY] = "quantity", [VAL_MONEY] = "money",       [VAL_WORDS] = "words",
    [VAL_TIMES] = "times",
};

const char *ast_shape_phrase(ValueShape shape)
{
    switch (shape) {
    case VAL_NAME: return "a name";
    case VAL_STRING: return "a string";
    case VAL_INT: return "a whole number";
    case VAL_DECIMAL: return "a decimal number";
    case VAL_PERCENT: return "a percentage";
    case VAL_DURATION: return "a duration";
    case VAL_QUANTITY: return "a quantity";
    case VAL_MONEY: return "an amount of money";
    case VAL_TIMES: return "a time range";
    case VAL_WORDS: break;
    }
    return "several words";
}

static void dump_block(const Block *b, int depth, FILE *out);

static void dump_doc(const Doc *d, int depth, FILE *out)
{
    if (!d)
        return;
    fprintf(out, "%*sdoc ", depth * 2, "");
    dump_quoted(d->text, (uint32_t)strlen(d->text), out);
    fputc('\n', out);
}

static void dump_stmt(const Stmt *s, int depth, FILE *out)
{
    dump_doc(s->doc, depth, out);
    fprintf(out, "%*s%.*s", depth * 2, "", (int)s->name->len, s->name->text);
    for (const Value *v = s->values; v; v = v->next) {
        fprintf(out, "%s %s(", v == s->values ? "" : ",", shape_names[v->shape]);
        for (const Atom *a = v->atoms; a; a = a->next) {
            if (a != v->atoms)
                fputc(' ', out);
            dump_atom(a, out);
        }
        fputc(')', out);
    }
    fputc('\n', out);
    if (s->block)
        dump_block(s->block, depth + 1, out);
}

static void dump_block(const Block *b, int depth, FILE *out)
{
    for (const Stmt *s = b->stmts; s; s = s->next)
        dump_stmt(s, depth, out);
}

void ast_dump(const AstFile *f, FILE *out)
{
    for (const Import *im = f->imports; im; im = im->next) {
        if (im->codes) {
            fputs("allow", out);
            for (const Value *v = im->codes; v; v = v->next) {
                fputs(v == im->codes ? " " : ", ", out);
                for (const Atom *a = v->atoms; a; a = a->next)
                    dump_atom(a, out);
            }
        } else {
            fputs("import ", out);
            dump_quoted(im->path->text, im->path->len, out);
        }
        fputc('\n', out);
    }
    for (const Decl *d = f->decls; d; d = d->next) {
        dump_doc(d->doc, 0, out);
        fprintf(out, "%s %.*s", decl_kind_name(d->kind), (int)d->id->len, d->id->text);
        if (d->display_name) {
            fputc(' ', out);
            dump_quoted(d->display_name->text, d->display_name->len, out);
        }
        if (d->from)
            fprintf(out, " from %.*s", (int)d->from->len, d->from->text);
        fputc('\n', out);
        dump_block(d->block, 1, out);
    }
}
