/* arena.h — one bump allocator per compilation.
 *
 * Ownership rule: what a compilation allocates lives in one of its arenas
 * (compiler.h has the table: the compilation's, a declaration's scratch,
 * a file's text) and is released with that arena, in one arena_free() or
 * arena_reset(); nothing is freed on its own but the large blocks of
 * tables and arrays that grow (arena_zalloc_apart, arena_grow), given back
 * when they are outgrown (arena_give_back).  The one thing malloc'd outside
 * it that it owns: memory streams (arena_stream_open), closed by their
 * user or, when a longjmp went past that, by arena_free.
 *
 * When the system runs out of memory the arena longjmps to the handler set
 * with arena_on_oom(); the driver (driver.h) and libsvcc turn that into a
 * clean "out of memory".  Callers therefore never check for NULL.
 */
#ifndef SVCC_ARENA_H
#define SVCC_ARENA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ARENA_ALIGN 8 /* enough for every type svcc allocates (no long double) */

typedef struct ArenaChunk ArenaChunk;
typedef struct ArenaStream ArenaStream;

/* Built with AddressSanitizer: blocks get red zones (arena.c). */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

typedef struct Arena {
    ArenaChunk *head;     /* newest chunk first */
    char *cur, *end;      /* free space in the head chunk */
    size_t total;         /* bytes obtained from the system */
    size_t peak;          /* the most `total` has been */
    jmp_buf *oom;         /* where to go when malloc fails; NULL: abort */
    long fail_after;      /* fault injection: fail the Nth allocation (0: never) */
    uint64_t serial;      /* of the next chunk */
    struct Arena *parent; /* or NULL: the arena whose oom handler and fault
                           * injection count this one uses too */
    ArenaStream *streams; /* open, closed by arena_free (arena_stream_open) */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
void arena_on_oom(Arena *a, jmp_buf *where);

/* Out of memory: to A's handler (or its parent's), else a message and
 * abort().  For memory the arena does not give — a stream that could not
 * grow — to fail the same way. */
_Noreturn void arena_out_of_memory(Arena *a);

/* Aligned, uninitialised.  Inline: a compilation makes millions of small
 * allocations (a check of 10,000 services 1.5 million), most of them
 * bumping a pointer; the rest — a new chunk, a large block, fault
 * injection, AddressSanitizer's red zones — is arena_alloc_slow's. */
void *arena_alloc_slow(Arena *a, size_t n);

static inline void *arena_alloc(Arena *a, size_t n)
{
#ifndef ARENA_ASAN
    size_t m = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1); /* 0 for 0, or a size that wraps: slow */
    const Arena *count = a->parent ? a->parent : a;
    if (m - 1 < (size_t)(a->end - a->cur) && !count->fail_after) {
        void *p = a->cur;
        a->cur += m;
        return p;
    }
#endif
    return arena_alloc_slow(a, n);
}

/* Zeroed; inline, so that zeroing a small struct of known size is a few
 * stores rather than a call to memset. */
static inline void *arena_zalloc(Arena *a, size_t n) { return memset(arena_alloc(a, n), 0, n); }

/* Zeroed, and when large (more than a quarter of a small chunk) a chunk of
 * its own, which arena_give_back can free: for tables that grow by
 * copying (the name tables). */
void *arena_zalloc_apart(Arena *a, size_t n);

/* Uninitialised, and when large a chunk of its own in small pages: for a
 * large block that lives a moment (a sort's keys), which huge pages would
 * make resident 2 MB at a time, at the peak. */
void *arena_alloc_brief(Arena *a, size_t n);

char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Blocks that remember their size, so that a library's realloc can be
 * served from the arena (flex's and yajl's allocators); freeing is a no-op. */
void *arena_sized_alloc(Arena *a, size_t size);
void *arena_sized_realloc(Arena *a, void *ptr, size_t size);

/* Room for one more element in an array of COUNT elements of SIZE bytes
 * with room for *CAP: returns ITEMS, or a copy twice as big (at least MIN)
 * when it is full, updating *CAP.  The old storage is given back
 * (arena_give_back): keep no pointer into it. */
void *arena_grow(Arena *a, void *items, uint32_t count, uint32_t *cap, size_t size, uint32_t min);

/* Free BLOCK, of SIZE bytes, now if it is a large block of its own chunk
 * (arena_grow's or arena_zalloc_apart's, more than a quarter of a small
 * chunk), else leave it: for arrays that grow by copying, so that the
 * copies left behind do not add up to the array again.  Nothing may point into BLOCK any more.  (The one exception
 * to "nothing is freed on its own"; a large block is looked for among the
 * arena's chunks, so this is for a few large blocks, never a small one.) */
void arena_give_back(Arena *a, void *block, size_t size);

/* The LEN bytes at FROM, part of a large block of A, are no longer read:
 * their whole pages go back to the system (they would read as zeros) —
 * whole huge pages where the block is in them, but in its last; FROM stays
 * the same from call to call, LEN grows, and what was given back is not
 * given again.  For
 * a file's text, given back as the parser moves past it; does nothing for
 * memory that is not a mapped chunk of A. */
void arena_discard(Arena *a, const void *from, size_t len);

/* A memory stream (open_memstream, malloc'd) that A — an arena freed whole,
 * never reset or released in part — closes and frees in arena_free if it
 * is still open then: for text built in memory by code
 * that allocates in A, and so may longjmp past the code that would close
 * it when A runs out.  Write to F; after an fflush, TEXT holds LEN bytes.
 * NULL if no stream could be opened. */
struct ArenaStream {
    FILE *f;
    char *text;
    size_t len;
    ArenaStream *next, **prev;
};
ArenaStream *arena_stream_open(Arena *a);

/* Close S and free its text, before A's end.  NULL is allowed. */
void arena_stream_free(ArenaStream *s);

/* Releasing part of an arena, for the syntax trees svcc reads one
 * declaration at a time (compiler.h): a mark stands for the chunks obtained
 * so far but the newest; arena_release_before() frees the chunks older than
 * MARK except the one allocation goes on in, arena_reset() everything but
 * that one.  Only for an arena whose older blocks nobody uses any more. */
typedef uint64_t ArenaMark;
ArenaMark arena_mark(const Arena *a);
void arena_release_before(Arena *a, ArenaMark mark);
void arena_reset(Arena *a);

#define ARENA_NEW(a, T) ((T *)arena_zalloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (n)))

/* A growable byte buffer inside an arena (old storage is simply left). */
typedef struct Buf {
    Arena *arena;
    char *data;
    size_t len, cap;
} Buf;

void buf_init(Buf *b, Arena *a);
void buf_add(Buf *b, const char *s, size_t n);
void buf_addc(Buf *b, char c);
void buf_adds(Buf *b, const char *s);
char *buf_cstr(Buf *b);                          /* NUL-terminated view */

#endif
