/* sema.h — internal to the checker (sema.c, sema_fields.c, sema_graph.c).
 *
 * The checker's state (Sema) is made when the first declaration is
 * lowered and lives in the compilation's arena until it is freed; what it
 * keeps besides the model — names, templates, what each entity's own block
 * wrote — is its own, never reachable from the model.
 */
#ifndef SVCC_SEMA_H
#define SVCC_SEMA_H

#include "compiler.h"

typedef struct SuggestIndex SuggestIndex;
typedef struct Template Template;

/* What a node's own block wrote, one bit per row of its schema. */
typedef struct NodeInfo {
    uint64_t named;         /* rows a statement is written for (a template's give way) */
    uint64_t given;         /* rows written, even wrongly: not reported missing */
    Span name_at, desc_at;  /* the field names of the 'name' and 'description' that count */
} NodeInfo;

/* What lowering a declaration that takes a template (or is one) leaves for
 * the checks made once every file is read, when the template's fields
 * join: allocated with its entity (sema_entity_check). */
typedef struct EntityCheck {
    uint64_t named;         /* rows of its own block (NodeInfo) */
    uint64_t given;         /* the rows its own block wrote */
    const char *from;       /* the template after 'from', as written (kept once) */
    Span from_span;
    Span display_span;      /* the string after the id, or empty */
    Span doc_span;          /* its doc comment, or empty */
    Template *tpl;          /* a template: its statements, kept */
} EntityCheck;

/* An entity lowered without a field it requires or expects (F_STATED), and
 * the rows it wrote:
 * reported once every file is read without errors (sema_check). */
typedef struct Incomplete {
    Entity *e;
    uint64_t given;
} Incomplete;

/* A warning accepted in a declaration: 'allow CODE' (sema.c). */
typedef struct Allow {
    DiagCode code;
    Span range;             /* the declaration, or the whole file */
    Span at;                /* the code as written */
    const Entity *e;        /* or NULL: the allow is the whole file's */
    bool used;              /* a warning was taken out by it */
} Allow;

typedef struct Sema {
    Compiler *c;
    DiagEngine *e;
    Arena *a;               /* the compilation's */
    Arena *scratch;         /* the declaration's (Compiler.scratch) */
    Model *m;
    uint32_t cap_all;       /* room in m->all */
    uint8_t *checked_later; /* bit per entity of m->all: it has an EntityCheck */
    uint8_t *referenced;    /* bit per entity of m->all: a reference names it (W0201) */
    Incomplete *incomplete; /* entities without a required or expected field (not templated) */
    Allow *allows;          /* every 'allow' of the model's declarations */
    uint32_t nallows, cap_allows;
    uint32_t nincomplete, cap_incomplete;
    IndexSet names;         /* the namespace: entities (of m->all) by qualified id, until every
                             * reference is resolved (sema_check) */
    struct Graph *hard;     /* hard dependencies between services (sema_graph.c) */
    uint32_t *hard_comp;    /* their strongly connected components */
    bool hard_acyclic;
    SuggestIndex *suggest;  /* names by length, for "did you mean" (sema.c) */
    unsigned hours_days;    /* the days of a calendar's last period read (sema_fields.c) */
} Sema;

/* Bit I of BITS (checked_later, referenced). */
static inline bool sema_bit(const uint8_t *bits, uint32_t i) { return (bits[i / 8] >> (i % 8)) & 1; }
static inline void sema_bit_set(uint8_t *bits, uint32_t i) { bits[i / 8] |= (uint8_t)(1u << (i % 8)); }

/* What the checker derives for service or offering E (model.h's
 * entity_links, to write). */
static inline EntityLinks *sema_links(Entity *e) { return &((LinkedEntity *)(void *)e)->links; }

/* E's EntityCheck: only for a template or an entity with a template. */
EntityCheck *sema_entity_check(Entity *e);

/* Where a block's statements are read: the module names are looked up in,
 * and the text their spans index (TEXT holds the file's bytes from offset
 * TEXT_BEGIN: the whole file while it is parsed, a template's own copy
 * afterwards). */
typedef struct FieldCtx {
    const char *module;
    const char *text;
    uint32_t text_begin;
} FieldCtx;

/* Check the statements of OWN (NULL: none) against SCHEMA into NODE: its
 * rows present, with references kept as names (Val.text, Val.ref NULL);
 * what was written goes to *INFO.  Diagnostics for each statement. */
void sema_check_block(Sema *s, const FieldCtx *cx, Node *node, const Schema *schema,
                      const Block *own, NodeInfo *info);

/* Report the required fields of NODE not in GIVEN, on AT, as those of
 * "KIND 'ID'" (ID_LEN bytes of ID). */
void sema_check_required(Sema *s, const Node *node, uint64_t given, Span at, const char *kind,
                         const char *id, int id_len);

/* Resolve reference NAME (of FIELD, to one of KINDS) while files are
 * still read, if what it names cannot change: it names a declaration
 * already read, and no later one could take its place (inside a module,
 * one of the module's own).  1: resolved, into *OUT; 0: it names
 * something of another kind (reported); -1: not now (sema_check will). */
int sema_resolve_now(Sema *s, const Atom *name, const char *module, unsigned kinds,
                     const char *field, Entity **out);

/* "a whole number", "one of low, medium or high", … */
const char *sema_type_phrase(Sema *s, const FieldSpec *f);

/* Report V, written after 'allow', as no warning's code (E0214). */
void sema_not_a_warning(Sema *s, const Value *v);

/* The N WORDS as "a, b" and LAST ("a, b or c" with " or "), in A. */
const char *sema_join(Arena *a, const char *const *words, size_t n, const char *last);

/* The value before V (in *SEEN, N of them: the first ones) with V's id —
 * an item's id, a link's name — or NULL.  A few are compared pairwise;
 * from the eighth on they go through IDS, a hash table made once. */
const Val *sema_same_id(Sema *s, NameTable *ids, const Val **seen, uint32_t n, const Val *v);
/* Where V's id is written: its value's first word. */
Span sema_id_span(const Val *v);

/* "service", "team or person", … */
const char *sema_kinds_phrase(Arena *a, unsigned kinds);

/* "a" or "an", for WORD. */
const char *sema_article(const char *word);

/* "people.svc:3:9" */
const char *sema_where(Sema *s, Span span);

/* Checks over the whole model, after every entity's fields (sema_graph.c). */
void sema_derive(Sema *s);
void sema_check_graph(Sema *s);
void sema_check_warnings(Sema *s);

#endif
