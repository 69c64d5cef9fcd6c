/* ast.h — the syntax tree of one .svc file.
 *
 * The grammar is generic (spec section 4): a file holds imports and
 * declarations; a declaration holds a block of statements; a statement is a
 * field name, a comma list of values and an optional nested block.  The
 * meaning of each field is the semantic pass's business.  Every node
 * carries the Span it came from.  Lists are singly linked in source order.
 * Nodes live in the arena the parser is given (compiler.h): a declaration's
 * scratch, gone once it is lowered into the model, or the compilation's
 * arena when the whole tree is kept (svcc fmt, --dump-ast).  A NAME,
 * NUMBER, PERCENT, DURATION or TIMES atom's text points into the text scanned; a
 * STRING's and a doc comment's are decoded into the compilation's arena.
 */
#ifndef SVCC_AST_H
#define SVCC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "source.h"

typedef enum DeclKind {
    DECL_CATALOGUE,
    DECL_SERVICE,
    DECL_OFFERING,
    DECL_CONSUMER,
    DECL_TEAM,
    DECL_PERSON,
    DECL_RESOURCE,
    DECL_PRACTICE,
    DECL_TEMPLATE,
    DECL_FRAMEWORK,
    DECL_REQUIREMENT,
    DECL_SUPPLIER,
    DECL_AGREEMENT,
    DECL_CALENDAR,
    DECL_CROSSWALK,
    DECL_VIEW,
    DECL__COUNT
} DeclKind;

/* The keyword of a declaration kind, and the kind of a keyword (returns
 * false for a word that is not one). */
const char *decl_kind_name(DeclKind kind);
bool decl_kind_lookup(const char *word, size_t len, DeclKind *out);

typedef enum AtomKind {
    ATOM_NAME,     /* identifier or qualified name, as written */
    ATOM_STRING,   /* text with escapes decoded */
    ATOM_NUMBER,   /* digits as written: "42", "4.50" */
    ATOM_PERCENT,  /* the number before '%', as written */
    ATOM_DURATION, /* as written: "1h30m"; seconds in ival */
    ATOM_TIMES     /* as written: "08:30-12:00", "24x7" (or a lone "08:30") */
} AtomKind;

typedef struct Atom {
    struct Atom *next;
    AtomKind kind;
    Span span;
    const char *text;
    uint32_t len;
    bool is_int;       /* NUMBER without a fraction (and PERCENT likewise) */
    bool multiline;    /* STRING written with """ */
    uint64_t ival;     /* integer value, or a duration's seconds */
} Atom;

/* The shape of a value, classified once by the parser so that later passes
 * can switch on it: one atom, or the two-atom forms quantity and money. */
typedef enum ValueShape {
    VAL_NAME,
    VAL_STRING,
    VAL_INT,
    VAL_DECIMAL,
    VAL_PERCENT,
    VAL_DURATION,
    VAL_QUANTITY,  /* NUMBER NAME:  40000 mailboxes, 50 GB */
    VAL_MONEY,     /* NUMBER CODE:  4.50 EUR (CODE: three upper-case letters) */
    VAL_TIMES,     /* a time range: 08:30-12:00, or 24x7 */
    VAL_WORDS      /* any other sequence: 4.50 EUR per user per month */
} ValueShape;

typedef struct Value {
    struct Value *next;
    Span span;
    ValueShape shape;
    Atom *atoms;       /* at least one */
    uint32_t natoms;
} Value;

typedef struct Doc {
    Span span;
    const char *text;  /* lines joined with '\n', one leading space stripped */
} Doc;

typedef struct Block Block;

typedef struct Stmt {
    struct Stmt *next;
    Span span;
    Atom *name;        /* the field name (ATOM_NAME) */
    Value *values;
    uint32_t nvalues;
    Block *block;      /* or NULL */
    Doc *doc;          /* or NULL */
} Stmt;

struct Block {
    Span span;         /* from '{' to '}' */
    Stmt *stmts, *last_stmt;
    uint32_t nstmts;
};

typedef struct Decl {
    struct Decl *next;
    DeclKind kind;
    Span span;         /* keyword to closing '}' */
    Span kw_span;
    Atom *id;
    Atom *display_name; /* the STRING after the id, or NULL */
    Atom *from;         /* the template after 'from', or NULL */
    Block *block;
    Doc *doc;
    uint32_t begin;     /* where its text starts: its doc comment or keyword */
} Decl;

/* An import, or a file-wide 'allow CODE, …' (path NULL, codes set): the
 * top-level statements, in the order written. */
typedef struct Import {
    struct Import *next;
    Span span;
    Atom *path;        /* the STRING */
    Value *codes;      /* allow: the codes, a value each */
} Import;

/* A comment kept for the formatter (only when Compiler.keep_comments):
 * a line or block comment, or a doc comment that documents nothing. */
typedef struct Comment {
    struct Comment *next;
    Span span;
    bool doc;          /* a '///' doc comment (that documents nothing) */
} Comment;

typedef struct AstFile {
    Source *src;
    Comment *comments, *last_comment; /* in the order met, not sorted */
    uint32_t ncomments;
    Import *imports, *last_import;
    Decl *decls, *last_decl;    /* only when the parser keeps the tree (compiler.h) */
    uint32_t nimports, ndecls;
} AstFile;

/* Where an atom's text ends in its file: the span of a string stops
 * before its closing quotes, that of a percentage before its '%'
 * (diagnostics point at the text and at the number). */
uint32_t ast_atom_end(const Atom *a);

/* Constructors used by the grammar's actions. */
Value *ast_value_new(Arena *a, Atom *first);
/* Add ATOM after LAST, V's last atom (the grammar keeps it while it
 * builds V, so that Value need not). */
void ast_value_add(Value *v, Atom *last, Atom *atom);
/* The value made of V's atoms after the first (NULL if V has one atom). */
Value *ast_value_rest(Arena *a, const Value *v);
/* "a name", "a string", … for messages. */
const char *ast_shape_phrase(ValueShape shape);
Stmt *ast_stmt_new(Arena *a, Span span, Doc *doc, Atom *name, Value *values, Block *block);
Block *ast_block_new(Arena *a);
void ast_block_add(Block *b, Stmt *s);
Decl *ast_decl_new(Arena *a, Span span, Doc *doc, DeclKind kind, Span kw_span, Atom *id,
                   Atom *display_name, Atom *from, Block *block);
void ast_file_add_decl(AstFile *f, Decl *d);
void ast_file_add_import(Arena *a, AstFile *f, Span span, Atom *path);
void ast_file_add_allow(Arena *a, AstFile *f, Span span, Value *codes);

/* A copy of D in A whose atoms' texts point into TEXT, a copy of the
 * bytes of D's file from offset BEGIN (what a template keeps, compiler.h). */
Decl *ast_decl_copy(Arena *a, const Decl *d, const char *text, uint32_t begin);

/* Print the tree in a stable indented text form (tests, --dump-ast). */
#include <stdio.h>
void ast_dump(const AstFile *f, FILE *out);

#endif
