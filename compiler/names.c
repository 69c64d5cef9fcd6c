/* names.c — the namespace hash table. */
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

void names_init(NameTable *t, Arena *arena, uint32_t expected)
{
    uint32_t cap = 16; /* at most three quarters full (names_insert) */
    while (cap < expected + expected / 2)
        cap *= 2;
    t->arena = arena;
    t->cap = cap;
    t->count = 0;
    t->slots = arena_zalloc(arena, sizeof(NameSlot) * cap);
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
    NameSlot *slots = arena_zalloc(t->arena, sizeof(NameSlot) * cap);
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
