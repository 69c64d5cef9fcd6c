/* json.h — a yajl generator that allocates from the compilation's arena
 * (so an out-of-memory jump leaks nothing) and writes to a FILE. */
#ifndef SVCC_JSON_H
#define SVCC_JSON_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <yajl_gen.h>

#include "arena.h"

typedef struct Json {
    yajl_gen g;
    yajl_alloc_funcs funcs;
    FILE *out;
    char *buf;              /* yajl's output, written out 64 KB at a time */
    size_t len;
} Json;

/* Start a document on OUT; PRETTY indents it by two spaces.  J must stay
 * where it is until json_close(). */
void json_open(Json *j, Arena *a, FILE *out, bool pretty);
/* End it with a newline, and write out what is left. */
void json_close(Json *j, FILE *out);

/* A string value or key.  Text that is not UTF-8 (a file's name can be
 * any bytes) has each invalid byte replaced by U+FFFD, so the document
 * stays valid JSON and no key or value is lost; yajl is then told not to
 * check again. */
void json_str(yajl_gen g, const char *s);

/* A decimal as written in a catalogue ("007", "4.50", "99.95"), as a JSON
 * number: its leading zeros, which JSON does not allow, dropped ("7");
 * the rest kept, so the decimal stays exact. */
void json_number(yajl_gen g, const char *text, size_t len);

#endif
