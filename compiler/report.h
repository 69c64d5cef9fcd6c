/* report.h — an assessment against a framework, as a document (svcc report).
 *
 * report_make reads a checked model into a Report: for each requirement of
 * the framework, in the order declared (clause order), where it stands —
 * the best status its practices' assessments give, else inferred through a
 * crosswalk, else not addressed — with those practices, their maturity,
 * evidence and actions, and the live services that rely on them; counts
 * per level (shall, should) and per group; and the weak spots (practices
 * without a manager, low maturity under a met status, live services no
 * practice supports, stale assessments, overdue actions).  The writers
 * print it as text, Markdown, HTML or JSON (schema/report.schema.json).  The
 * Report and what it points to live in the arena given; it points into
 * the model, which must outlive it.  Requirements that give their phase
 * of plan-do-check-act (`cycle`) are counted per phase as well.
 */
#ifndef SVCC_REPORT_H
#define SVCC_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "coverage.h"
#include "model.h"

typedef enum ReqStatus {
    RS_MET, RS_PARTIAL, RS_PLANNED, RS_GAP, RS_NOT_APPLICABLE,
    RS_ADDRESSED,   /* named by a practice, not assessed */
    RS_INFERRED,    /* named by none, inferred through a crosswalk */
    RS_UNADDRESSED,
    RS__N
} ReqStatus;

/* "met", "partial", "planned", "gap", "not_applicable", "addressed",
 * "inferred", "unaddressed". */
const char *report_status_name(ReqStatus s);

typedef struct ReportRow {
    const Entity *req;
    ReqStatus status;
    int maturity, target;   /* the highest its practices give, or -1 */
    const char *assessed;   /* the latest assessment's date, or NULL */
    uint32_t group;         /* index in Report.groups */
} ReportRow;

typedef struct ReportGroup {
    const char *name;       /* "" for requirements of no group */
    uint32_t counts[RS__N];
} ReportGroup;

typedef struct WeakSpot {
    const char *kind;       /* no-manager, low-maturity-met, unsupported-service,
                             * stale-assessment, overdue-action */
    const Entity *subject;  /* a practice, or a service */
    const Entity *req;      /* the requirement it concerns, or NULL */
    const char *detail;
} WeakSpot;

/* A change since the baseline (report_trend). */
typedef struct TrendChange {
    const char *change;     /* newly-met, lost, maturity-up, maturity-down, added, removed */
    const char *id, *clause, *title;
    ReqStatus was, now;     /* RS__N: not in that version */
    int maturity_was, maturity_now; /* or -1 */
} TrendChange;

typedef struct Report {
    const Model *m;
    const Coverage *cv;
    const Entity *framework;
    const char *date;       /* today, YYYY-MM-DD */
    ReportRow *rows;
    uint32_t nrows;
    uint32_t counts[2][RS__N]; /* [0] shall, [1] the others (should, or no level) */
    ReportGroup *groups;
    uint32_t ngroups;
    uint32_t cycle[4][RS__N]; /* per phase of plan-do-check-act (a requirement's `cycle`) */
    bool has_cycle;
    WeakSpot *weak;
    uint32_t nweak;
    /* Per service (graph_index) and per practice: the live services that
     * rely on each practice, chained (services_of). */
    uint32_t *first_service, *next_service;
    const Entity **service_of;
    uint32_t *stamp;        /* per service, to list each once per walk */
    uint32_t *walks;        /* how many walks there were: the next one's stamp */
    const char *against;    /* the baseline's name (report_trend), or NULL */
    TrendChange *trend;
    uint32_t ntrend;
} Report;

/* The report of FRAMEWORK (an entity of the model) as of day TODAY
 * (cal_today). */
Report *report_make(Arena *a, const Model *m, const Entity *framework, int64_t today);

/* What changed since OLD, an earlier version of the model (named LABEL):
 * each requirement of the framework (the one of the same id in OLD) newly
 * met, no longer met, at a higher or lower maturity, added or removed. */
void report_trend(Arena *a, Report *r, const Model *old, const char *label);

/* How many shall requirements stand at STATUS or worse: gap (gap, not
 * addressed, inferred only) or partial (those, and partial, planned,
 * addressed without an assessment): for --fail-on. */
uint32_t report_failing(const Report *r, ReqStatus worst_allowed);

bool report_write_text(Arena *a, const Report *r, FILE *out);
bool report_write_markdown(Arena *a, const Report *r, FILE *out);
bool report_write_json(Arena *a, const Report *r, FILE *out);
/* One self-contained HTML file: styles inline, no script, no resource
 * fetched; readable printed (@media print). */
bool report_write_html(Arena *a, const Report *r, FILE *out);

#endif
