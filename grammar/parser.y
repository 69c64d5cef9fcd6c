/* parser.y — the generic structure of a .svc file (spec section 4).
 *
 *   file        = { import | declaration } ;
 *   import      = "import" STRING ;
 *   declaration = KIND ID [ STRING ] [ "from" NAME ] block ;
 *   block       = "{" { statement } "}" ;
 *   statement   = FIELD [ value { "," value } ] [ block ] ;
 *   value       = atom { atom } ;
 *   atom        = NAME | STRING | NUMBER | PERCENT | DURATION | TIMES ;
 *
 * Actions only call constructors (ast.c); what a field means is checked by
 * the semantic pass.  Recovery: a bad statement is skipped to the end of
 * its line (or over its block), a bad declaration header to its block, so
 * every syntax error of a file is reported once, in one run.
 *
 * All semantic values live in an arena (Parser.nodes), so no %destructor is
 * needed: discarded values are released with it.
 */
%code top {
#include <stdio.h>
#include <string.h>
}

%code requires {
#include "ast.h"
#include "parse.h"
/* A value, or a list of values, while the grammar builds it. */
typedef struct ValueBuild {
    Value *v;
    Atom *last;
} ValueBuild;
typedef struct ValueList {
    Value *head, *tail;
} ValueList;
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
#define YYLTYPE Span
#define YYLTYPE_IS_DECLARED 1
#define YYLTYPE_IS_TRIVIAL 0 /* Span is plain data; 0 only skips bison's {1,1,1,1} start value */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
    do {                                                              \
        if (N) {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 1).file;                       \
            (Cur).begin = YYRHSLOC(Rhs, 1).begin;                     \
            (Cur).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 0).file;                       \
            (Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end;           \
        }                                                             \
    } while (0)
}

%code provides {
int yylex(YYSTYPE *yylval, YYLTYPE *yylloc, yyscan_t scanner);
}

%code {
#define ARENA (p->nodes)
/* The scanner stops at PARSE_MAX_NESTING blocks, which bounds the parser's
 * stack well below this: it stays on the C stack and never mallocs. */
#define YYINITDEPTH 2000
static void yyerror(YYLTYPE *loc, yyscan_t scanner, Parser *p, const char *msg);
}

%define api.pure full
%define api.token.prefix {TOK_}
%define parse.error custom
/* Default reductions only where no token is read (consistent states): an
 * error is then found in the state that expects the right tokens, so the
 * "expected ..." lists come out as parse.lac gave them (4,500 mutated files
 * compared, docs/performance.md) without its cost on input with no error. */
%define lr.default-reduction consistent
%locations
%param {yyscan_t scanner}
%parse-param {Parser *p}
%expect 0

/* Empty rules at the very start take their place from here. */
%initial-action {
    @$.file = p->src->id;
    @$.begin = @$.end = 0;
}

%union {
    ValueBuild vbuild;
    ValueList vlist;
    Atom *atom;
    Doc *doc;
    DeclKind kind;
    Stmt *stmt;
    Block *block;
    Decl *decl;
}

%token <atom> NAME     "name"
%token <atom> STRING   "string"
%token <atom> NUMBER   "number"
%token <atom> PERCENT  "percentage"
%token <atom> DURATION "duration"
%token <atom> TIMES    "time range"
%token <doc>  DOC      "doc comment"
%token <kind> KIND     "declaration keyword"
%token IMPORT "'import'"
%token FROM   "'from'"
%token ALLOW  "'allow'"
%token EOL    "end of line"
%token SEMI   "';'"
%token LBRACE "'{'"
%token RBRACE "'}'"
%token COMMA  "','"
%token LPAREN "'('"
%token RPAREN "')'"

%type <atom> name_opt from_opt
%type <doc> docs doc_opt
%type <vbuild> value
%type <vlist> values
%type <stmt> stmt
%type <block> block stmts
%type <decl> decl

%%

file
  : items
  | items docs                       { parser_dangling_doc(p, $2); }
  ;

items
  : %empty
  | items item
  ;

/* item -> import | decl | sep | error */
item
  : doc_opt IMPORT STRING
        { if ($1) parser_dangling_doc(p, $1); parser_add_import(p, parser_span(p, @2.begin, @3.end), $3); }
  | doc_opt ALLOW values
        { if ($1) parser_dangling_doc(p, $1); parser_add_allow(p, parser_span(p, @2.begin, @3.end), $3.head); }
  | decl                             { if ($1) parser_add_decl(p, $1); }
  | sep
  | error sep                        { yyerrok; }
  | error block                      { yyerrok; }
  ;

/* decl -> [docs] KIND NAME [STRING] [from NAME] block */
decl
  : doc_opt KIND NAME name_opt from_opt block
        { $$ = ast_decl_new(ARENA, parser_span(p, $1 ? @1.begin : @2.begin, @$.end), $1, $2, @2,
                            $3, $4, $5, $6); }
  | doc_opt KIND error block         { $$ = NULL; yyerrok; }
  | doc_opt KIND error sep           { $$ = NULL; yyerrok; }
  ;

name_opt
  : %empty                           { $$ = NULL; }
  | STRING
  ;

from_opt
  : %empty                           { $$ = NULL; }
  | FROM NAME                        { $$ = $2; }
  ;

/* block -> '{' stmt { sep stmt } '}'  (statements may be empty) */
block
  : LBRACE { yyerrok; } stmts RBRACE { $$ = $3; $$->span = @$; }
  ;

/* The rules below spell out their optional parts instead of naming them
 * (no values_opt, block_opt, atom or sep here): each name is one more
 * reduction per statement, and the parser's share of a check was a quarter
 * of its instructions (docs/performance.md). */
stmts
  : %empty                           { $$ = ast_block_new(ARENA); }
  | stmt                             { $$ = ast_block_new(ARENA); ast_block_add($$, $1); }
  | stmt_skip                        { $$ = ast_block_new(ARENA); }
  | stmts EOL                        { $$ = $1; }
  | stmts SEMI                       { $$ = $1; }
  | stmts EOL stmt                   { $$ = $1; ast_block_add($$, $3); }
  | stmts SEMI stmt                  { $$ = $1; ast_block_add($$, $3); }
  | stmts EOL stmt_skip              { $$ = $1; }
  | stmts SEMI stmt_skip             { $$ = $1; }
  ;

/* What stands where a statement may, and makes none. */
stmt_skip
  : docs                             { parser_dangling_doc(p, $1); }
  | error                            { yyerrok; }
  | error block
  ;

/* stmt -> [docs] NAME [values] [block] */
stmt
  : NAME                             { $$ = ast_stmt_new(ARENA, @$, NULL, $1, NULL, NULL); }
  | NAME values                      { $$ = ast_stmt_new(ARENA, @$, NULL, $1, $2.head, NULL); }
  | NAME block                       { $$ = ast_stmt_new(ARENA, @$, NULL, $1, NULL, $2); }
  | NAME values block                { $$ = ast_stmt_new(ARENA, @$, NULL, $1, $2.head, $3); }
  | docs NAME                        { $$ = ast_stmt_new(ARENA, @$, $1, $2, NULL, NULL); }
  | docs NAME values                 { $$ = ast_stmt_new(ARENA, @$, $1, $2, $3.head, NULL); }
  | docs NAME block                  { $$ = ast_stmt_new(ARENA, @$, $1, $2, NULL, $3); }
  | docs NAME values block           { $$ = ast_stmt_new(ARENA, @$, $1, $2, $3.head, $4); }
  ;

/* values -> value { ',' value }; a linked list, its tail kept while built */
values
  : value                            { $$.head = $$.tail = $1.v; }
  | values COMMA value               { $$ = $1; $$.tail->next = $3.v; $$.tail = $3.v; }
  ;

/* value -> atom { atom } */
value
  : NAME                             { $$.v = ast_value_new(ARENA, $1); $$.last = $1; }
  | STRING                           { $$.v = ast_value_new(ARENA, $1); $$.last = $1; }
  | NUMBER                           { $$.v = ast_value_new(ARENA, $1); $$.last = $1; }
  | PERCENT                          { $$.v = ast_value_new(ARENA, $1); $$.last = $1; }
  | DURATION                         { $$.v = ast_value_new(ARENA, $1); $$.last = $1; }
  | TIMES                            { $$.v = ast_value_new(ARENA, $1); $$.last = $1; }
  | value NAME                       { $$ = $1; ast_value_add($$.v, $$.last, $2); $$.last = $2; }
  | value STRING                     { $$ = $1; ast_value_add($$.v, $$.last, $2); $$.last = $2; }
  | value NUMBER                     { $$ = $1; ast_value_add($$.v, $$.last, $2); $$.last = $2; }
  | value PERCENT                    { $$ = $1; ast_value_add($$.v, $$.last, $2); $$.last = $2; }
  | value DURATION                   { $$ = $1; ast_value_add($$.v, $$.last, $2); $$.last = $2; }
  | value TIMES                      { $$ = $1; ast_value_add($$.v, $$.last, $2); $$.last = $2; }
  ;

doc_opt
  : %empty                           { $$ = NULL; }
  | docs
  ;

docs
  : DOC
  | docs DOC                         { $$ = $1; parser_second_doc(p, $1, $2); }
  ;

sep
  : EOL
  | SEMI
  ;

%%

/* Only bison's own "memory exhausted" comes here: syntax errors go to
 * yyreport_syntax_error. */
static void yyerror(YYLTYPE *loc, yyscan_t scanner, Parser *p, const char *msg)
{
    (void)scanner;
    parser_stack_exhausted(p, *loc, msg);
}

/* The error reporter in parse.c speaks in token kinds (TOK_*), which the
 * header exports; bison's symbol kinds stay inside this file. */
static int symbol_token(yysymbol_kind_t s)
{
    switch (s) {
    case YYSYMBOL_NAME: return TOK_NAME;
    case YYSYMBOL_STRING: return TOK_STRING;
    case YYSYMBOL_NUMBER: return TOK_NUMBER;
    case YYSYMBOL_PERCENT: return TOK_PERCENT;
    case YYSYMBOL_DURATION: return TOK_DURATION;
    case YYSYMBOL_TIMES: return TOK_TIMES;
    case YYSYMBOL_DOC: return TOK_DOC;
    case YYSYMBOL_KIND: return TOK_KIND;
    case YYSYMBOL_IMPORT: return TOK_IMPORT;
    case YYSYMBOL_FROM: return TOK_FROM;
    case YYSYMBOL_ALLOW: return TOK_ALLOW;
    case YYSYMBOL_EOL: return TOK_EOL;
    case YYSYMBOL_SEMI: return TOK_SEMI;
    case YYSYMBOL_LBRACE: return TOK_LBRACE;
    case YYSYMBOL_RBRACE: return TOK_RBRACE;
    case YYSYMBOL_COMMA: return TOK_COMMA;
    case YYSYMBOL_LPAREN: return TOK_LPAREN;
    case YYSYMBOL_RPAREN: return TOK_RPAREN;
    case YYSYMBOL_YYEOF: return TOK_YYEOF;
    default: return TOK_YYUNDEF;
    }
}

static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, Parser *p)
{
    (void)scanner;
    enum { MAX_EXPECTED = 32 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED);
    if (n < 0)
        n = 0;
    int tokens[MAX_EXPECTED];
    for (int i = 0; i < n; i++)
        tokens[i] = symbol_token(expected[i]);
    parser_syntax_error(p, symbol_token(yypcontext_token(ctx)), *yypcontext_location(ctx),
                        tokens, n);
    return 0;
}
