/* suggest.c — edit distance for suggestions. */
#include "suggest.h"

#include <string.h>


size_t suggest_limit(size_t len)
{
    size_t k = (len + 2) / 3;
    return k < 1 ? 1 : k > 3 ? 3 : k;
}

size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen, size_t limit)
{
    if (alen > SUGGEST_MAX_LEN || blen > SUGGEST_MAX_LEN)
        return limit + 1;
    size_t diff = alen > blen ? alen - blen : blen - alen;
    if (diff > limit)
        return limit + 1;
    /* Three rows of the dynamic-programming table. */
    size_t rows[3][SUGGEST_MAX_LEN + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= blen; j++)
        prev[j] = j;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v)
                v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[blen] > limit ? limit + 1 : prev[blen];
}

const char *suggest_best(const char *word, size_t len, const char *const *candidates, size_t n)
{
    size_t limit = suggest_limit(len);
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = suggest_distance(word, len, candidates[i], strlen(candidates[i]), limit);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}
