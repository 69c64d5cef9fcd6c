/* coverage.h — which practices address each requirement.
 *
 * Made once from a checked model (in an arena the caller gives), read by
 * the catalogue JSON (`satisfied_by`) and the assessment report: per
 * requirement, the practices whose `satisfies` names it, with their
 * assessment, and those inferred to address it through a crosswalk (a
 * practice that satisfies a requirement some crosswalk `maps` to it).
 * Each list is a chain of indexes, in the practices' order (sorted by id);
 * walking every list costs the size of the model, not more.
 */
#ifndef SVCC_COVERAGE_H
#define SVCC_COVERAGE_H

#include "arena.h"
#include "model.h"

typedef struct CoverLink {
    const Entity *practice; /* the practice (a crosswalk's pair: NULL) */
    const Val *v;           /* its `satisfies` value (a pair: the `maps` value) */
    uint32_t next;          /* the next for the same requirement, or COVER_END */
} CoverLink;

enum { COVER_END = UINT32_MAX };

typedef struct Coverage {
    uint32_t *first_direct, *first_mapped; /* per requirement (graph_index) */
    CoverLink *direct, *mapped;
    uint32_t *stamp;        /* per practice (graph_index), for cover_inferred */
} Coverage;

Coverage *coverage_new(Arena *a, const Model *m);

/* Walk the practices that name requirement R:
 *   for (uint32_t k = cv->first_direct[R->graph_index]; k != COVER_END; k = cv->direct[k].next) */

/* Call FN(CTX, practice, via) for each practice inferred to address R
 * through a crosswalk and not naming R itself; VIA is the requirement the
 * practice names.  Returns how many. */
uint32_t cover_inferred(const Coverage *cv, const Entity *r,
                        void (*fn)(void *ctx, const Entity *practice, const Entity *via), void *ctx);

#endif
