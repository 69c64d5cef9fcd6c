/* diff.h — semantic differences between two versions of a catalogue.
 *
 * Two checked models are compared entity by entity (matched by kind and
 * id, or as a rename when a removed and an added entity are evidently the
 * same) and field by field, driven by the schema tables: a list is
 * compared as a set (items and service levels by their id or metric, with
 * their blocks compared in turn), numbers by value (99.90% is 99.9%).
 * Every change carries a rule name and a level, as buf and oasdiff do;
 * docs/cli.md lists the rules.
 */
#ifndef SVCC_DIFF_H
#define SVCC_DIFF_H

#include <stdbool.h>
#include <stdio.h>

#include "compiler.h"

typedef enum DiffLevel { DIFF_INFO, DIFF_WARNING, DIFF_BREAKING } DiffLevel;

typedef enum DiffOp {
    DIFF_ADDED = '+',
    DIFF_REMOVED = '-',
    DIFF_CHANGED = '~',
    DIFF_RENAMED = '>',
} DiffOp;

typedef struct DiffChange {
    const char *rule;
    DiffLevel level;
    DiffOp op;
    DeclKind kind;
    const char *id;          /* the entity: its id in NEW (in OLD if removed) */
    const char *name;        /* its display name, or NULL */
    const char *field;       /* NULL: the entity itself; else "price",
                              * "action reset.response", … */
    const char *old_value;   /* as written, or NULL */
    const char *new_value;
    const char *note;        /* more detail, or NULL */
} DiffChange;

typedef struct Diff {
    DiffChange *changes;     /* grouped by entity, entities by kind and id */
    uint32_t count, cap;
    uint32_t added, removed, renamed, changed; /* entities */
    uint32_t levels[3];      /* changes per DiffLevel */
} Diff;

Diff *diff_models(Arena *a, const Model *old, const Model *new_);

const char *diff_level_name(DiffLevel level);

/* The report, in one of three forms; false if writing failed. */
/* COLOR: with terminal colours (svcc diff --color). */
bool diff_print_text(const Diff *d, const char *old_label, const char *new_label, bool color,
                     FILE *out);
bool diff_print_markdown(const Diff *d, const char *old_label, const char *new_label, FILE *out);
bool diff_print_json(Arena *a, const Diff *d, const char *old_label, const char *new_label, FILE *out);

#endif
