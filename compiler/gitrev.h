/* gitrev.h — a catalogue as it was in a git revision (--against).
 *
 * The .svc files of revision REV of the repository that holds a
 * catalogue's root file are written, as stored, into a temporary folder,
 * so that the old version's imports resolve as they did then; git runs
 * with everything that could start a program the repository names turned
 * off (pager, hooks, fsmonitor, filters).  Used by `svcc diff --against`
 * and `svcc report --against`.
 */
#ifndef SVCC_GITREV_H
#define SVCC_GITREV_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* The temporary tree: every path made is tracked (output.h), so that it
 * goes, the last first, when the run ends or a signal ends it. */
typedef struct GitTree {
    char dir[PATH_MAX];       /* the temporary folder; "" before it is made */
    size_t mark;              /* temp_mark() before it was made */
    bool failed;              /* out of memory tracking a path */
} GitTree;

/* Take revision REV of the repository holding NEW_ROOT into a temporary
 * folder (T); returns NEW_ROOT's counterpart there (static storage), or
 * NULL after a message on standard error (E0901, E0902).  NEW_ROOT must
 * be reached without a symbolic link: git runs only in the repository the
 * user named. */
char *gitrev_checkout(const char *rev, const char *new_root, GitTree *t);

/* Remove T's folder and everything in it; T can be used again. */
void gitrev_remove(GitTree *t);

#endif
