/* output.h — output files, written atomically over regular files only.
 *
 * An Output writes to standard output ("-", no path, or /dev/stdout), or
 * to a temporary file beside the destination that output_finish() closes
 * and output_rename() renames over it — the last step of a run, after the
 * diagnostics are printed, so that nothing can fail after it.  A run that
 * fails calls output_abort(): the temporary file is removed and an earlier
 * output is left untouched, never truncated.
 *
 * Only a regular file (or a new name) is replaced: a symbolic link is
 * followed to the file it names, which is replaced; a device, FIFO or
 * socket, or a name under /dev or /proc, is written through, in place.  A
 * replaced file keeps its permission bits (never set-user-ID, set-group-ID
 * or sticky) and, where the process may set them, its owner and group.  A
 * folder, a read-only file and a file with other hard links (replacing it
 * would cut them off) are refused with a message.
 *
 * The temporary files, and any other paths given to temp_track(), are
 * removed if SIGINT, SIGTERM, SIGHUP or SIGPIPE ends the run: the first
 * call installs handlers that remove them and then die of the signal.  The
 * list is the process's own (signals are), in malloc'ed memory.
 */
#ifndef SVCC_OUTPUT_H
#define SVCC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct Output {
    FILE *fp;
    const char *path;      /* as given, for messages; NULL for standard output */
    char *dest;            /* the file replaced (links followed), malloc'ed */
    char *tmp;             /* the temporary file, malloc'ed; NULL when written through */
    size_t slot;           /* tmp's place among the tracked paths (temp_track) */
    bool no_sync;          /* output_finish does not sync: the caller syncs many files at
                            * once (output_sync_all) before renaming them */
} Output;

/* Open; on failure returns false with a message in ERRBUF (ERRLEN bytes). */
bool output_open(Output *o, const char *path, char *errbuf, size_t errlen);
/* Flush, sync and close the temporary file: where a full disk shows.  False
 * with a message on failure (the temporary file is removed then). */
bool output_finish(Output *o, char *errbuf, size_t errlen);
/* Sync the file system that holds finished file O (whose no_sync was
 * set) and every other file on it: one call for a folder of files, where a
 * sync per file costs more than writing them.  False with a message. */
bool output_sync_all(const Output *o, char *errbuf, size_t errlen);
/* Rename the finished file into place.  False with a message on failure. */
bool output_rename(Output *o, char *errbuf, size_t errlen);
void output_abort(Output *o);

/* Remove PATH (a file, or an empty folder) if a signal ends the run; tracked
 * paths are removed in the reverse of the order they were tracked in.  Its
 * place in the list goes to *SLOT (if not NULL), to forget it by.  False
 * if out of memory. */
bool temp_track(const char *path, size_t *slot);
/* Forget the path tracked at SLOT (it was renamed or removed): by its
 * place, not its name — a folder of files renamed in the order they were
 * written would look for each among all the others. */
void temp_untrack(size_t slot);
/* How many paths are tracked: a mark to remove back to. */
size_t temp_mark(void);
/* Remove every path tracked since MARK, the last first (a file unlinked, a
 * folder removed once emptied), and forget them. */
void temp_remove_since(size_t mark);

#endif
