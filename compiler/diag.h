/* diag.h — diagnostics: collected during a compilation, printed at the end.
 *
 * Every pass reports through this one API: a diagnostic has a stable code
 * (diag_codes.def), a severity, a message, a primary span, and notes and
 * help lines, each note optionally with a span of its own.  The engine
 * applies -Werror / -Wno-CODE / -Werror=CODE when a diagnostic is made, and
 * renders the whole set, sorted by file and position, as GCC-style text,
 * JSON or SARIF.  Everything lives in the compilation's arena.
 */
#ifndef SVCC_DIAG_H
#define SVCC_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "source.h"

typedef enum Severity { SEV_NOTE, SEV_HELP, SEV_WARNING, SEV_ERROR } Severity;

typedef enum DiagCode {
#define DIAG(id, sev, summary) D_##id,
#include "diag_codes.def"
#undef DIAG
    D__COUNT
} DiagCode;

typedef struct DiagInfo {
    const char *id;       /* "E0101" */
    Severity severity;    /* default severity */
    const char *summary;  /* one line, for docs and machine formats */
} DiagInfo;

const DiagInfo *diag_info(DiagCode code);
bool diag_lookup(const char *id, DiagCode *out);

typedef struct DiagNote {
    struct DiagNote *next;
    Severity kind;        /* SEV_NOTE or SEV_HELP */
    bool has_span;
    Span span;
    const char *msg;
} DiagNote;

typedef struct Diag {
    struct Diag *next;
    DiagCode code;
    Severity severity;    /* after -W options */
    bool has_span;
    Span span;
    const char *msg;
    DiagNote *notes, **notes_tail;
    uint32_t seq;         /* order of reporting, to keep sorting stable */
} Diag;

/* A warning counted but not kept (DiagEngine.keep_warnings false): what
 * diag_filter needs to take it out again. */
typedef struct DiagMark {
    uint32_t code : 31;
    uint32_t has_span : 1;
    Span span;
} DiagMark;

typedef enum DiagFormat { DIAG_TEXT, DIAG_JSON, DIAG_SARIF } DiagFormat;

typedef struct DiagEngine {
    Arena *arena;
    SourceSet *sources;
    Diag *head, **tail;
    uint32_t count, errors, warnings;
    bool werror;                     /* -Werror */
    uint32_t max_errors;             /* errors kept; later ones are only counted (0: all) */
    uint32_t suppressed;             /* errors counted but not kept */
    unsigned char wstate[D__COUNT];  /* 0 default, 1 off, 2 error */
    Diag dropped;                    /* what a diagnostic not kept returns: notes
                                      * added to it are dropped too */
    bool keep_warnings;              /* false: a warning (after -W options) is
                                      * counted and marked, not kept — for a
                                      * run that will not show warnings */
    DiagMark *marks;                 /* those warnings, in order of report */
    uint32_t nmarks, cap_marks;
} DiagEngine;

void diag_init(DiagEngine *e, Arena *arena, SourceSet *sources);

/* Apply one -W option: "error", "no-CODE", "error=CODE".  Returns false if
 * the option or the code is unknown (only warnings can be changed). */
bool diag_option(DiagEngine *e, const char *opt);

/* Report.  The result is never NULL.  A diagnostic that will not be shown —
 * a silenced warning, an error past --max-errors (counted), a warning when
 * !keep_warnings (counted and marked) — is not kept: nothing is allocated,
 * not even its message, and the result is e->dropped, to which notes can be added without
 * checking (they are dropped).  Work done only for notes — a suggestion —
 * should be skipped when !diag_kept(). */
Diag *diag_at(DiagEngine *e, DiagCode code, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
Diag *diag_nowhere(DiagEngine *e, DiagCode code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_note(DiagEngine *e, Diag *d, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_note_nowhere(DiagEngine *e, Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_help(DiagEngine *e, Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Take out of E every diagnostic DROP says so of (counts follow): for
 * warnings accepted where they are (allow).  A marked warning is shown to
 * DROP as a Diag with its code, severity and span, and no message. */
void diag_filter(DiagEngine *e, bool (*drop)(void *ctx, const Diag *d), void *ctx);

/* Whether D will be shown: false for e->dropped. */
bool diag_kept(const DiagEngine *e, const Diag *d);

/* Extend the primary span of D to END (used to merge runs of bad bytes). */
void diag_extend(Diag *d, uint32_t end);

typedef struct DiagPrintOptions {
    DiagFormat format;
    bool color;
    bool quiet;           /* text: leave out warnings and the summary */
    const char *version;  /* SARIF: the tool's version */
} DiagPrintOptions;

/* The diagnostics kept (e->count of them), sorted by file, position and
 * order of report, in a new array in the arena. */
Diag **diag_sorted(DiagEngine *e);

/* Print every diagnostic, sorted by file, position and order of report. */
void diag_print(DiagEngine *e, FILE *out, const DiagPrintOptions *opt);

/* Render the source excerpt of a span (the line and the caret line) into
 * a buffer: exposed for unit tests of caret placement. */
char *diag_render_excerpt(DiagEngine *e, Span span, int gutter, bool color);

#endif
