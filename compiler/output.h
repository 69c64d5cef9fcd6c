/* output.h — output files written atomically.
 *
 * An Output writes to standard output ("-" or no path), or to a temporary
 * file in the destination's folder that output_finish() closes and
 * output_rename() renames over the destination — the last step of a run,
 * after the diagnostics are printed, so that nothing can fail after it.  A run that fails calls output_abort(): the temporary file
 * is removed and an earlier output is left untouched, never truncated.
 * A file that is replaced keeps its permission bits.
 */
#ifndef SVCC_OUTPUT_H
#define SVCC_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

typedef struct Output {
    FILE *fp;
    const char *path;      /* destination, or NULL for standard output */
    char *tmp;             /* the temporary file, malloc'ed */
} Output;

/* Open; on failure returns false with a message in ERR (static or in
 * ERRBUF of ERRLEN bytes). */
bool output_open(Output *o, const char *path, char *errbuf, size_t errlen);
/* Flush, sync and close the temporary file: where a full disk shows.  False
 * with a message on failure (the temporary file is removed then). */
bool output_finish(Output *o, char *errbuf, size_t errlen);
/* Rename the finished file into place.  False with a message on failure. */
bool output_rename(Output *o, char *errbuf, size_t errlen);
void output_abort(Output *o);

#endif
