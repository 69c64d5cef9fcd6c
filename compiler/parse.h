/* parse.h — state shared by the scanner (grammar/lexer.l) and the parser
 * (grammar/parser.y) while one file is read.  Internal to the front end:
 * other phases use parse_unit() and parse_tree() from compiler.h.
 */
#ifndef SVCC_PARSE_H
#define SVCC_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler.h"

#define PARSE_MAX_NESTING 100  /* blocks inside blocks */
#define IDENT_MAX_BYTES 128

/* One open '{', with the statement that opened it, to name it when the
 * file ends before its '}'. */
typedef struct BraceFrame {
    uint32_t open;        /* offset of the '{' */
    Span head;            /* first token of the statement: keyword or field */
    Span id;              /* the token after it, if a name (len 0 if none) */
    bool head_is_decl;    /* the head is a declaration keyword */
    bool has_suspect;     /* a declaration keyword at column 1 was seen inside */
    Span suspect;
} BraceFrame;

typedef struct Parser {
    Compiler *c;
    Source *src;
    const Unit *unit;     /* lower each declaration into the model (NULL: keep the tree) */
    AstFile *file;
    const char *base;     /* the buffer being scanned (src->text or a copy) */
    Arena *nodes;         /* for the tree: atoms, values, statements, blocks */
    Arena *texts;         /* for decoded strings and doc comments */
    Arena *lexbufs;       /* for the scanner's own buffers */
    uint32_t start, end;  /* the offsets scanned */
    ArenaMark mark;       /* scratch older than this belongs to declarations done */
    uint32_t errors;      /* errors reported before the declaration being read */
    uint32_t forgotten;   /* the text before this offset is given back */

    /* scanner state */
    int last_tok, prev_tok;   /* token kinds returned, newest first */
    Span last_span, prev_span;
    int paren_depth;
    BraceFrame *braces;
    uint32_t depth, cap;
    bool at_stmt_start;       /* the next token starts a statement */
    int head_count;           /* tokens of the current statement so far (max 2) */
    Span head, id;
    bool head_is_decl;
    uint32_t tok_begin;       /* start of a string or comment being scanned */
    bool comment_newline;     /* a block comment held a newline */
    Diag *stray;              /* the last stray-character diagnostic */
    uint32_t stray_end;
    bool aborted;             /* nesting limit hit: the rest is not parsed */
    bool eof_in_token;        /* the file ended in a comment or a string */

    /* parser state */
    uint32_t last_error_at;   /* offset of the last syntax error, +1 */
} Parser;

/* Set up P to read SRC: checks the encoding (reporting bad bytes) and
 * chooses the buffer to scan.  parse_source() calls it; so do the lexer's
 * unit tests, which then drive the scanner themselves. */
void parser_begin(Parser *p, Compiler *c, Source *src);

Span parser_span(const Parser *p, uint32_t begin, uint32_t end);

/* Called from the grammar's actions (grammar/parser.y). */
void parser_add_decl(Parser *p, Decl *d);
void parser_add_import(Parser *p, Span span, Atom *path);
/* A file-wide 'allow CODE, …': to the checker as the file is read, and to
 * the tree when one is kept (svcc fmt). */
void parser_add_allow(Parser *p, Span span, Value *codes);

/* Called from the grammar's actions (grammar/parser.y). */
void parser_dangling_doc(Parser *p, Doc *doc);
void parser_second_doc(Parser *p, Doc *first, Doc *second);
void parser_syntax_error(Parser *p, int token, Span at, const int *expected, int nexpected);
void parser_stack_exhausted(Parser *p, Span at, const char *msg);

#endif
