/* suggest.h — "did you mean …?" by edit distance. */
#ifndef SVCC_SUGGEST_H
#define SVCC_SUGGEST_H

#include <stddef.h>

/* Longer words get no suggestion. */
#define SUGGEST_MAX_LEN 64

/* Optimal string alignment distance (Levenshtein plus transpositions of
 * neighbours), computed up to LIMIT: any distance above LIMIT is returned
 * as LIMIT + 1. */
size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen, size_t limit);

/* The largest distance at which a candidate still counts as a likely
 * misspelling of a word of LEN bytes. */
size_t suggest_limit(size_t len);

/* Of N candidates (NUL-terminated), the closest to WORD within
 * suggest_limit(len), or NULL.  Ties go to the earlier candidate. */
const char *suggest_best(const char *word, size_t len, const char *const *candidates, size_t n);

#endif
