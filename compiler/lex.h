/* lex.h — token values for the scanner (grammar/lexer.l).
 *
 * The scanner decides which bytes make a token; these helpers build the
 * token's value (decode a string, read a number or a duration), keep the
 * scanner's state (statement ends, open braces) and report lexical errors.
 * Offsets are byte offsets in the file being scanned.
 */
#ifndef SVCC_LEX_H
#define SVCC_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"
#include "parser.h"

#define NUMBER_MAX_INT ((uint64_t)1 << 53)

int lex_token(Parser *p, YYLTYPE *loc, int kind, uint32_t begin, uint32_t end);
bool lex_newline_ends(const Parser *p);
int lex_eof(Parser *p, YYLTYPE *loc);
bool lex_open_brace(Parser *p, uint32_t at);
bool lex_close_brace(Parser *p, uint32_t at);

int lex_name(Parser *p, YYSTYPE *val, uint32_t begin, uint32_t end);
int lex_name_dash(Parser *p, YYSTYPE *val, uint32_t begin, uint32_t end);
Atom *lex_number(Parser *p, AtomKind kind, uint32_t begin, uint32_t end);
Atom *lex_duration(Parser *p, uint32_t begin, uint32_t end);
Atom *lex_duration_unitless(Parser *p, uint32_t begin, uint32_t end);
/* A time range (08:30-12:00), a lone time of day (08:30) or 24x7, as
 * written: calendar.c reads it (a lone time is an error there). */
Atom *lex_times(Parser *p, uint32_t begin, uint32_t end);
uint32_t lex_glued(Parser *p, uint32_t begin, uint32_t end);
Atom *lex_string(Parser *p, uint32_t begin, uint32_t end, bool multiline);
Atom *lex_string_unclosed(Parser *p, uint32_t open, uint32_t end);
Doc *lex_doc(Parser *p, uint32_t begin, uint32_t end);
void lex_unclosed(Parser *p, uint32_t open, uint32_t len, const char *what);
void lex_comment(Parser *p, uint32_t begin, uint32_t end, bool doc);
void lex_stray(Parser *p, uint32_t begin, uint32_t end);

void lex_restore_buffer(void *scanner); /* in grammar/lexer.l */
void *lex_alloc(Parser *p, size_t size);
void *lex_realloc(Parser *p, void *ptr, size_t size);

#endif
