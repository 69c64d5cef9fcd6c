/* api.h — what libsvcc's own tests reach past the public API (svcc.h):
 * nothing a program embedding svcc needs, and not exported from
 * libsvcc.so (only svcc_ names are). */
#ifndef SVCC_API_H
#define SVCC_API_H

#include "svcc.h"

/* Fault injection: make allocation N of C's compilation fail, as if
 * memory ran out (0: never). */
void api_fail_alloc(svcc *c, long n);

/* The compilation inside C, and its model (NULL unless it compiled
 * without errors): for checks that need the inside, such as the fuzz
 * harnesses' properties. */
struct Compiler *api_compiler(svcc *c);
struct Model *api_model(svcc *c);

#endif
