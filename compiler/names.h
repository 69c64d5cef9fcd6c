/* names.h — hash tables from texts to pointers: a compilation's namespace
 * (qualified id -> entity), its files (real path -> unit), texts kept
 * once.  Open addressing with linear probing, FNV-1a; grows at three
 * quarters full, so declaring and resolving N names costs O(N).  The
 * slots live in the table's arena. */
#ifndef SVCC_NAMES_H
#define SVCC_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct NameSlot {
    const char *key;
    uint32_t len;
    uint32_t hash;
    void *value;
} NameSlot;

typedef struct NameTable {
    Arena *arena;
    NameSlot *slots;
    uint32_t cap, count;
} NameTable;

void names_init(NameTable *t, Arena *arena, uint32_t expected);
/* Insert KEY; returns the value already there (and inserts nothing), or
 * NULL after inserting VALUE.  KEY must outlive the table. */
void *names_insert(NameTable *t, const char *key, uint32_t len, void *value);
void *names_find(const NameTable *t, const char *key, uint32_t len);
uint32_t names_hash(const char *key, uint32_t len);

/* TEXT kept once: the copy in A that T holds for it, made on first use
 * (names many declarations repeat: references, 'from'). */
const char *names_intern(NameTable *t, Arena *a, const char *text, uint32_t len);

#endif
