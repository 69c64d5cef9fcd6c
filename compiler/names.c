/* names.c — hash tables keyed by texts (names.h). */
#include "names.h"

#include <string.h>

uint32_t names_hash(const char *key, uint32_t len)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 16777619u;
    }
    return h;
}

/* Slots for EXPECTED keys: a power of two, so that a table stays at most
 * three quarters full until it grows. */
static uint32_t table_cap(uint32_t expected)
{
    uint32_t cap = 16;
    while (cap < expected + expected / 2)
        cap *= 2;
    return cap;
}

void names_init(NameTable *t, Arena *arena, uint32_t expected)
{
    uint32_t cap = table_cap(expected);
    t->arena = arena;
    t->cap = cap;
    t->count = 0;
    t->slots = arena_zalloc_apart(arena, sizeof(NameSlot) * cap);
}

static NameSlot *names_slot(NameSlot *slots, uint32_t cap, const char *key, uint32_t len,
                            uint32_t hash)
{
    uint32_t i = hash & (cap - 1);
    for (;;) {
        NameSlot *s = &slots[i];
        if (!s->key || (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
        i = (i + 1) & (cap - 1);
    }
}

static void names_grow(NameTable *t)
{
    uint32_t cap = t->cap * 2;
    NameSlot *slots = arena_zalloc_apart(t->arena, sizeof(NameSlot) * cap);
    for (uint32_t i = 0; i < t->cap; i++) {
        NameSlot *s = &t->slots[i];
        if (s->key)
            *names_slot(slots, cap, s->key, s->len, s->hash) = *s;
    }
    arena_give_back(t->arena, t->slots, sizeof(NameSlot) * t->cap);
    t->slots = slots;
    t->cap = cap;
}

void *names_insert(NameTable *t, const char *key, uint32_t len, void *value)
{
    if ((t->count + 1) * 4 > t->cap * 3)
        names_grow(t);
    uint32_t h = names_hash(key, len);
    NameSlot *s = names_slot(t->slots, t->cap, key, len, h);
    if (s->key)
        return s->value;
    s->key = key;
    s->len = len;
    s->hash = h;
    s->value = value;
    t->count++;
    return NULL;
}

void *names_find(const NameTable *t, const char *key, uint32_t len)
{
    NameSlot *s = names_slot(t->slots, t->cap, key, len, names_hash(key, len));
    return s->key ? s->value : NULL;
}

const char *names_intern(NameTable *t, Arena *a, const char *text, uint32_t len)
{
    const char *s = names_find(t, text, len);
    if (!s) {
        s = arena_strndup(a, text, len);
        names_insert(t, s, len, (void *)s);
    }
    return s;
}

/* Index sets ------------------------------------------------------------- */

void index_set_init(IndexSet *t, Arena *arena, uint32_t expected, IndexKey key, const void *ctx)
{
    uint32_t cap = table_cap(expected);
    t->arena = arena;
    t->cap = cap;
    t->count = 0;
    t->key = key;
    t->ctx = ctx;
    t->slots = arena_zalloc_apart(arena, sizeof(IndexSlot) * cap);
}

/* The slot of KEY (LEN bytes, hash HASH) in T, or the empty slot where it
 * would go. */
static IndexSlot *index_slot(const IndexSet *t, const char *key, uint32_t len, uint32_t hash)
{
    uint32_t i = hash & (t->cap - 1);
    for (;;) {
        IndexSlot *s = &t->slots[i];
        if (!s->index)
            return s;
        if (s->hash == hash) {
            uint32_t n;
            const char *k = t->key(t->ctx, s->index - 1, &n);
            if (n == len && memcmp(k, key, len) == 0)
                return s;
        }
        i = (i + 1) & (t->cap - 1);
    }
}

static void index_set_grow(IndexSet *t)
{
    uint32_t cap = t->cap * 2;
    IndexSlot *slots = arena_zalloc_apart(t->arena, sizeof(IndexSlot) * cap);
    for (uint32_t i = 0; i < t->cap; i++) {
        const IndexSlot *s = &t->slots[i];
        if (!s->index)
            continue;
        uint32_t j = s->hash & (cap - 1); /* keys are distinct: the first empty slot */
        while (slots[j].index)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    arena_give_back(t->arena, t->slots, sizeof(IndexSlot) * t->cap);
    t->slots = slots;
    t->cap = cap;
}

bool index_set_insert(IndexSet *t, const char *key, uint32_t len, uint32_t index, uint32_t *old)
{
    if ((t->count + 1) * 4 > t->cap * 3)
        index_set_grow(t);
    uint32_t h = names_hash(key, len);
    IndexSlot *s = index_slot(t, key, len, h);
    if (s->index) {
        *old = s->index - 1;
        return false;
    }
    s->hash = h;
    s->index = index + 1;
    t->count++;
    return true;
}

bool index_set_find(const IndexSet *t, const char *key, uint32_t len, uint32_t *index)
{
    if (!t->cap)
        return false;
    const IndexSlot *s = index_slot(t, key, len, names_hash(key, len));
    *index = s->index - 1;
    return s->index != 0;
}

void index_set_release(IndexSet *t)
{
    arena_give_back(t->arena, t->slots, sizeof(IndexSlot) * t->cap);
    t->slots = NULL;
    t->cap = t->count = 0;
}
