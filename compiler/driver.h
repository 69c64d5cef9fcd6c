/* driver.h — the one way a compilation runs.
 *
 * Every caller that compiles — the svcc program, svcc fmt and svcc diff,
 * libsvcc (svcc.h), the unit tests and the fuzz harnesses — goes through
 * drive(): it reads the root (a file, standard input or bytes in memory),
 * its imports, lowers and checks, under one out-of-memory guard and with
 * fault injection set in one place.  What it makes lives in the Compiler.
 */
#ifndef SVCC_DRIVER_H
#define SVCC_DRIVER_H

#include "compiler.h"

typedef enum DriveMode {
    DRIVE_CHECK,   /* the root and its imports, to a checked model */
    DRIVE_TREE,    /* the root alone, to its whole syntax tree (svcc fmt, --dump-ast) */
} DriveMode;

typedef struct DriveInput {
    DriveMode mode;
    const char *path;         /* the root file ("-": standard input), or NULL for: */
    const char *name;         /*   a root in memory: the name diagnostics give it, */
    const char *bytes;        /*   its bytes (copied), */
    size_t len;
    const char *dir;          /*   and the folder its relative imports are read from */
    LoadOptions load;
    long fail_alloc;          /* fault injection: fail this allocation (0: never) */
} DriveInput;

typedef enum DriveStatus {
    DRIVE_OK,         /* no error (warnings maybe) */
    DRIVE_ERRORS,     /* the input has errors: see c->diags */
    DRIVE_UNREADABLE, /* the root cannot be read (E0901 reported) */
    DRIVE_NOMEM,      /* out of memory: only compiler_free(c) is left to do */
} DriveStatus;

typedef struct DriveResult {
    DriveStatus status;
    Model *model;             /* DRIVE_CHECK, unless reading or parsing failed */
    AstFile *tree;            /* DRIVE_TREE */
    Source *root;             /* the root's source, once read */
} DriveResult;

/* Run IN on C, made with compiler_init() and not run before.  The
 * allocation count of fault injection goes on in c->arena.fail_after
 * (read it back to go on counting in another arena).  An out-of-memory
 * handler C's arena had is restored before returning. */
DriveResult drive(Compiler *c, const DriveInput *in);

#endif
