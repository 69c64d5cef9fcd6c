/* arena.c — bump allocation in chunks; see arena.h for the ownership rule. */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_CHUNK (64 * 1024)
/* Once an arena holds this much, its chunks are huge pages: a large
 * catalogue's model is 200 MB, and faulting it in 4 KB pages was a fifth
 * of a check's time. */
#define ARENA_HUGE ((size_t)2 << 20)
#define ARENA_GROWN (4 * ARENA_HUGE)

/* Under AddressSanitizer every block is followed by a poisoned red zone
 * and free space stays poisoned, so that reading past a block is caught
 * even though blocks share a chunk (the sanitizer sees only the chunk). */
#ifdef ARENA_ASAN /* arena.h */
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE 16
#else
#define ARENA_REDZONE 0
#define ASAN_POISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#endif

struct ArenaChunk {
    ArenaChunk *next;
    size_t size;
    uint64_t serial;      /* chunks are numbered as they are obtained */
    bool single;          /* it holds one large block (arena_give_back) */
    size_t mapped;        /* bytes mapped with mmap, or 0: malloc'd */
    size_t discarded;     /* bytes from data given back by arena_discard */
    bool huge;            /* mapped in huge pages (advised) */
    char *data;           /* right after this header when malloc'd; else the mapping,
                           * so that a block of a power of two fills whole huge pages */
};

_Static_assert(sizeof(ArenaChunk) % 16 == 0, "a malloc'd chunk's data is aligned");

/* BYTES (a multiple of ARENA_HUGE) mapped at a huge page's boundary, in
 * huge pages where the system has them if HUGE; or NULL.  Mapped, not
 * malloc'd, so that freeing gives the memory back to the system at once (a
 * file's dropped text must not stay in the process beside the model). */
static void *map_huge(size_t bytes, bool huge)
{
    size_t span = bytes + ARENA_HUGE;
    char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uintptr_t at = ((uintptr_t)p + ARENA_HUGE - 1) & ~(uintptr_t)(ARENA_HUGE - 1);
    size_t head = at - (uintptr_t)p;
    if (head)
        munmap(p, head);
    munmap((char *)at + bytes, span - head - bytes);
    if (huge)
        (void)madvise((void *)at, bytes, MADV_HUGEPAGE); /* advice: failing is harmless */
    return (void *)at;
}

static void chunk_free(ArenaChunk *c)
{
    if (c->mapped)
        munmap(c->data, c->mapped);
    free(c);
}

void arena_init(Arena *a) { memset(a, 0, sizeof *a); }

void arena_on_oom(Arena *a, jmp_buf *where) { a->oom = where; }

ArenaStream *arena_stream_open(Arena *a)
{
    ArenaStream *s = ARENA_NEW(a, ArenaStream);
    s->f = open_memstream(&s->text, &s->len);
    if (!s->f)
        return NULL;
    s->next = a->streams;
    if (s->next)
        s->next->prev = &s->next;
    s->prev = &a->streams;
    a->streams = s;
    return s;
}

void arena_stream_free(ArenaStream *s)
{
    if (!s)
        return;
    fclose(s->f);
    free(s->text);
    *s->prev = s->next;
    if (s->next)
        s->next->prev = s->prev;
}

void arena_free(Arena *a)
{
    while (a->streams)
        arena_stream_free(a->streams);
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        chunk_free(c);
        c = next;
    }
    a->head = NULL;
    a->cur = a->end = NULL;
    a->total = 0;
}

void arena_out_of_memory(Arena *a)
{
    if (!a->oom && a->parent)
        a = a->parent;
    if (a->oom)
        longjmp(*a->oom, 1);
    fputs("svcc: out of memory\n", stderr);
    abort();
}

/* A chunk of SIZE bytes; HUGE: in huge pages, if it is that large. */
static ArenaChunk *arena_chunk(Arena *a, size_t size, bool huge)
{
    size_t mapped = 0;
    ArenaChunk *c;
    if (size >= ARENA_HUGE) { /* whole huge pages */
        mapped = (size + ARENA_HUGE - 1) & ~(ARENA_HUGE - 1);
        c = malloc(sizeof *c);
        char *data = c ? map_huge(mapped, huge) : NULL;
        if (!data) {
            free(c);
            arena_out_of_memory(a);
        }
        c->data = data;
        size = mapped;
    } else {
        c = malloc(sizeof *c + size);
        if (!c)
            arena_out_of_memory(a);
        c->data = (char *)(c + 1);
    }
    c->mapped = mapped;
    c->huge = mapped && huge;
    c->discarded = 0;
    ASAN_POISON_MEMORY_REGION(c->data, size);
    c->size = size;
    c->single = false;
    c->serial = a->serial++;
    a->total += size;
    if (a->total > a->peak)
        a->peak = a->total;
    return c;
}

ArenaMark arena_mark(const Arena *a) { return a->head ? a->head->serial : a->serial; }

void arena_release_before(Arena *a, ArenaMark mark)
{
    if (!a->head)
        return;
    ArenaChunk **link = &a->head->next; /* the head stays: allocation goes on in it */
    while (*link) {
        ArenaChunk *c = *link;
        if (c->serial < mark) {
            *link = c->next;
            a->total -= c->size;
            chunk_free(c);
        } else {
            link = &c->next;
        }
    }
}

void arena_reset(Arena *a)
{
    ArenaChunk *keep = a->head && a->head->size == ARENA_CHUNK ? a->head : NULL;
    ArenaChunk *c = keep ? keep->next : a->head;
    while (c) {
        ArenaChunk *next = c->next;
        chunk_free(c);
        c = next;
    }
    a->head = keep;
    if (keep) {
        keep->single = false; /* allocation goes on in it */
        ASAN_POISON_MEMORY_REGION(keep->data, keep->size);
    }
    a->total = keep ? keep->size : 0;
    a->cur = keep ? keep->data : NULL;
    a->end = keep ? keep->data + keep->size : NULL;
    if (keep)
        keep->next = NULL;
}

/* Room for N bytes (N rounded up, and the red zone).  A large block is a
 * chunk of its own if APART (an array that grows, given back when it
 * does), in huge pages if HUGE: not for an array that grows into it
 * (arena_grow), whose second half may never be touched — a huge page makes
 * the first touch resident 2 MB at a time.  Other large blocks, once the
 * arena is in huge pages, are cut from them like small ones: a chunk of
 * their own would be malloc'd, its pages faulted 4 KB at a time (the
 * whole-catalogue checks' graphs were 3,400 faults of a check at 100k). */
static void *arena_take(Arena *a, size_t n, bool huge, bool apart)
{
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (n == 0)
        n = ARENA_ALIGN;
    bool large = n > ARENA_CHUNK / 4;
    bool cut = !apart && a->total >= ARENA_GROWN && n <= ARENA_HUGE / 2;
    if ((size_t)(a->end - a->cur) >= n && !(large && apart)) {
        void *p = a->cur;
        a->cur += n;
        return p;
    }
    if (large && !cut) {
        /* A large block gets a chunk of its own, kept behind the head so
         * the head's free space is not wasted (arena_alloc bounds N). */
        ArenaChunk *c = arena_chunk(a, n, huge);
        c->single = true;
        if (a->head) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = NULL;
            a->head = c;
            a->cur = a->end = c->data + n;
        }
        return c->data;
    }
    ArenaChunk *c = arena_chunk(a, a->total >= ARENA_GROWN ? ARENA_HUGE : ARENA_CHUNK, true);
    c->next = a->head;
    a->head = c;
    a->cur = c->data + n;
    a->end = c->data + c->size;
    return c->data;
}

static void *alloc(Arena *a, size_t n, bool huge, bool apart)
{
    /* Fault injection: every allocation counts, as if each were a malloc. */
    Arena *count = a->parent ? a->parent : a;
    if (count->fail_after > 0 && --count->fail_after == 0)
        arena_out_of_memory(a);
    if (n > SIZE_MAX / 2)
        arena_out_of_memory(a);
    void *p = arena_take(a, n + ARENA_REDZONE, huge, apart);
    ASAN_UNPOISON_MEMORY_REGION(p, n);
    return p;
}

void *arena_alloc_slow(Arena *a, size_t n) { return alloc(a, n, true, false); }

void *arena_zalloc_apart(Arena *a, size_t n) { return memset(alloc(a, n, true, true), 0, n); }

void *arena_alloc_brief(Arena *a, size_t n) { return alloc(a, n, false, true); }

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_grow(Arena *a, void *items, uint32_t count, uint32_t *cap, size_t size, uint32_t min)
{
    if (count < *cap)
        return items;
    uint32_t n = *cap ? *cap * 2 : min;
    if (n <= *cap || (size_t)n > SIZE_MAX / size)
        arena_out_of_memory(a);
    void *grown = alloc(a, size * n, false, true);
    if (count)
        memcpy(grown, items, size * count);
    *cap = n;
    arena_give_back(a, items, size * count);
    return grown;
}

void arena_discard(Arena *a, const void *from, size_t len)
{
    const char *p = from;
    for (ArenaChunk *c = a->head; c; c = c->next) {
        if (!c->mapped || p < c->data || p + len > c->data + c->size)
            continue;
        if (!c->single) /* a chunk other blocks were cut from */
            return;
        /* Whole pages only, and only those not given back before.  In huge
         * pages, whole huge pages but in the last one: giving back part of
         * a huge page splits it, which costs as much as reading megabytes
         * (measured: a check 10% slower split every 256 KB), so it is done
         * once, at the end of the block, where the parser is last. */
        size_t off = (size_t)(p - c->data), end = off + len;
        size_t page = c->huge && end < c->size - ARENA_HUGE ? ARENA_HUGE : 4096;
        size_t b = (off + page - 1) & ~(page - 1), e = end & ~(page - 1);
        if (b < c->discarded)
            b = c->discarded;
        if (e > b) {
            (void)madvise(c->data + b, e - b, MADV_DONTNEED); /* advice: failing is harmless */
            c->discarded = e;
        }
        return;
    }
}

void arena_give_back(Arena *a, void *block, size_t size)
{
    if (!block || size <= ARENA_CHUNK / 4) /* not a chunk of its own */
        return;
    for (ArenaChunk **link = a->head ? &a->head->next : NULL; link && *link; link = &(*link)->next) {
        ArenaChunk *c = *link;
        if (c->single && (void *)c->data == block) {
            *link = c->next;
            a->total -= c->size;
            chunk_free(c);
            return;
        }
    }
}

void buf_init(Buf *b, Arena *a)
{
    b->arena = a;
    b->data = NULL;
    b->len = b->cap = 0;
}

static void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *d = arena_alloc(b->arena, cap);
    if (b->len)
        memcpy(d, b->data, b->len);
    b->data = d;
    b->cap = cap;
}

void buf_add(Buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void buf_addc(Buf *b, char c) { buf_add(b, &c, 1); }

void buf_adds(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }

char *buf_cstr(Buf *b)
{
    buf_reserve(b, 0);
    b->data[b->len] = '\0';
    return b->data;
}

/* Blocks that know their size, for libraries that realloc (flex, yajl). */
typedef struct SizedBlock {
    size_t size;
    _Alignas(8) char data[];
} SizedBlock;

void *arena_sized_alloc(Arena *a, size_t size)
{
    SizedBlock *b = arena_alloc(a, sizeof *b + size);
    b->size = size;
    return b->data;
}

void *arena_sized_realloc(Arena *a, void *ptr, size_t size)
{
    void *n = arena_sized_alloc(a, size);
    if (ptr) {
        SizedBlock *old = (SizedBlock *)(void *)((char *)ptr - offsetof(SizedBlock, data));
        memcpy(n, ptr, old->size < size ? old->size : size);
    }
    return n;
}
