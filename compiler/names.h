/* names.h — hash tables from texts to pointers: a compilation's files
 * (real path -> unit), texts kept once, and (IndexSet) its namespace, the
 * entities' indexes keyed by their ids.  Open addressing with linear
 * probing, FNV-1a; grows at three quarters full, so declaring and
 * resolving N names costs O(N).  The slots live in the table's arena. */
#ifndef SVCC_NAMES_H
#define SVCC_NAMES_H

#include <stdbool.h>
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

/* A set of indexes into an array of records that carry their own key (the
 * compilation's entities, Model.all, and their ids): a slot is the key's
 * hash and the index, 8 bytes where a NameTable's slot is 24 (a large
 * catalogue's namespace holds millions of names), and a table of a power
 * of two slots fills whole huge pages.  The set reads the key of record
 * INDEX with KEY(CTX, INDEX, &len). */
typedef const char *(*IndexKey)(const void *ctx, uint32_t index, uint32_t *len);

typedef struct IndexSlot {
    uint32_t hash;
    uint32_t index; /* plus one: 0 is an empty slot */
} IndexSlot;

typedef struct IndexSet {
    Arena *arena;
    IndexSlot *slots;
    uint32_t cap, count;
    IndexKey key;
    const void *ctx;
} IndexSet;

void index_set_init(IndexSet *t, Arena *arena, uint32_t expected, IndexKey key, const void *ctx);
/* Insert INDEX under KEY (LEN bytes); returns false, with the index
 * already there under KEY in *OLD, if there is one. */
bool index_set_insert(IndexSet *t, const char *key, uint32_t len, uint32_t index, uint32_t *old);
/* The index under KEY, in *INDEX; false if there is none. */
bool index_set_find(const IndexSet *t, const char *key, uint32_t len, uint32_t *index);
/* The slot a look-up of a key of hash HASH (names_hash) starts at, or
 * NULL: for a caller that prefetches it, then the record it holds, before
 * the look-ups themselves (index_set_find compares the key). */
static inline const IndexSlot *index_set_home(const IndexSet *t, uint32_t hash)
{
    return t->cap ? &t->slots[hash & (t->cap - 1)] : NULL;
}
/* Give T's slots back to its arena: T is empty from then on. */
void index_set_release(IndexSet *t);

#endif
