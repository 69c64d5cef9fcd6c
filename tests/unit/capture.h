/* capture.h — for unit tests: what a function writes to a FILE, as a
 * string (malloc'ed; free it).  Include after cmocka.h. */
#ifndef SVCC_TEST_CAPTURE_H
#define SVCC_TEST_CAPTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static char *capture(bool (*fn)(void *ctx, FILE *f), void *ctx)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_true(fn(ctx, f));
    long n = ftell(f);
    rewind(f);
    char *buf = calloc(1, (size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return buf;
}

#endif
