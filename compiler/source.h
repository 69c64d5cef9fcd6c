/* source.h — the files of a compilation, spans, line maps, UTF-8.
 *
 * A Span is a half-open byte range [begin, end) in one file.  Byte offsets
 * are what every pass stores; lines and columns are computed only when a
 * diagnostic or an output needs them, through a line map (as jq's locfile
 * does), made when first needed and always before a file's text is
 * dropped.  Lines and columns count from 1; a column counts
 * Unicode characters (a tab is one), so it matches what editors show.
 */
#ifndef SVCC_SOURCE_H
#define SVCC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define SOURCE_MAX_BYTES ((size_t)1 << 30) /* 1 GiB: offsets stay in 32 bits */

typedef struct Span {
    uint32_t file;  /* index in the SourceSet */
    uint32_t begin; /* byte offset of the first byte */
    uint32_t end;   /* byte offset one past the last byte */
} Span;

typedef struct Source {
    uint32_t id;
    Arena *arena;         /* the compilation's, for the line map */
    const char *path;     /* as given (or "<stdin>"), used in diagnostics */
    const char *text;     /* the bytes, followed by two NUL bytes: as read and
                           * parsed, or, once dropped and read again for
                           * diagnostics, as the file is then; NULL while dropped */
    size_t len;           /* of the text parsed: spans index it */
    size_t text_len;      /* of `text` */
    /* The line map of the text parsed, made on first use and before the
     * text is dropped (source.c says how it is packed). */
    uint8_t *line_len;
    uint32_t *long_lens, *group_at, *group_long;
    uint8_t *wide;        /* bit per line: it holds a byte that is not ASCII */
    uint32_t nlines;
    bool has_bom;         /* the file starts with a UTF-8 byte-order mark */
    bool changed;         /* read again, the file was no longer the same */
    bool quote;           /* diagnostics may show its lines: a .svc file,
                           * standard input or text given in memory */

    /* A file read from disk drops its text once parsed (compiler.h): a
     * large catalogue's text then need not stay in memory beside its
     * model.  Standard input and text given in memory stay. */
    Arena own;            /* the text, so it can be freed */
    const char *reread;   /* the path it was read from, or NULL */
    long long size, mtime_s, mtime_ns; /* as read, to see it is the same */
} Source;

typedef struct SourceSet {
    Arena *arena;
    Source **files;
    uint32_t count, cap;
} SourceSet;

void source_set_init(SourceSet *set, Arena *arena);

/* Add a file from memory; the bytes are copied into the arena. */
Source *source_add(SourceSet *set, const char *path, const char *data, size_t len);

/* Read a file ("-" is standard input).  On failure returns NULL and sets
 * *err to a message (in the arena) naming the reason.  With SVC_ONLY (an
 * import: written by whoever wrote the catalogue) only a regular file whose
 * name ends in ".svc" outside /dev, /proc and /sys is read; anything else —
 * a FIFO, a device, a folder — is refused at once, without reading. */
Source *source_read(SourceSet *set, const char *path, bool svc_only, const char **err);

/* Whether PATH ends in ".svc". */
bool source_is_svc_name(const char *path);

/* Whether PATH is under /dev, /proc or /sys: the system's files, which
 * svcc never reads as a catalogue and never replaces as an output. */
bool path_is_system(const char *path);

Source *source_get(const SourceSet *set, uint32_t id);

/* Free every file's text (the SourceSet itself is in its arena). */
void source_set_free(SourceSet *set);

/* Free SRC's text, once its line map is made, if the file can be read
 * again; returns whether it can. */
bool source_drop(Source *src);

/* The text before the line OFFSET is on is read no more (the parser has
 * moved past it): its memory may go back to the system now, before the
 * file is dropped. */
void source_forget_before(Source *src, uint32_t offset);

/* SRC's text (TEXT_LEN bytes), read again if it was dropped — as the file
 * is now: if it is no longer the same, SRC->changed is set, and what
 * diagnostics show of it is what it holds now. */
const char *source_text(Source *src);

/* Make SRC's line map, if it has none yet.  The parser does before it
 * scans (the scanner writes into the text while it runs). */
void source_map_lines(Source *src);

/* Line and column (from 1) of a byte offset of the text parsed.  The line
 * comes from the line map, so it stays right if the file changed since;
 * so does the column on a line that was all ASCII (on another line it is
 * counted in the text as it is). */
void source_position(Source *src, uint32_t offset, uint32_t *line, uint32_t *col);

/* The line (from 1) of a byte offset of the text parsed, from the line map
 * alone. */
uint32_t source_line_number(Source *src, uint32_t offset);

/* The column (from 1) of OFFSET on the line starting at LINE_START, in
 * TEXT (SRC's text, or its copy the scanner reads). */
uint32_t source_column(const Source *src, const char *text, uint32_t line_start, uint32_t offset);

/* The bytes of line LINE (from 1), without its line terminator: those of
 * the text now (see source_text), up to its first line end. */
const char *source_line(Source *src, uint32_t line, size_t *len);

/* UTF-8 -------------------------------------------------------------- */

/* Decode one UTF-8 sequence at S (N bytes available).  Returns its length
 * and stores the code point, or returns 0 for an invalid sequence
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Encode CP into OUT (4 bytes at least); returns the length. */
int utf8_encode(uint32_t cp, char *out);

/* Columns a code point takes on a terminal: 0, 1 or 2. */
int utf8_display_width(uint32_t cp);

#endif
