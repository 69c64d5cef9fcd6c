/* cmd_lsp.c — svcc lsp: a Language Server Protocol (3.17) server on
 * standard input and output, on libsvcc (svcc.h) and, for what the
 * public API does not say (each kind's fields, for completion and hover),
 * the schema tables (schema.h).  docs/editors.md says what it does.
 *
 * In order: reading and writing messages, documents, positions, the
 * compilation's files, finding the catalogue, compiling and publishing
 * diagnostics, the entity at a position, then one section per feature
 * (definition, references, hover, symbols, formatting, rename, code
 * actions, completion), and the loop.
 *
 * Messages are JSON-RPC 2.0, each after a Content-Length header, read with
 * yajl's tree parser and written with yajl_gen.  The server keeps the
 * documents the editor opened (their text, changed by incremental edits)
 * and compiles the catalogue a document belongs to: its root file, the
 * one the client names (initializationOptions.root) or else the nearest
 * .svc file with a `catalogue` declaration, in the document's folder or
 * above; a document under no catalogue is checked on its own, as a
 * library.  Every open document's text is read in place of its file
 * (svcc_set_overlay).  A compilation runs once the edits pause
 * (LSP_DEBOUNCE_MS) or when a request needs one; its diagnostics are
 * published for each file they are in, and cleared for the files that had
 * some before, so that an id renamed in one file shows the references it
 * broke in another.
 *
 * Positions: LSP counts lines from 0 and characters in UTF-16 code units
 * (or bytes, when the client takes UTF-8: positionEncoding); svcc counts
 * lines from 1 and columns in characters.  A conversion reads the line.
 */
#define _GNU_SOURCE /* memrchr */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <strings.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "ast.h"
#include "cli.h"
#include "escape.h"
#include "schema.h"
#include "svcc.h"

#define LSP_MAX_MESSAGE ((size_t)64 << 20) /* bytes of one message's body */
#define LSP_DEBOUNCE_MS 150
#define LSP_MAX_DOCS 4096

enum { /* JSON-RPC and LSP error codes */
    ERR_PARSE = -32700,
    ERR_INVALID_REQUEST = -32600,
    ERR_METHOD = -32601,
    ERR_PARAMS = -32602,
    ERR_NOT_INITIALIZED = -32002,
    ERR_INVALID_AFTER_SHUTDOWN = -32600,
};

typedef struct LspDoc {
    char *uri;
    char *path;      /* the file's path, from a file: URI */
    char *real;      /* its real path (doc_locate); NULL while the file is
                      * not on disk */
    char *text;
    size_t len, cap;
    int64_t version;
} LspDoc;

/* A file's text as a compilation read it, for positions: an open
 * document's, else what is on disk (read once per compilation). */
typedef struct FileText {
    char *path;
    char *text; /* owned, or NULL: borrowed from an open document */
    const char *view;
    size_t len;
    size_t *starts; /* each line's offset, made on first use (file_line) */
    size_t nlines;
} FileText;

/* A file that has diagnostics on the client, and the root of the
 * compilation that gave them (another root's compilation leaves them). */
typedef struct Published {
    char *uri, *root;
} Published;

typedef struct Lsp {
    int in;                      /* the input's descriptor, read through buf */
    char buf[65536];
    size_t at, end;
    bool eof;
    FILE *out;
    LspDoc *docs;
    size_t ndocs;
    bool utf8;                   /* positions count bytes, not UTF-16 units */
    bool initialized, shutdown;
    char *root_cfg;              /* initializationOptions.root, or NULL */
    char **includes;             /* initializationOptions.includeDirs */
    size_t nincludes;
    const char *stdlib;
    svcc *c;                     /* the last compilation, or NULL */
    svcc *good;                  /* the last one that made a model (C or an older one):
                                  * the ids completion offers while the text has
                                  * syntax errors */
    char *c_root;                /* its root's path (NULL: C checked c_lib alone) */
    char *c_lib;
    FileText *files;             /* the files of C, as it read them */
    size_t nfiles;
    bool dirty;                  /* an edit since C */
    struct timespec edited;
    Published *published;        /* files given diagnostics, by the compilation of their root */
    size_t npublished;
    char *docs_base;             /* the docs' base URL ("…/"), or NULL: no links */
} Lsp;

/* Memory ----------------------------------------------------------------- */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("svcc lsp: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("svcc lsp: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

/* Reading messages ------------------------------------------------------- */

/* Whether input is there within MS milliseconds (-1: wait). */
static bool input_within(Lsp *l, int ms)
{
    if (l->at < l->end || l->eof)
        return true;
    struct pollfd p = {l->in, POLLIN, 0};
    int r;
    while ((r = poll(&p, 1, ms)) < 0 && errno == EINTR)
        ;
    return r != 0;
}

static int next_byte(Lsp *l)
{
    if (l->at == l->end) {
        if (l->eof)
            return -1;
        ssize_t n;
        while ((n = read(l->in, l->buf, sizeof l->buf)) < 0 && errno == EINTR)
            ;
        if (n <= 0) {
            l->eof = true;
            return -1;
        }
        l->at = 0;
        l->end = (size_t)n;
    }
    return (unsigned char)l->buf[l->at++];
}

/* One header line, without its CRLF, into LINE (truncated to N-1 bytes);
 * false at the end of the input. */
static bool header_line(Lsp *l, char *line, size_t n)
{
    size_t k = 0;
    for (;;) {
        int ch = next_byte(l);
        if (ch < 0)
            return false;
        if (ch == '\n')
            break;
        if (k + 1 < n)
            line[k++] = (char)ch;
    }
    if (k && line[k - 1] == '\r')
        k--;
    line[k] = '\0';
    return true;
}

/* The next message's body (NUL-terminated, the caller's to free) in
 * *BODY; returns false at the end of the input.  A message without a
 * length, or longer than LSP_MAX_MESSAGE, is skipped: *BODY is NULL and
 * *TOO_LARGE says which. */
static bool read_message(Lsp *l, char **body, size_t *len, bool *too_large)
{
    char line[256];
    long long length = -1;
    *body = NULL;
    *too_large = false;
    for (;;) {
        if (!header_line(l, line, sizeof line))
            return false;
        if (!line[0])
            break;
        if (strncasecmp(line, "Content-Length:", 15) == 0) {
            char *end;
            errno = 0;
            long long v = strtoll(line + 15, &end, 10);
            while (*end == ' ' || *end == '\t')
                end++;
            length = errno || *end || v < 0 ? -1 : v;
        }
    }
    if (length < 0)
        return true;
    if ((unsigned long long)length > LSP_MAX_MESSAGE) {
        *too_large = true;
        for (long long i = 0; i < length; i++)
            if (next_byte(l) < 0)
                return false;
        return true;
    }
    char *b = xmalloc((size_t)length + 1);
    for (long long i = 0; i < length; i++) {
        int ch = next_byte(l);
        if (ch < 0) {
            free(b);
            return false;
        }
        b[i] = (char)ch;
    }
    b[length] = '\0';
    *body = b;
    *len = (size_t)length;
    return true;
}

/* JSON in ---------------------------------------------------------------- */

static yajl_val get(yajl_val v, const char *key)
{
    if (!YAJL_IS_OBJECT(v))
        return NULL;
    for (size_t i = 0; i < v->u.object.len; i++)
        if (strcmp(v->u.object.keys[i], key) == 0)
            return v->u.object.values[i];
    return NULL;
}

static const char *get_str(yajl_val v, const char *key)
{
    yajl_val s = get(v, key);
    return YAJL_IS_STRING(s) ? s->u.string : NULL;
}

/* An integer member, or DEF. */
static long long get_int(yajl_val v, const char *key, long long def)
{
    yajl_val n = get(v, key);
    return YAJL_IS_INTEGER(n) ? YAJL_GET_INTEGER(n) : def;
}

/* JSON out --------------------------------------------------------------- */

typedef struct Out {
    yajl_gen g;
} Out;

static void key(Out *o, const char *k) { yajl_gen_string(o->g, (const unsigned char *)k, strlen(k)); }
static void str(Out *o, const char *s) { yajl_gen_string(o->g, (const unsigned char *)s, strlen(s)); }
static void strn(Out *o, const char *s, size_t n) { yajl_gen_string(o->g, (const unsigned char *)s, n); }
static void num(Out *o, long long n) { yajl_gen_integer(o->g, n); }
static void kv(Out *o, const char *k, const char *s)
{
    key(o, k);
    str(o, s);
}

static void open_out(Out *o)
{
    o->g = yajl_gen_alloc(NULL);
    if (!o->g) {
        fputs("svcc lsp: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    yajl_gen_config(o->g, yajl_gen_validate_utf8, 0);
    yajl_gen_map_open(o->g);
    kv(o, "jsonrpc", "2.0");
}

/* The message O holds, sent with its header. */
static void send_out(Lsp *l, Out *o)
{
    yajl_gen_map_close(o->g);
    const unsigned char *b;
    size_t n;
    yajl_gen_get_buf(o->g, &b, &n);
    fprintf(l->out, "Content-Length: %zu\r\n\r\n", n);
    fwrite(b, 1, n, l->out);
    fflush(l->out);
    yajl_gen_free(o->g);
}

/* A response's start: its id (copied as sent: a number or a string). */
static void response(Out *o, yajl_val id)
{
    open_out(o);
    key(o, "id");
    if (YAJL_IS_INTEGER(id))
        num(o, YAJL_GET_INTEGER(id));
    else if (YAJL_IS_STRING(id))
        str(o, id->u.string);
    else
        yajl_gen_null(o->g);
}

/* A response's start, up to its result's value. */
static void result(Out *o, yajl_val id)
{
    response(o, id);
    key(o, "result");
}

static void reply_error(Lsp *l, yajl_val id, int code, const char *message)
{
    Out o;
    response(&o, id);
    key(&o, "error");
    yajl_gen_map_open(o.g);
    key(&o, "code");
    num(&o, code);
    kv(&o, "message", message);
    yajl_gen_map_close(o.g);
    send_out(l, &o);
}

static void reply_null(Lsp *l, yajl_val id)
{
    Out o;
    result(&o, id);
    yajl_gen_null(o.g);
    send_out(l, &o);
}

static void notification(Out *o, const char *method)
{
    open_out(o);
    kv(o, "method", method);
    key(o, "params");
}

/* Paths and URIs ------------------------------------------------------------ */

static int hex(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path of a file: URI, or NULL for another scheme or a bad escape. */
static char *uri_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (*p != '/') { /* file://host/path: only the local host */
        if (strncmp(p, "localhost/", 10) != 0)
            return NULL;
        p += 9;
    }
    size_t n = strlen(p);
    char *out = xmalloc(n + 1), *w = out;
    for (; *p; p++) {
        if (*p == '%') {
            int a = hex(p[1]), b = a < 0 ? -1 : hex(p[2]);
            if (b < 0 || (a == 0 && b == 0)) {
                free(out);
                return NULL;
            }
            *w++ = (char)(a * 16 + b);
            p += 2;
        } else if (*p == '?' || *p == '#') {
            break;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
    return out;
}

/* The file: URI of an absolute PATH. */
static char *path_uri(const char *path)
{
    size_t n = strlen(path);
    char *out = xmalloc(7 + 3 * n + 1), *w = out;
    memcpy(w, "file://", 7);
    w += 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            *w++ = (char)*p;
        else
            w += sprintf(w, "%%%02X", *p);
    }
    *w = '\0';
    return out;
}

/* Documents ------------------------------------------------------------------ */

static LspDoc *find_doc(Lsp *l, const char *uri)
{
    for (size_t i = 0; uri && i < l->ndocs; i++)
        if (strcmp(l->docs[i].uri, uri) == 0)
            return &l->docs[i];
    return NULL;
}

/* The open document of the file REAL (a real path), or NULL. */
static LspDoc *doc_of_path(Lsp *l, const char *real)
{
    for (size_t i = 0; i < l->ndocs; i++)
        if (l->docs[i].real && strcmp(l->docs[i].real, real) == 0)
            return &l->docs[i];
    return NULL;
}

/* D's real path, again: when opened, when saved, and before a compilation
 * while it has none (a new file is on disk from then on). */
static void doc_locate(LspDoc *d)
{
    free(d->real);
    d->real = realpath(d->path, NULL);
}

/* The document a request's params.textDocument.uri names, or NULL after
 * replying with an error. */
static LspDoc *request_doc(Lsp *l, yajl_val id, yajl_val params)
{
    const char *uri = get_str(get(params, "textDocument"), "uri");
    LspDoc *d = find_doc(l, uri);
    if (!d) {
        char msg[512];
        snprintf(msg, sizeof msg, "unknown document '%s': open it first (textDocument/didOpen)",
                 uri ? uri : "(none)");
        reply_error(l, id, ERR_PARAMS, msg);
    }
    return d;
}

static void doc_set(LspDoc *d, const char *text, size_t len)
{
    if (len + 1 > d->cap) {
        d->cap = len + 1 + len / 2;
        d->text = xrealloc(d->text, d->cap);
    }
    memcpy(d->text, text, len);
    d->len = len;
    d->text[len] = '\0';
}

/* D was edited: it goes last (last_doc: the catalogue checked next is
 * its), and a compilation is due.  Returns where D is now. */
static LspDoc *touch(Lsp *l, LspDoc *d)
{
    LspDoc *last = &l->docs[l->ndocs - 1];
    if (d != last) {
        LspDoc t = *d;
        *d = *last;
        *last = t;
    }
    l->dirty = true;
    clock_gettime(CLOCK_MONOTONIC, &l->edited);
    return last;
}

/* Positions ---------------------------------------------------------------- */

/* The byte offset in TEXT of the start of line LINE (from 0), or LEN. */
static size_t line_start(const char *text, size_t len, size_t line)
{
    size_t at = 0;
    while (line > 0) {
        const char *nl = memchr(text + at, '\n', len - at);
        if (!nl)
            return len;
        at = (size_t)(nl - text) + 1;
        line--;
    }
    return at;
}

static size_t line_end(const char *text, size_t len, size_t at)
{
    const char *nl = memchr(text + at, '\n', len - at);
    size_t e = nl ? (size_t)(nl - text) : len;
    if (e > at && text[e - 1] == '\r')
        e--;
    return e;
}

/* Length of the UTF-8 sequence starting with byte B (1 for a stray byte). */
static int seq_len(unsigned char b) { return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

/* What a character of N bytes counts as in the client's positions: its
 * bytes (UTF-8), or UTF-16 code units (two for one outside the BMP). */
static size_t char_units(const Lsp *l, int n) { return l->utf8 ? (size_t)n : n == 4 ? 2 : 1; }

/* The client's count of TEXT's characters from FROM to TO. */
static size_t units_between(const Lsp *l, const char *text, size_t from, size_t to)
{
    size_t units = 0;
    for (size_t i = from; i < to; i += (size_t)seq_len((unsigned char)text[i]))
        units += char_units(l, seq_len((unsigned char)text[i]));
    return units;
}

/* The byte offset in TEXT of position (LINE, CH) as the client counts. */
static size_t offset_of(const Lsp *l, const char *text, size_t len, size_t line, size_t ch)
{
    size_t at = line_start(text, len, line), end = line_end(text, len, at);
    while (at < end && ch > 0) {
        int n = seq_len((unsigned char)text[at]);
        if (at + (size_t)n > end)
            n = (int)(end - at);
        size_t units = char_units(l, n);
        if (units > ch)
            break;
        ch -= units;
        at += (size_t)n;
    }
    return at;
}

/* The client's character count of the first COLS characters of line
 * LINE (from 1) of TEXT (svcc's column COLS + 1), at most the line's. */
static size_t units_from(const Lsp *l, const char *text, size_t len, size_t at, unsigned cols)
{
    size_t end = line_end(text, len, at), units = 0;
    while (at < end && cols > 0) {
        int n = seq_len((unsigned char)text[at]);
        units += char_units(l, n);
        at += (size_t)n;
        cols--;
    }
    return units;
}

static size_t client_units(const Lsp *l, const char *text, size_t len, unsigned line, unsigned cols)
{
    return text ? units_from(l, text, len, line_start(text, len, line ? line - 1 : 0), cols) : cols;
}

/* The compilation's files --------------------------------------------------- */

static void drop_files(Lsp *l)
{
    for (size_t i = 0; i < l->nfiles; i++) {
        free(l->files[i].path);
        free(l->files[i].text);
        free(l->files[i].starts);
    }
    free(l->files);
    l->files = NULL;
    l->nfiles = 0;
}

/* The real path of the file a location names (as svcc_file_name gives
 * it), or NULL. */
static const char *real_of(const Lsp *l, const char *file)
{
    size_t n = l->c ? svcc_file_count(l->c) : 0;
    for (size_t i = 0; i < n; i++)
        if (svcc_file_name(l->c, i) == file)
            return svcc_file_real_path(l->c, i);
    for (size_t i = 0; file && i < n; i++)
        if (strcmp(svcc_file_name(l->c, i), file) == 0)
            return svcc_file_real_path(l->c, i);
    return NULL;
}

/* The bytes of the file PATH, NUL-terminated (the caller's to free), *LEN
 * of them; NULL (and 0) if it cannot be read. */
static char *read_file(const char *path, size_t *len)
{
    *len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *text = xmalloc(1), chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        text = xrealloc(text, *len + n + 1);
        memcpy(text + *len, chunk, n);
        *len += n;
    }
    fclose(fp);
    text[*len] = '\0';
    return text;
}

/* The offset of line LINE (from 1) of F's text, or its length. */
static size_t file_line(FileText *f, unsigned line)
{
    if (!f->starts) {
        size_t n = 1;
        for (size_t i = 0; i < f->len; i++)
            n += f->view[i] == '\n';
        f->starts = xmalloc(n * sizeof *f->starts);
        f->starts[0] = 0;
        f->nlines = 1;
        for (size_t i = 0; i < f->len; i++)
            if (f->view[i] == '\n')
                f->starts[f->nlines++] = i + 1;
    }
    return line >= 1 && line <= f->nlines ? f->starts[line - 1] : f->len;
}

/* REAL's text as the compilation read it (read from disk on first use). */
static FileText *file_text(Lsp *l, const char *real)
{
    for (size_t i = 0; i < l->nfiles; i++)
        if (strcmp(l->files[i].path, real) == 0)
            return &l->files[i];
    l->files = xrealloc(l->files, (l->nfiles + 1) * sizeof *l->files);
    FileText *f = &l->files[l->nfiles++];
    memset(f, 0, sizeof *f);
    f->path = xstrdup(real);
    const LspDoc *d = doc_of_path(l, real);
    if (d) {
        f->view = d->text;
        f->len = d->len;
        return f;
    }
    f->text = read_file(real, &f->len);
    f->view = f->text;
    return f;
}

/* A Position under KEY: LINE (from 0), CH in the client's units. */
static void position(Out *o, const char *k, size_t line, size_t ch)
{
    key(o, k);
    yajl_gen_map_open(o->g);
    key(o, "line");
    num(o, (long long)line);
    key(o, "character");
    num(o, (long long)ch);
    yajl_gen_map_close(o->g);
}

/* A range of the client's, in its units. */
typedef struct Span2 {
    size_t sl, sc, el, ec;
} Span2;

/* The range R as the client sent it. */
static Span2 span_of(yajl_val r)
{
    yajl_val s = get(r, "start"), e = get(r, "end");
    return (Span2){(size_t)get_int(s, "line", 0), (size_t)get_int(s, "character", 0), (size_t)get_int(e, "line", 0),
                   (size_t)get_int(e, "character", 0)};
}

static void put_range(Out *o, Span2 r)
{
    key(o, "range");
    yajl_gen_map_open(o->g);
    position(o, "start", r.sl, r.sc);
    position(o, "end", r.el, r.ec);
    yajl_gen_map_close(o->g);
}

/* A Range of the client's for AT (a location in file REAL). */
static void range(Lsp *l, Out *o, const char *real, const svcc_location *at)
{
    FileText *f = real ? file_text(l, real) : NULL;
    unsigned line = at->line ? at->line : 1, col = at->column ? at->column : 1;
    unsigned eline = at->end_line ? at->end_line : line, ecol = at->end_column ? at->end_column : col;
    yajl_gen_map_open(o->g);
    bool text = f && f->view;
    position(o, "start", line - 1, text ? units_from(l, f->view, f->len, file_line(f, line), col - 1) : col - 1);
    position(o, "end", eline - 1, text ? units_from(l, f->view, f->len, file_line(f, eline), ecol - 1) : ecol - 1);
    yajl_gen_map_close(o->g);
}

/* A Location: {uri, range}. */
static void location(Lsp *l, Out *o, const char *real, const svcc_location *at)
{
    char *uri = path_uri(real);
    yajl_gen_map_open(o->g);
    kv(o, "uri", uri);
    key(o, "range");
    range(l, o, real, at);
    yajl_gen_map_close(o->g);
    free(uri);
}

/* Finding the catalogue ---------------------------------------------------- */

/* Whether TEXT declares the catalogue: a line that starts with `catalogue `. */
static bool declares_catalogue(const char *text, size_t len)
{
    for (size_t at = 0; at < len;) {
        if (len - at > 10 && memcmp(text + at, "catalogue", 9) == 0 && (text[at + 9] == ' ' || text[at + 9] == '\t'))
            return true;
        const char *nl = memchr(text + at, '\n', len - at);
        if (!nl)
            break;
        at = (size_t)(nl - text) + 1;
    }
    return false;
}

/* Whether the .svc file PATH declares the catalogue (its open document's
 * text if it is open). */
static bool file_declares_catalogue(Lsp *l, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return false;
    const LspDoc *d = doc_of_path(l, real);
    if (d)
        return declares_catalogue(d->text, d->len);
    size_t len;
    char *text = read_file(real, &len);
    bool yes = text && declares_catalogue(text, len);
    free(text);
    return yes;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The root of D's catalogue (a path, the caller's to free), or NULL. */
static char *find_root(Lsp *l, const LspDoc *d)
{
    if (l->root_cfg)
        return xstrdup(l->root_cfg);
    if (declares_catalogue(d->text, d->len))
        return xstrdup(d->path);
    char dir[PATH_MAX];
    if (!d->real || strlen(d->real) >= sizeof dir)
        return NULL;
    strcpy(dir, d->real);
    for (int depth = 0; depth < 32; depth++) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            return NULL;
        *slash = '\0';
        const char *here = dir[0] ? dir : "/";
        DIR *dd = opendir(here);
        if (dd) {
            char **names = NULL;
            size_t n = 0;
            struct dirent *e;
            while ((e = readdir(dd)) != NULL && n < 10000) {
                size_t k = strlen(e->d_name);
                if (k > 4 && strcmp(e->d_name + k - 4, ".svc") == 0 && e->d_name[0] != '.') {
                    names = xrealloc(names, (n + 1) * sizeof *names);
                    names[n++] = xstrdup(e->d_name);
                }
            }
            closedir(dd);
            qsort(names, n, sizeof *names, by_name);
            char *found = NULL;
            /* catalogue.svc first, then the others by name */
            for (int pass = 0; pass < 2 && !found; pass++)
                for (size_t i = 0; i < n && !found; i++) {
                    if ((strcmp(names[i], "catalogue.svc") == 0) != (pass == 0))
                        continue;
                    char path[PATH_MAX];
                    if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) < (int)sizeof path &&
                        file_declares_catalogue(l, path))
                        found = xstrdup(path);
                }
            for (size_t i = 0; i < n; i++)
                free(names[i]);
            free(names);
            if (found)
                return found;
        }
        if (!dir[0])
            return NULL;
    }
    return NULL;
}

/* Compiling and diagnostics ----------------------------------------------- */

/* The docs' folder as a file: URL ending in '/': installed beside the
 * standard library (PREFIX/share/svcc/stdlib, PREFIX/share/doc/svcc) or in
 * the source tree (stdlib, docs); NULL if neither is there. */
static char *docs_url(const char *stdlib)
{
    char real[PATH_MAX], cand[PATH_MAX + 64];
    if (!stdlib || !realpath(stdlib, real))
        return NULL;
    char *slash = strrchr(real, '/');
    if (!slash)
        return NULL;
    *slash = '\0'; /* PREFIX/share/svcc, or the source tree */
    static const char *const where[] = {"/../doc/svcc", "/docs", NULL};
    for (const char *const *w = where; *w; w++) {
        snprintf(cand, sizeof cand, "%s%s/diagnostics.md", real, *w);
        char found[PATH_MAX];
        if (realpath(cand, found)) {
            found[strlen(found) - strlen("diagnostics.md")] = '\0';
            return path_uri(found);
        }
    }
    return NULL;
}

/* The anchor in docs/diagnostics.md of CODE's section (GitHub's slug of
 * its heading): tests/lsp.py checks each is a heading there. */
static const char *code_section(const char *code)
{
    static const char *const errors[] = {
        "lexical-errors-e00xx",  "syntax-errors-e01xx", "structure-e02xx",
        "references-e03xx",      "ihip-characteristics-e04xx", "offerings-e05xx",
        "dependencies-e06xx",    "values-e07xx",        "imports-and-the-catalogue-e08xx",
        "files-e09xx",           "assessments-e10xx",
    };
    if (code[0] == 'W')
        return "warnings";
    int group = (code[1] - '0') * 10 + (code[2] - '0');
    return group >= 0 && group < (int)(sizeof errors / sizeof *errors) ? errors[group] : "diagnostic-codes";
}

static bool is_unused(const char *code)
{
    return strcmp(code, "W0201") == 0; /* declared and referred to nowhere */
}

/* One diagnostic, as a Diagnostic of the client's; REAL is its file (the
 * root's for one without a place). */
static void put_diagnostic(Lsp *l, Out *o, const svcc_diagnostic *g, const char *real, bool placed)
{
    svcc_location at;
    if (!placed || !svcc_diagnostic_location(l->c, g, &at))
        memset(&at, 0, sizeof at);
    yajl_gen_map_open(o->g);
    key(o, "range");
    range(l, o, real, &at);
    key(o, "severity");
    num(o, svcc_diagnostic_severity(g) == SVCC_ERROR ? 1 : 2);
    const char *code = svcc_diagnostic_code(g);
    kv(o, "code", code);
    if (l->docs_base) {
        char href[PATH_MAX * 3 + 128];
        snprintf(href, sizeof href, "%sdiagnostics.md#%s", l->docs_base, code_section(code));
        key(o, "codeDescription");
        yajl_gen_map_open(o->g);
        kv(o, "href", href);
        yajl_gen_map_close(o->g);
    }
    kv(o, "source", "svcc");
    /* The message, then its help lines (the notes without a place). */
    size_t nn = svcc_diagnostic_note_count(g);
    size_t mlen = strlen(svcc_diagnostic_message(g)) + 1;
    for (size_t k = 0; k < nn; k++)
        if (svcc_diagnostic_note_kind(g, k) == SVCC_HELP)
            mlen += strlen(svcc_diagnostic_note_message(g, k)) + 8;
    char *msg = xmalloc(mlen), *w = msg;
    w += sprintf(w, "%s", svcc_diagnostic_message(g));
    for (size_t k = 0; k < nn; k++)
        if (svcc_diagnostic_note_kind(g, k) == SVCC_HELP)
            w += sprintf(w, "\nhelp: %s", svcc_diagnostic_note_message(g, k));
    kv(o, "message", msg);
    free(msg);
    if (is_unused(code)) {
        key(o, "tags");
        yajl_gen_array_open(o->g);
        num(o, 1); /* Unnecessary */
        yajl_gen_array_close(o->g);
    }
    key(o, "relatedInformation");
    yajl_gen_array_open(o->g);
    for (size_t k = 0; k < nn; k++) {
        svcc_location nat;
        const char *nreal;
        if (svcc_diagnostic_note_kind(g, k) != SVCC_NOTE || !svcc_diagnostic_note_location(l->c, g, k, &nat) ||
            !(nreal = real_of(l, nat.file)))
            continue;
        yajl_gen_map_open(o->g);
        key(o, "location");
        location(l, o, nreal, &nat);
        kv(o, "message", svcc_diagnostic_note_message(g, k));
        yajl_gen_map_close(o->g);
    }
    yajl_gen_array_close(o->g);
    yajl_gen_map_close(o->g);
}

static bool published_before(const Lsp *l, const char *uri)
{
    for (size_t i = 0; i < l->npublished; i++)
        if (strcmp(l->published[i].uri, uri) == 0)
            return true;
    return false;
}

/* A publishDiagnostics for URI, open for its diagnostics. */
static void publication(Out *o, const char *uri)
{
    notification(o, "textDocument/publishDiagnostics");
    yajl_gen_map_open(o->g);
    kv(o, "uri", uri);
    key(o, "diagnostics");
    yajl_gen_array_open(o->g);
}

static void publication_send(Lsp *l, Out *o)
{
    yajl_gen_array_close(o->g);
    yajl_gen_map_close(o->g);
    send_out(l, o);
}

/* Publish the diagnostics of the last compilation, file by file (those
 * without a place with the root's); clear those this root's compilation
 * published before for files that have none now. */
static void publish(Lsp *l)
{
    const char *root = l->c_root ? l->c_root : l->c_lib;
    size_t nfiles = svcc_file_count(l->c), nd = svcc_diagnostic_count(l->c);
    const char **where = xmalloc((nd + 1) * sizeof *where); /* each diagnostic's file, or NULL */
    for (size_t i = 0; i < nd; i++) {
        svcc_location at;
        const svcc_diagnostic *g = svcc_diagnostic_at(l->c, i);
        where[i] = svcc_diagnostic_location(l->c, g, &at) ? real_of(l, at.file) : NULL;
    }
    Published *now = NULL;
    char **sent = NULL;
    size_t nnow = 0, nsent = 0;
    for (size_t fi = 0; fi < nfiles; fi++) {
        const char *real = svcc_file_real_path(l->c, fi);
        if (!real)
            continue; /* standard input */
        size_t count = 0;
        for (size_t i = 0; i < nd; i++)
            count += where[i] ? strcmp(where[i], real) == 0 : fi == 0;
        char *uri = path_uri(real);
        if (!count && !published_before(l, uri)) {
            free(uri);
            continue;
        }
        Out o;
        publication(&o, uri);
        for (size_t i = 0; i < nd; i++)
            if (where[i] ? strcmp(where[i], real) == 0 : fi == 0)
                put_diagnostic(l, &o, svcc_diagnostic_at(l->c, i), real, where[i] != NULL);
        publication_send(l, &o);
        sent = xrealloc(sent, (nsent + 1) * sizeof *sent);
        sent[nsent++] = uri;
        if (count) {
            now = xrealloc(now, (nnow + 1) * sizeof *now);
            now[nnow++] = (Published){xstrdup(uri), xstrdup(root)};
        }
    }
    for (size_t i = 0; i < l->npublished; i++) {
        Published *p = &l->published[i];
        bool done = false;
        for (size_t k = 0; k < nsent && !done; k++)
            done = strcmp(sent[k], p->uri) == 0;
        if (!done && strcmp(p->root, root) != 0) { /* another catalogue's: kept */
            now = xrealloc(now, (nnow + 1) * sizeof *now);
            now[nnow++] = *p;
            continue;
        }
        if (!done) { /* no longer in this catalogue */
            Out o;
            publication(&o, p->uri);
            publication_send(l, &o);
        }
        free(p->uri);
        free(p->root);
    }
    for (size_t k = 0; k < nsent; k++)
        free(sent[k]);
    free(sent);
    free(where);
    free(l->published);
    l->published = now;
    l->npublished = nnow;
}

/* Whether C made a model: a text with syntax errors makes none. */
static bool has_model(svcc *c)
{
    if (!svcc_error_count(c))
        return true;
    for (int k = 0; k < SVCC_KIND_COUNT; k++)
        if (svcc_entity_count(c, (svcc_kind)k))
            return true;
    return false;
}

/* Compile the catalogue of D (the root found from it, else D alone). */
static void compile(Lsp *l, const LspDoc *d)
{
    for (size_t i = 0; i < l->ndocs; i++)
        if (!l->docs[i].real)
            doc_locate(&l->docs[i]);
    if (l->c && l->c != l->good)
        svcc_free(l->c);
    drop_files(l);
    free(l->c_root);
    free(l->c_lib);
    l->c_root = find_root(l, d);
    l->c_lib = l->c_root ? NULL : xstrdup(d->path);
    l->c = svcc_new();
    if (!l->c) {
        fputs("svcc lsp: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    if (l->stdlib)
        svcc_set_stdlib_dir(l->c, l->stdlib);
    for (size_t i = 0; i < l->nincludes; i++)
        svcc_add_include_dir(l->c, l->includes[i]);
    const char *path = getenv("SVCC_PATH");
    if (path && *path)
        svcc_set_module_path(l->c, path);
    svcc_set_max_errors(l->c, 0);
    if (!l->c_root)
        svcc_set_library(l->c, true);
    for (size_t i = 0; i < l->ndocs; i++)
        svcc_set_overlay(l->c, l->docs[i].path, l->docs[i].text, l->docs[i].len); /* a new file: on disk later */
    svcc_compile_file(l->c, l->c_root ? l->c_root : l->c_lib);
    if (has_model(l->c)) {
        if (l->good && l->good != l->c)
            svcc_free(l->good);
        l->good = l->c;
    }
    l->dirty = false;
    publish(l);
}

/* The compilation D's requests are answered from: made again if an edit
 * came since or D is not in it. */
static void compiled_for(Lsp *l, const LspDoc *d)
{
    bool in = false;
    for (size_t i = 0; l->c && d->real && i < svcc_file_count(l->c) && !in; i++)
        in = svcc_file_real_path(l->c, i) && strcmp(svcc_file_real_path(l->c, i), d->real) == 0;
    if (!l->c || l->dirty || !in)
        compile(l, d);
}

/* The model: words and entities ---------------------------------------------- */

static bool name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
}

/* The name at the client's position in D: *FROM, *LEN; false if none. */
static bool word_at(const Lsp *l, const LspDoc *d, yajl_val params, size_t *from, size_t *len)
{
    yajl_val pos = get(params, "position");
    long long line = get_int(pos, "line", -1), ch = get_int(pos, "character", -1);
    if (line < 0 || ch < 0)
        return false;
    size_t at = offset_of(l, d->text, d->len, (size_t)line, (size_t)ch);
    size_t b = at, e = at;
    while (b > 0 && name_char(d->text[b - 1]))
        b--;
    while (e < d->len && name_char(d->text[e]))
        e++;
    while (b < e && (d->text[b] == '.' || d->text[b] == '-'))
        b++;
    while (e > b && (d->text[e - 1] == '.' || d->text[e - 1] == '-'))
        e--;
    *from = b;
    *len = e - b;
    return e > b;
}

/* The module of the file D is (that of an entity declared in it), or NULL. */
static const char *doc_module(Lsp *l, const LspDoc *d)
{
    for (int k = 0; d->real && k < SVCC_KIND_COUNT; k++)
        for (size_t i = 0; i < svcc_entity_count(l->c, (svcc_kind)k); i++) {
            const svcc_entity *e = svcc_entity_at(l->c, (svcc_kind)k, i);
            svcc_location at;
            svcc_entity_location(l->c, e, &at);
            const char *r = real_of(l, at.file);
            if (r && strcmp(r, d->real) == 0)
                return svcc_entity_module(e);
        }
    return NULL;
}

/* The entity the name at the position in D refers to, or NULL: as written,
 * else in D's module. */
static const svcc_entity *entity_at(Lsp *l, const LspDoc *d, yajl_val params)
{
    size_t from, len;
    if (!l->c || !word_at(l, d, params, &from, &len))
        return NULL;
    char *name = xstrndup(d->text + from, len);
    const svcc_entity *e = NULL;
    const char *module = doc_module(l, d);
    if (module) {
        size_t n = strlen(module) + 1 + len + 1;
        char *q = xmalloc(n);
        snprintf(q, n, "%s.%s", module, name);
        e = svcc_entity_find(l->c, q);
        free(q);
    }
    if (!e)
        e = svcc_entity_find(l->c, name);
    free(name);
    return e;
}

/* The span of E's id: its declaration's location narrowed to the id, found
 * on the keyword's line. */
static void id_location(Lsp *l, const svcc_entity *e, svcc_location *at, const char **real)
{
    svcc_entity_location(l->c, e, at);
    *real = real_of(l, at->file);
    FileText *f = *real ? file_text(l, *real) : NULL;
    if (!f || !f->view)
        return;
    const char *id = svcc_entity_id(e), *local = strrchr(id, '.');
    local = local && svcc_entity_module(e) && strcmp(id, svcc_entity_module(e)) != 0 ? local + 1 : id;
    size_t at_line = file_line(f, at->line), end = line_end(f->view, f->len, at_line);
    size_t k = strlen(local);
    for (size_t i = at_line; i + k <= end; i++)
        if (memcmp(f->view + i, local, k) == 0 && (i == at_line || !name_char(f->view[i - 1])) &&
            (i + k == end || !name_char(f->view[i + k]))) {
            unsigned col = 1;
            for (size_t j = at_line; j < i; j += (size_t)seq_len((unsigned char)f->view[j]))
                col++;
            at->column = col;
            at->end_line = at->line;
            at->end_column = col;
            for (size_t j = i; j < i + k; j += (size_t)seq_len((unsigned char)f->view[j]))
                at->end_column++;
            return;
        }
}

/* The values referring to TARGET in node N, each to FOUND(CTX, location). */
static void refs_in(Lsp *l, const svcc_node *n, const svcc_entity *target,
                    void (*found)(Lsp *, void *, const svcc_location *), void *ctx)
{
    size_t nf = svcc_node_field_count(n);
    for (size_t f = 0; f < nf; f++)
        for (size_t i = 0; i < svcc_node_value_count(n, f); i++) {
            svcc_value v = svcc_node_value(n, f, i);
            if (svcc_value_entity(v) == target) {
                svcc_location at;
                svcc_value_location(l->c, v, &at);
                found(l, ctx, &at);
            }
            const svcc_node *b = svcc_value_block(v);
            if (b && (i == 0 || svcc_value_block(svcc_node_value(n, f, i - 1)) != b))
                refs_in(l, b, target, found, ctx);
        }
}

static void refs_all(Lsp *l, const svcc_entity *target, void (*found)(Lsp *, void *, const svcc_location *),
                     void *ctx)
{
    for (int k = 0; k < SVCC_KIND_COUNT; k++)
        for (size_t i = 0; i < svcc_entity_count(l->c, (svcc_kind)k); i++)
            refs_in(l, svcc_entity_fields(svcc_entity_at(l->c, (svcc_kind)k, i)), target, found, ctx);
}

static void put_location(Lsp *l, void *ctx, const svcc_location *at)
{
    const char *real = real_of(l, at->file);
    if (real)
        location(l, (Out *)ctx, real, at);
}

/* Requests ------------------------------------------------------------------------ */

static void on_initialize(Lsp *l, yajl_val id, yajl_val params)
{
    yajl_val encs = get(get(params, "capabilities"), "general");
    encs = get(encs, "positionEncodings");
    if (YAJL_IS_ARRAY(encs))
        for (size_t i = 0; i < encs->u.array.len; i++)
            if (YAJL_IS_STRING(encs->u.array.values[i]) && strcmp(encs->u.array.values[i]->u.string, "utf-8") == 0)
                l->utf8 = true;
    yajl_val opts = get(params, "initializationOptions");
    const char *root = get_str(opts, "root");
    if (root && *root)
        l->root_cfg = xstrdup(root);
    const char *docs = get_str(opts, "docsUrl");
    if (docs && *docs) {
        free(l->docs_base);
        size_t n = strlen(docs);
        l->docs_base = xmalloc(n + 2);
        snprintf(l->docs_base, n + 2, "%s%s", docs, docs[n - 1] == '/' ? "" : "/");
    }
    yajl_val inc = get(opts, "includeDirs");
    if (YAJL_IS_ARRAY(inc))
        for (size_t i = 0; i < inc->u.array.len; i++)
            if (YAJL_IS_STRING(inc->u.array.values[i])) {
                l->includes = xrealloc(l->includes, (l->nincludes + 1) * sizeof *l->includes);
                l->includes[l->nincludes++] = xstrdup(inc->u.array.values[i]->u.string);
            }
    l->initialized = true;
    Out o;
    result(&o, id);
    yajl_gen_map_open(o.g);
    key(&o, "capabilities");
    yajl_gen_map_open(o.g);
    kv(&o, "positionEncoding", l->utf8 ? "utf-8" : "utf-16");
    key(&o, "textDocumentSync");
    yajl_gen_map_open(o.g);
    key(&o, "openClose");
    yajl_gen_bool(o.g, 1);
    key(&o, "change");
    num(&o, 2); /* incremental */
    key(&o, "save");
    yajl_gen_map_open(o.g);
    key(&o, "includeText");
    yajl_gen_bool(o.g, 0);
    yajl_gen_map_close(o.g);
    yajl_gen_map_close(o.g);
    key(&o, "completionProvider");
    yajl_gen_map_open(o.g);
    key(&o, "triggerCharacters");
    yajl_gen_array_open(o.g);
    str(&o, " ");
    str(&o, ".");
    yajl_gen_array_close(o.g);
    yajl_gen_map_close(o.g);
    static const char *const providers[] = {"definitionProvider", "referencesProvider", "hoverProvider",
                                            "documentSymbolProvider", "workspaceSymbolProvider",
                                            "documentFormattingProvider", "documentRangeFormattingProvider",
                                            "renameProvider",
                                            "codeActionProvider", NULL};
    for (const char *const *p = providers; *p; p++) {
        key(&o, *p);
        yajl_gen_bool(o.g, 1);
    }
    yajl_gen_map_close(o.g);
    key(&o, "serverInfo");
    yajl_gen_map_open(o.g);
    kv(&o, "name", "svcc");
    kv(&o, "version", svcc_version());
    yajl_gen_map_close(o.g);
    yajl_gen_map_close(o.g);
    send_out(l, &o);
}

static void on_did_open(Lsp *l, yajl_val params)
{
    yajl_val td = get(params, "textDocument");
    const char *uri = get_str(td, "uri"), *text = get_str(td, "text");
    char *path = uri ? uri_path(uri) : NULL;
    if (!path || !text) {
        free(path);
        return;
    }
    LspDoc *d = find_doc(l, uri);
    if (!d) {
        if (l->ndocs == LSP_MAX_DOCS) {
            free(path);
            return;
        }
        l->docs = xrealloc(l->docs, (l->ndocs + 1) * sizeof *l->docs);
        d = &l->docs[l->ndocs++];
        memset(d, 0, sizeof *d);
        d->uri = xstrdup(uri);
        d->path = path;
        doc_locate(d);
    } else {
        free(path);
    }
    d->version = get_int(td, "version", 0);
    doc_set(d, text, strlen(text));
    touch(l, d);
}

/* One change of didChange: a range replaced by text, or the whole text. */
static void apply_change(Lsp *l, LspDoc *d, yajl_val ch)
{
    const char *text = get_str(ch, "text");
    if (!text)
        return;
    yajl_val r = get(ch, "range");
    size_t n = strlen(text);
    if (!r) {
        doc_set(d, text, n);
        return;
    }
    yajl_val s = get(r, "start"), e = get(r, "end");
    long long sl = get_int(s, "line", -1), sc = get_int(s, "character", -1);
    long long el = get_int(e, "line", -1), ec = get_int(e, "character", -1);
    if (sl < 0 || sc < 0 || el < 0 || ec < 0)
        return;
    size_t b = offset_of(l, d->text, d->len, (size_t)sl, (size_t)sc);
    size_t x = offset_of(l, d->text, d->len, (size_t)el, (size_t)ec);
    if (x < b)
        x = b;
    size_t len = d->len - (x - b) + n;
    if (len + 1 > d->cap) {
        d->cap = len + 1 + len / 2;
        d->text = xrealloc(d->text, d->cap);
    }
    memmove(d->text + b + n, d->text + x, d->len - x);
    memcpy(d->text + b, text, n);
    d->len = len;
    d->text[len] = '\0';
}

static void on_did_change(Lsp *l, yajl_val params)
{
    yajl_val td = get(params, "textDocument");
    LspDoc *d = find_doc(l, get_str(td, "uri"));
    yajl_val changes = get(params, "contentChanges");
    if (!d || !YAJL_IS_ARRAY(changes))
        return;
    for (size_t i = 0; i < changes->u.array.len; i++)
        apply_change(l, d, changes->u.array.values[i]);
    d->version = get_int(td, "version", d->version);
    touch(l, d);
}

static void on_did_close(Lsp *l, yajl_val params)
{
    LspDoc *d = find_doc(l, get_str(get(params, "textDocument"), "uri"));
    if (!d)
        return;
    free(d->uri);
    free(d->path);
    free(d->real);
    free(d->text);
    *d = l->docs[--l->ndocs];
    l->dirty = true; /* the file on disk counts again */
    clock_gettime(CLOCK_MONOTONIC, &l->edited);
}

/* The entity at the position of a request on a document, from a fresh
 * compilation, or NULL; *D is the document, NULL after an error reply. */
static const svcc_entity *request_entity(Lsp *l, yajl_val id, yajl_val params, LspDoc **d)
{
    *d = request_doc(l, id, params);
    if (!*d)
        return NULL;
    compiled_for(l, *d);
    return entity_at(l, *d, params);
}

static void on_definition(Lsp *l, yajl_val id, yajl_val params, LspDoc *d, const svcc_entity *e)
{
    (void)params, (void)d;
    svcc_location at;
    const char *real = NULL;
    if (e)
        id_location(l, e, &at, &real);
    if (!real) {
        reply_null(l, id);
        return;
    }
    Out o;
    result(&o, id);
    location(l, &o, real, &at);
    send_out(l, &o);
}

static void on_references(Lsp *l, yajl_val id, yajl_val params, LspDoc *d, const svcc_entity *e)
{
    (void)d;
    Out o;
    result(&o, id);
    yajl_gen_array_open(o.g);
    if (e) {
        yajl_val incl = get(get(params, "context"), "includeDeclaration");
        if (YAJL_IS_TRUE(incl)) {
            svcc_location at;
            const char *real;
            id_location(l, e, &at, &real);
            if (real)
                location(l, &o, real, &at);
        }
        refs_all(l, e, put_location, &o);
    }
    yajl_gen_array_close(o.g);
    send_out(l, &o);
}

/* The first value of field NAME of E, as a reader says it, or NULL. */
static const char *field_label(const svcc_entity *e, const char *name)
{
    svcc_value v = svcc_node_get(svcc_entity_fields(e), name, 0);
    if (!svcc_value_exists(v))
        return NULL;
    const svcc_entity *to = svcc_value_entity(v);
    return to ? svcc_entity_id(to) : svcc_value_label(v) ? svcc_value_label(v) : svcc_value_text(v);
}

static bool hover_word(Lsp *l, yajl_val id, const LspDoc *d, yajl_val params);

/* A Hover's result: MD, Markdown. */
static void reply_markdown(Lsp *l, yajl_val id, const char *md)
{
    Out o;
    result(&o, id);
    yajl_gen_map_open(o.g);
    key(&o, "contents");
    yajl_gen_map_open(o.g);
    kv(&o, "kind", "markdown");
    kv(&o, "value", md);
    yajl_gen_map_close(o.g);
    yajl_gen_map_close(o.g);
    send_out(l, &o);
}

static void on_hover(Lsp *l, yajl_val id, yajl_val params, LspDoc *d, const svcc_entity *e)
{
    if (!e) {
        if (!hover_word(l, id, d, params))
            reply_null(l, id);
        return;
    }
    char *md = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&md, &len);
    if (!m) {
        reply_null(l, id);
        return;
    }
    fprintf(m, "**%s** `%s`", svcc_kind_name(svcc_entity_kind(e)), svcc_entity_id(e));
    if (svcc_entity_name(e)) {
        fputs(" — ", m);
        esc_md_para(m, svcc_entity_name(e));
    }
    if (svcc_entity_description(e)) {
        fputs("\n\n", m);
        esc_md_para(m, svcc_entity_description(e));
    }
    static const char *const shown[] = {"owner", "status", "type", "team", "lead", NULL};
    for (const char *const *f = shown; *f; f++) {
        const char *v = field_label(e, *f);
        if (!v)
            continue;
        fprintf(m, "\n\n%s: ", *f);
        esc_md_para(m, v);
    }
    fclose(m);
    reply_markdown(l, id, md);
    free(md);
}

/* The LSP SymbolKind of an svcc kind. */
static int symbol_kind(svcc_kind k)
{
    switch (k) {
    case SVCC_CATALOGUE: return 3;   /* Namespace */
    case SVCC_SERVICE: return 5;     /* Class */
    case SVCC_OFFERING: return 11;   /* Interface */
    case SVCC_TEMPLATE: return 10;   /* Enum: a template's fields to take */
    case SVCC_TEAM:
    case SVCC_CONSUMER: return 19;   /* Object */
    case SVCC_PERSON: return 19;
    case SVCC_REQUIREMENT: return 22; /* EnumMember */
    case SVCC_FRAMEWORK: return 2;   /* Module */
    default: return 23;              /* Struct */
    }
}

/* Document symbols: the entities declared in D; workspace symbols: those
 * of the compilation whose id or name holds QUERY (case aside). */
static void symbols(Lsp *l, yajl_val id, const LspDoc *d, const char *query)
{
    const char *real = d && d->real ? d->real : "";
    Out o;
    result(&o, id);
    yajl_gen_array_open(o.g);
    for (int k = 0; l->c && k < SVCC_KIND_COUNT; k++)
        for (size_t i = 0; i < svcc_entity_count(l->c, (svcc_kind)k); i++) {
            const svcc_entity *e = svcc_entity_at(l->c, (svcc_kind)k, i);
            svcc_location at, sel;
            svcc_entity_location(l->c, e, &at);
            const char *where = real_of(l, at.file), *sreal;
            if (!where || (d && strcmp(where, real) != 0))
                continue;
            if (query && *query && !strcasestr(svcc_entity_id(e), query) &&
                !(svcc_entity_name(e) && strcasestr(svcc_entity_name(e), query)))
                continue;
            yajl_gen_map_open(o.g);
            kv(&o, "name", svcc_entity_id(e));
            key(&o, "kind");
            num(&o, symbol_kind((svcc_kind)k));
            if (d) {
                if (svcc_entity_name(e))
                    kv(&o, "detail", svcc_entity_name(e));
                key(&o, "range");
                range(l, &o, where, &at);
                id_location(l, e, &sel, &sreal);
                key(&o, "selectionRange");
                range(l, &o, where, &sel);
            } else {
                kv(&o, "containerName", svcc_kind_name((svcc_kind)k));
                key(&o, "location");
                location(l, &o, where, &at);
            }
            yajl_gen_map_close(o.g);
        }
    yajl_gen_array_close(o.g);
    send_out(l, &o);
}

/* The block depth at the start of each line of D (*N lines), strings and
 * comments aside: where its top-level declarations start and end. */
static int *line_depths(const LspDoc *d, size_t *n)
{
    size_t lines = 1;
    for (size_t i = 0; i < d->len; i++)
        lines += d->text[i] == '\n';
    int *depth = xmalloc(lines * sizeof *depth), level = 0;
    enum { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, MULTI } state = CODE;
    size_t line = 0;
    depth[0] = 0;
    for (size_t i = 0; i < d->len; i++) {
        char c = d->text[i], next = i + 1 < d->len ? d->text[i + 1] : '\0';
        bool triple = c == '"' && next == '"' && i + 2 < d->len && d->text[i + 2] == '"';
        if (state == CODE) {
            if (c == '/' && (next == '/' || next == '*'))
                state = next == '/' ? LINE_COMMENT : BLOCK_COMMENT, i++;
            else if (triple)
                state = MULTI, i += 2;
            else if (c == '"')
                state = STRING;
            else if (c == '{')
                level++;
            else if (c == '}' && level > 0)
                level--;
        } else if (state == BLOCK_COMMENT && c == '*' && next == '/') {
            state = CODE, i++;
        } else if (state == STRING && c == '\\') {
            i++;
        } else if (state == STRING && c == '"') {
            state = CODE;
        } else if (state == MULTI && triple) {
            state = CODE, i += 2;
        }
        if (i < d->len && d->text[i] == '\n') {
            if (state == LINE_COMMENT || state == STRING)
                state = CODE;
            depth[++line] = state == CODE ? level : -1; /* -1: inside a comment or string */
        }
    }
    *n = line + 1;
    return depth;
}

/* One TextEdit: lines [SL, EL) of D replaced by TEXT (EL past the last
 * line: to the end of the text). */
static void line_edit(Lsp *l, Out *o, const LspDoc *d, size_t sl, size_t el, size_t nlines, const char *text,
                      size_t len)
{
    yajl_gen_map_open(o->g);
    key(o, "range");
    yajl_gen_map_open(o->g);
    position(o, "start", sl, 0);
    if (el < nlines) {
        position(o, "end", el, 0);
    } else { /* the end: the last line's length, as the client counts */
        size_t last = line_start(d->text, d->len, nlines - 1);
        position(o, "end", nlines - 1, client_units(l, d->text, d->len, (unsigned)nlines, (unsigned)(d->len - last)));
    }
    yajl_gen_map_close(o->g);
    key(o, "newText");
    strn(o, text, len);
    yajl_gen_map_close(o->g);
}

/* Formatting: the whole document, or (a range) the top-level declarations
 * the range touches, with the comments right above them. */
static void on_formatting(Lsp *l, yajl_val id, yajl_val params)
{
    LspDoc *d = request_doc(l, id, params);
    if (!d)
        return;
    size_t nlines;
    int *depth = line_depths(d, &nlines);
    size_t sl = 0, el = nlines; /* lines [sl, el) */
    yajl_val r = get(params, "range");
    if (r) {
        Span2 want = span_of(r);
        sl = want.sl < nlines ? want.sl : nlines - 1;
        el = (want.el < nlines ? want.el : nlines - 1) + 1;
        if (want.ec == 0 && want.el > want.sl) /* a range ending at a line's start leaves that line */
            el--;
        while (sl > 0 && depth[sl] != 0)
            sl--;
        while (sl > 0 && depth[sl - 1] == 0) { /* the comments right above */
            size_t at = line_start(d->text, d->len, sl - 1);
            while (at < d->len && (d->text[at] == ' ' || d->text[at] == '\t'))
                at++;
            if (at + 1 >= d->len || d->text[at] != '/' || d->text[at + 1] != '/')
                break;
            sl--;
        }
        while (el < nlines && depth[el] != 0)
            el++;
    }
    free(depth);
    size_t from = line_start(d->text, d->len, sl), to = el < nlines ? line_start(d->text, d->len, el) : d->len;
    char *text;
    size_t len;
    svcc_status st = svcc_fmt_buffer(d->text + from, to - from, &text, &len);
    if (st == SVCC_EINPUT) { /* syntax errors: the diagnostics say which */
        reply_error(l, id, -32803, "the document has syntax errors: it is formatted once they are fixed");
        return;
    }
    if (st != SVCC_OK) {
        reply_error(l, id, -32603, "out of memory");
        return;
    }
    Out o;
    result(&o, id);
    yajl_gen_array_open(o.g);
    if (len != to - from || memcmp(text, d->text + from, len) != 0)
        line_edit(l, &o, d, sl, el, nlines, text, len);
    yajl_gen_array_close(o.g);
    send_out(l, &o);
    svcc_buffer_free(text);
}


/* Rename ---------------------------------------------------------------------- */

/* Whether NAME is an id as svcc reads one: [A-Za-z_]([A-Za-z0-9_-]*[A-Za-z0-9_])? */
static bool valid_id(const char *name)
{
    size_t n = strlen(name);
    if (!n || !((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!name_char(name[i]) || name[i] == '.')
            return false;
    return name[n - 1] != '-';
}

/* Whether the file REAL is in the standard library's folder. */
static bool in_stdlib(const Lsp *l, const char *real)
{
    char dir[PATH_MAX];
    if (!l->stdlib || !realpath(l->stdlib, dir))
        return false;
    size_t n = strlen(dir);
    return strncmp(real, dir, n) == 0 && real[n] == '/';
}

/* One text edit, kept until the WorkspaceEdit is written. */
typedef struct Edit {
    const char *real;
    svcc_location at;
    char *text;
} Edit;

typedef struct Edits {
    Edit *e;
    size_t n;
    const char *local, *new_local; /* the id's last part, before and after */
} Edits;

static void add_edit(Edits *x, const char *real, const svcc_location *at, char *text)
{
    x->e = xrealloc(x->e, (x->n + 1) * sizeof *x->e);
    x->e[x->n++] = (Edit){real, *at, text};
}

/* A reference as written at AT: the id, or MODULE.id; its new text. */
static void rename_ref(Lsp *l, void *ctx, const svcc_location *at)
{
    Edits *x = ctx;
    const char *real = real_of(l, at->file);
    FileText *f = real ? file_text(l, real) : NULL;
    if (!f || !f->view || at->line != at->end_line)
        return;
    size_t b = file_line(f, at->line), e;
    for (unsigned c = 1; c < at->column && b < f->len; c++)
        b += (size_t)seq_len((unsigned char)f->view[b]);
    e = b;
    for (unsigned c = at->column; c < at->end_column && e < f->len; c++)
        e += (size_t)seq_len((unsigned char)f->view[e]);
    size_t n = e - b, k = strlen(x->local);
    if (n < k || memcmp(f->view + e - k, x->local, k) != 0 || (n > k && f->view[e - k - 1] != '.'))
        return; /* not the name as svcc read it: leave it */
    size_t keep = n - k, m = strlen(x->new_local);
    char *text = xmalloc(keep + m + 1);
    memcpy(text, f->view + b, keep);
    memcpy(text + keep, x->new_local, m + 1);
    add_edit(x, real, at, text);
}

static void on_rename(Lsp *l, yajl_val id, yajl_val params, LspDoc *d, const svcc_entity *e)
{
    (void)d;
    const char *new_name = get_str(params, "newName");
    if (!e) {
        reply_error(l, id, -32803, "there is no declared id here to rename");
        return;
    }
    svcc_location at;
    const char *real;
    id_location(l, e, &at, &real);
    if (!real || in_stdlib(l, real)) {
        reply_error(l, id, -32803, "an id of the standard library cannot be renamed: copy the declaration into "
                                   "the catalogue instead");
        return;
    }
    const char *full = svcc_entity_id(e), *module = svcc_entity_module(e);
    bool qualified = module && strcmp(full, module) != 0;
    const char *local = qualified ? full + strlen(module) + 1 : full;
    const char *new_local = new_name;
    if (new_name && qualified && strncmp(new_name, module, strlen(module)) == 0 && new_name[strlen(module)] == '.')
        new_local = new_name + strlen(module) + 1;
    if (!new_name || !valid_id(new_local)) {
        char m[300];
        snprintf(m, sizeof m, "'%.200s' is not an id: a letter or '_', then letters, digits, '_' or '-'",
                 new_name ? new_name : "");
        reply_error(l, id, ERR_PARAMS, m);
        return;
    }
    size_t qn = (qualified ? strlen(module) + 1 : 0) + strlen(new_local) + 1;
    char *q = xmalloc(qn);
    snprintf(q, qn, "%s%s%s", qualified ? module : "", qualified ? "." : "", new_local);
    const svcc_entity *clash = svcc_entity_find(l->c, q);
    free(q);
    if (clash && clash != e) {
        char m[300];
        snprintf(m, sizeof m, "'%.200s' is declared already", svcc_entity_id(clash));
        reply_error(l, id, -32803, m);
        return;
    }
    Edits x = {NULL, 0, local, new_local};
    add_edit(&x, real, &at, xstrdup(new_local));
    refs_all(l, e, rename_ref, &x);
    Out o;
    result(&o, id);
    yajl_gen_map_open(o.g);
    key(&o, "changes");
    yajl_gen_map_open(o.g);
    for (size_t i = 0; i < x.n; i++) { /* grouped by file, in first-seen order */
        bool before = false;
        for (size_t k = 0; k < i && !before; k++)
            before = strcmp(x.e[k].real, x.e[i].real) == 0;
        if (before)
            continue;
        char *uri = path_uri(x.e[i].real);
        key(&o, uri);
        free(uri);
        yajl_gen_array_open(o.g);
        for (size_t k = i; k < x.n; k++) {
            if (strcmp(x.e[k].real, x.e[i].real) != 0)
                continue;
            yajl_gen_map_open(o.g);
            key(&o, "range");
            range(l, &o, x.e[k].real, &x.e[k].at);
            kv(&o, "newText", x.e[k].text);
            yajl_gen_map_close(o.g);
        }
        yajl_gen_array_close(o.g);
    }
    yajl_gen_map_close(o.g);
    yajl_gen_map_close(o.g);
    send_out(l, &o);
    for (size_t i = 0; i < x.n; i++)
        free(x.e[i].text);
    free(x.e);
}

/* Code actions -------------------------------------------------------------------- */

/* A quick fix for DIAG (as the client sent it): replace AT in D with TEXT. */
static void quick_fix(Out *o, const LspDoc *d, const char *title, yajl_val diag, Span2 at, const char *text,
                      bool preferred)
{
    yajl_gen_map_open(o->g);
    kv(o, "title", title);
    kv(o, "kind", "quickfix");
    if (preferred) {
        key(o, "isPreferred");
        yajl_gen_bool(o->g, 1);
    }
    key(o, "diagnostics");
    yajl_gen_array_open(o->g);
    /* the diagnostic as sent: its range, code, message */
    yajl_gen_map_open(o->g);
    put_range(o, span_of(get(diag, "range")));
    if (get_str(diag, "code"))
        kv(o, "code", get_str(diag, "code"));
    kv(o, "message", get_str(diag, "message") ? get_str(diag, "message") : "");
    yajl_gen_map_close(o->g);
    yajl_gen_array_close(o->g);
    key(o, "edit");
    yajl_gen_map_open(o->g);
    key(o, "changes");
    yajl_gen_map_open(o->g);
    key(o, d->uri);
    yajl_gen_array_open(o->g);
    yajl_gen_map_open(o->g);
    put_range(o, at);
    kv(o, "newText", text);
    yajl_gen_map_close(o->g);
    yajl_gen_array_close(o->g);
    yajl_gen_map_close(o->g);
    yajl_gen_map_close(o->g);
    yajl_gen_map_close(o->g);
}

/* The word quoted in MSG after PREFIX ("did you mean '"), up to QUOTE. */
static char *quoted_after(const char *msg, const char *prefix, char quote)
{
    const char *p = msg ? strstr(msg, prefix) : NULL;
    if (!p)
        return NULL;
    p += strlen(prefix);
    const char *e = strchr(p, quote);
    return e && e > p ? xstrndup(p, (size_t)(e - p)) : NULL;
}

/* Where a field goes in the declaration whose id is at LINE (from 0) of D:
 * the start of the line of its closing brace, as an LSP position; false if
 * the braces cannot be matched. */
static bool before_closing(const Lsp *l, const LspDoc *d, size_t line, size_t *out_line, size_t *out_ch,
                           bool *own_line)
{
    size_t at = line_start(d->text, d->len, line), depth = 0;
    bool opened = false, str = false;
    for (size_t i = at; i < d->len; i++) {
        char c = d->text[i];
        if (str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                str = false;
            continue;
        }
        if (c == '"')
            str = true;
        else if (c == '/' && i + 1 < d->len && d->text[i + 1] == '/')
            while (i < d->len && d->text[i] != '\n')
                i++;
        else if (c == '{')
            depth++, opened = true;
        else if (c == '}' && opened && --depth == 0) {
            size_t ls = i;
            while (ls > 0 && d->text[ls - 1] != '\n')
                ls--;
            *own_line = true;
            for (size_t k = ls; k < i; k++)
                *own_line &= d->text[k] == ' ' || d->text[k] == '\t';
            *out_line = 0;
            for (size_t k = 0; k < ls; k++)
                *out_line += d->text[k] == '\n';
            *out_ch = *own_line ? 0 : units_between(l, d->text, ls, i); /* `{}` on one line: before the brace */
            return true;
        }
    }
    return false;
}

static void on_code_action(Lsp *l, yajl_val id, yajl_val params)
{
    LspDoc *d = request_doc(l, id, params);
    if (!d)
        return;
    yajl_val diags = get(get(params, "context"), "diagnostics");
    Out o;
    result(&o, id);
    yajl_gen_array_open(o.g);
    for (size_t i = 0; YAJL_IS_ARRAY(diags) && i < diags->u.array.len; i++) {
        yajl_val g = diags->u.array.values[i];
        const char *msg = get_str(g, "message"), *code = get_str(g, "code");
        yajl_val rng = get(g, "range");
        char *best = quoted_after(msg, "did you mean '", '\'');
        char title[300];
        if (best) {
            snprintf(title, sizeof title, "Change to '%.200s'", best);
            quick_fix(&o, d, title, g, span_of(rng), best, true);
            free(best);
        } else if ((best = quoted_after(msg, "did you mean \"", '"')) != NULL) {
            size_t n = strlen(best) + 3;
            char *text = xmalloc(n);
            snprintf(text, n, "\"%s\"", best);
            snprintf(title, sizeof title, "Change to \"%.200s\"", best);
            quick_fix(&o, d, title, g, span_of(rng), text, true);
            free(text);
            free(best);
        }
        char *field = code && strcmp(code, "E0204") == 0 ? quoted_after(msg, "has no '", '\'') : NULL;
        size_t line, ch;
        bool own;
        if (field && before_closing(l, d, (size_t)get_int(get(rng, "start"), "line", 0), &line, &ch, &own)) {
            /* A sample value by the field's type, from the declaration's kind (the message's first word). */
            char kind[64] = "";
            sscanf(msg, "%63s", kind);
            DeclKind k;
            const FieldSpec *f = decl_kind_lookup(kind, strlen(kind), &k) && schema_of(k)
                                     ? schema_field(schema_of(k), field, strlen(field), NULL)
                                     : NULL;
            const char *sample = !f ? "" : f->type == FT_ENUM && f->words ? f->words[0] : f->type == FT_STRING ? "\"\"" : "";
            size_t n = strlen(field) + strlen(sample) + 8;
            char *text = xmalloc(n);
            snprintf(text, n, own ? "  %s %s\n" : "\n  %s %s\n", field, sample);
            snprintf(title, sizeof title, "Add '%.200s'", field);
            quick_fix(&o, d, title, g, (Span2){line, ch, line, ch}, text, false);
            free(text);
        }
        free(field);
    }
    yajl_gen_array_close(o.g);
    send_out(l, &o);
}

/* Completion ------------------------------------------------------------------- */

/* Where the cursor is, read from the text before it: the block it is in,
 * and the statement so far. */
typedef struct Where {
    int depth;                   /* 0: top level */
    const Schema *schema;        /* the block's fields (NULL: unknown, or a template's) */
    bool in_template;            /* the declaration is a template (service or offering fields) */
    char words[3][128];          /* the statement's words before the one being typed */
    int nwords;                  /* of them (strings count, unkept) */
    char last[128];              /* the last word before the one being typed */
    size_t word_start;           /* where the word being typed starts */
    Span2 edit;                  /* from there to the cursor, as the client counts (on_completion) */
    size_t string_start;         /* in a string: where its text starts */
    bool in_string;              /* the cursor is in a string or a comment */
} Where;

#define WHERE_DEPTH 64

static void where_of(const LspDoc *d, size_t cursor, Where *w)
{
    memset(w, 0, sizeof *w);
    const Schema *stack[WHERE_DEPTH];
    bool tmpl = false;
    size_t i = 0, word = SIZE_MAX;
    const char *t = d->text;
    enum { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, MULTI } state = CODE;
    while (i < cursor) {
        char c = t[i];
        if (state == LINE_COMMENT) {
            if (c == '\n')
                state = CODE;
            i++;
            continue;
        }
        if (state == BLOCK_COMMENT) {
            if (c == '*' && i + 1 < cursor && t[i + 1] == '/') {
                state = CODE;
                i++;
            }
            i++;
            continue;
        }
        if (state == STRING) {
            if (c == '\\')
                i++;
            else if (c == '"' || c == '\n')
                state = CODE;
            i++;
            continue;
        }
        if (state == MULTI) {
            if (c == '"' && i + 2 < cursor && t[i + 1] == '"' && t[i + 2] == '"') {
                state = CODE;
                i += 2;
            }
            i++;
            continue;
        }
        bool namechar = name_char(c);
        if (word != SIZE_MAX && !namechar) { /* a word ends */
            size_t n = i - word < sizeof w->last ? i - word : sizeof w->last - 1;
            memcpy(w->last, t + word, n);
            w->last[n] = '\0';
            if (w->nwords < 3)
                memcpy(w->words[w->nwords], w->last, n + 1);
            w->nwords++;
            word = SIZE_MAX;
        }
        if (namechar && word == SIZE_MAX)
            word = i;
        if (c == '/' && i + 1 < cursor && (t[i + 1] == '/' || t[i + 1] == '*')) {
            state = t[i + 1] == '/' ? LINE_COMMENT : BLOCK_COMMENT;
            i += 2;
            continue;
        }
        if (c == '"') {
            bool multi = i + 2 < cursor && t[i + 1] == '"' && t[i + 2] == '"';
            state = multi ? MULTI : STRING;
            i += multi ? 3 : 1;
            w->string_start = i;
            w->nwords++; /* a string is a value */
            continue;
        }
        if (c == '{') {
            const Schema *opened = NULL;
            if (w->depth == 0) {
                DeclKind k;
                tmpl = w->nwords > 0 && strcmp(w->words[0], "template") == 0;
                if (w->nwords > 0 && decl_kind_lookup(w->words[0], strlen(w->words[0]), &k))
                    opened = schema_of(k);
            } else if (w->nwords > 0 && w->schema) {
                const FieldSpec *f = schema_field(w->schema, w->words[0], (uint32_t)strlen(w->words[0]), NULL);
                opened = f ? f->block : NULL;
            } else if (w->nwords > 0 && tmpl && w->depth == 1) { /* a template's field's block */
                const FieldSpec *f = schema_field(&schema_service, w->words[0], strlen(w->words[0]), NULL);
                if (!f)
                    f = schema_field(&schema_offering, w->words[0], strlen(w->words[0]), NULL);
                opened = f ? f->block : NULL;
            }
            if (w->depth < WHERE_DEPTH)
                stack[w->depth] = w->schema;
            w->depth++;
            w->schema = opened;
            w->nwords = 0;
            w->last[0] = '\0';
        } else if (c == '}') {
            if (w->depth > 0) {
                w->depth--;
                w->schema = w->depth < WHERE_DEPTH ? stack[w->depth] : NULL;
            }
            if (w->depth == 0)
                tmpl = false;
            w->nwords = 0;
        } else if (c == '\n' || c == ';') {
            w->nwords = 0;
            w->last[0] = '\0';
        }
        i++;
    }
    w->in_template = tmpl && w->depth == 1;
    w->in_string = state != CODE;
    w->word_start = word != SIZE_MAX ? word : cursor;
}

/* The range of D from FROM to TO (on one line), as the client counts. */
static Span2 edit_range(const Lsp *l, const LspDoc *d, size_t from, size_t to)
{
    size_t line = 0, at = 0;
    for (size_t i = 0; i < from; i++)
        if (d->text[i] == '\n') {
            line++;
            at = i + 1;
        }
    size_t ch_from = units_between(l, d->text, at, from);
    return (Span2){line, ch_from, line, ch_from + units_between(l, d->text, from, to)};
}

/* A CompletionItem: LABEL replacing the word typed (EDIT). */
static void item(Out *o, const Span2 *edit, const char *label, int kind, const char *detail, const char *doc)
{
    yajl_gen_map_open(o->g);
    kv(o, "label", label);
    key(o, "kind");
    num(o, kind);
    if (detail)
        kv(o, "detail", detail);
    if (doc) {
        key(o, "documentation");
        yajl_gen_map_open(o->g);
        kv(o, "kind", "markdown");
        kv(o, "value", doc);
        yajl_gen_map_close(o->g);
    }
    key(o, "textEdit");
    yajl_gen_map_open(o->g);
    put_range(o, *edit);
    kv(o, "newText", label);
    yajl_gen_map_close(o->g);
    yajl_gen_map_close(o->g);
}

/* What field F takes, in a few words: "ref(team, person), a list". */
static void field_detail(const FieldSpec *f, char *buf, size_t n)
{
    static const char *const types[] = {
        [FT_STRING] = "string", [FT_INT] = "whole number", [FT_DECIMAL] = "number", [FT_PERCENT] = "percentage",
        [FT_DURATION] = "duration", [FT_QUANTITY] = "quantity", [FT_MONEY] = "money", [FT_ENUM] = "one of",
        [FT_REF] = "ref", [FT_CHARACTERISTIC] = "level (low, medium, high)", [FT_ITEM] = "item (id \"name\")",
        [FT_METRIC] = "service level (metric value)", [FT_PRICE] = "price", [FT_LINK] = "link (name \"url\")",
        [FT_BLOCK] = "block", [FT_HOURS] = "hours (days from-to)",
    };
    size_t k = (size_t)snprintf(buf, n, "%s", types[f->type]);
    if (f->type == FT_ENUM && f->words && f->words != schema_warning_codes)
        for (const char *const *w = f->words; *w && k < n; w++)
            k += (size_t)snprintf(buf + k, n - k, "%s%s", w == f->words ? " " : ", ", *w);
    if (f->type == FT_ENUM && f->words == schema_warning_codes && k < n)
        k += (size_t)snprintf(buf + k, n - k, " the warnings' codes");
    if (f->type == FT_REF && k < n) {
        k += (size_t)snprintf(buf + k, n - k, "(");
        bool first = true;
        for (int kd = 0; kd < DECL__COUNT && k < n; kd++)
            if (f->ref_kinds & (1u << kd)) {
                k += (size_t)snprintf(buf + k, n - k, "%s%s", first ? "" : ", ", decl_kind_name((DeclKind)kd));
                first = false;
            }
        if (k < n)
            k += (size_t)snprintf(buf + k, n - k, ")");
    }
    if ((f->flags & F_REQUIRED) && k < n)
        k += (size_t)snprintf(buf + k, n - k, ", required");
    if ((f->flags & F_LIST) && k < n)
        k += (size_t)snprintf(buf + k, n - k, ", a list (comma-separated)");
    if (f->block && k < n)
        snprintf(buf + k, n - k, " { %s block }", f->block->what);
}

static void field_items(Out *o, const Where *w, const Schema *s)
{
    for (size_t i = 0; s && i < s->nfields; i++) {
        char detail[512];
        field_detail(&s->fields[i], detail, sizeof detail);
        item(o, &w->edit, s->fields[i].name, 5 /* Field */, detail,
             schema_field_doc(s, s->fields[i].name));
    }
}

/* The ids of the entities of KINDS (a bit per kind), with their names. */
static void id_items(Lsp *l, Out *o, const Where *w, unsigned kinds)
{
    for (int k = 0; l->good && k < SVCC_KIND_COUNT; k++) {
        if (!(kinds & (1u << k)))
            continue;
        for (size_t i = 0; i < svcc_entity_count(l->good, (svcc_kind)k); i++) {
            const svcc_entity *e = svcc_entity_at(l->good, (svcc_kind)k, i);
            item(o, &w->edit, svcc_entity_id(e), 18 /* Reference */,
                 svcc_entity_name(e) ? svcc_entity_name(e) : svcc_kind_name((svcc_kind)k), NULL);
        }
    }
}

static void word_items(Out *o, const Where *w, const char *const *words, int kind)
{
    for (const char *const *p = words; p && *p; p++)
        item(o, &w->edit, *p, kind, NULL, NULL);
}

/* The modules `import` finds: the .svc files of the include folders, the
 * module path and the standard library (by name), and of the document's
 * folder (by path). */
static void module_items(Lsp *l, Out *o, const LspDoc *d, const Where *w)
{
    const char *path = getenv("SVCC_PATH");
    size_t ndirs = l->nincludes + 2;
    char **dirs = xmalloc((ndirs + 64) * sizeof *dirs);
    size_t n = 0;
    for (size_t i = 0; i < l->nincludes; i++)
        dirs[n++] = xstrdup(l->includes[i]);
    for (const char *p = path; p && *p && n < ndirs + 62;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        if (len)
            dirs[n++] = xstrndup(p, len);
        p += len + (colon ? 1 : 0);
    }
    if (l->stdlib)
        dirs[n++] = xstrdup(l->stdlib);
    char *slash = strrchr(d->path, '/');
    dirs[n++] = slash ? xstrndup(d->path, (size_t)(slash - d->path)) : xstrdup(".");
    for (size_t i = 0; i < n; i++) {
        DIR *dd = opendir(dirs[i]);
        struct dirent *e;
        while (dd && (e = readdir(dd)) != NULL) {
            size_t k = strlen(e->d_name);
            if (k <= 4 || strcmp(e->d_name + k - 4, ".svc") != 0 || e->d_name[0] == '.')
                continue;
            char label[NAME_MAX + 8];
            if (i + 1 == n) /* the document's folder: by path */
                snprintf(label, sizeof label, "./%s", e->d_name);
            else
                snprintf(label, sizeof label, "%.*s", (int)(k - 4), e->d_name);
            if (i + 1 == n && slash && strcmp(e->d_name, slash + 1) == 0)
                continue; /* the document itself */
            item(o, &w->edit, label, 9 /* Module */, dirs[i], NULL);
        }
        if (dd)
            closedir(dd);
        free(dirs[i]);
    }
    free(dirs);
}

/* The units of N's quantities (and its blocks'), each once, into *UNITS. */
static void units_in(const svcc_node *n, const char ***units, size_t *count)
{
    for (size_t f = 0; n && f < svcc_node_field_count(n); f++)
        for (size_t i = 0; i < svcc_node_value_count(n, f); i++) {
            svcc_value v = svcc_node_value(n, f, i);
            const char *u = svcc_value_type_of(v) == SVCC_QUANTITY ? svcc_value_unit(v) : NULL;
            bool seen = !u || !*u;
            for (size_t k = 0; k < *count && !seen; k++)
                seen = strcmp((*units)[k], u) == 0;
            if (!seen) {
                *units = xrealloc(*units, (*count + 1) * sizeof **units);
                (*units)[(*count)++] = u;
            }
            const svcc_node *b = svcc_value_block(v);
            if (b && (i == 0 || svcc_value_block(svcc_node_value(n, f, i - 1)) != b))
                units_in(b, units, count);
        }
}

/* After a quantity's number, or `per` in a price: the units the
 * catalogue's quantities use; after `per`, the periods too. */
static void unit_items(Lsp *l, Out *o, const Where *w, bool periods)
{
    static const char *const period_words[] = {"hour", "day", "week", "month", "quarter", "year", NULL};
    const char **units = NULL;
    size_t n = 0;
    for (int k = 0; l->good && k < SVCC_KIND_COUNT; k++)
        for (size_t i = 0; i < svcc_entity_count(l->good, (svcc_kind)k); i++)
            units_in(svcc_entity_fields(svcc_entity_at(l->good, (svcc_kind)k, i)), &units, &n);
    for (size_t i = 0; i < n; i++)
        item(o, &w->edit, units[i], 11 /* Unit */, "a unit the catalogue uses", NULL);
    free(units);
    if (periods)
        word_items(o, w, period_words, 11);
}

static const char *const common_currencies[] = {"EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK",
                                                "DKK", "PLN", "CZK", "INR", "CNY", NULL};

static void on_completion(Lsp *l, yajl_val id, yajl_val params)
{
    LspDoc *d = request_doc(l, id, params);
    if (!d)
        return;
    yajl_val p = get(params, "position");
    long long line = get_int(p, "line", -1), ch = get_int(p, "character", -1);
    if (line < 0 || ch < 0) {
        reply_error(l, id, ERR_PARAMS, "a completion needs a position");
        return;
    }
    size_t cursor = offset_of(l, d->text, d->len, (size_t)line, (size_t)ch);
    if (!l->c || l->dirty)
        compile(l, d); /* the ids to offer: of the text as it is */
    Where w;
    where_of(d, cursor, &w);
    Out o;
    result(&o, id);
    yajl_gen_array_open(o.g);
    const char *first = w.nwords > 0 ? w.words[0] : NULL;
    bool module_name = w.in_string && w.depth == 0 && first && strcmp(first, "import") == 0 && w.nwords == 2;
    if (module_name)
        w.word_start = w.string_start; /* in an import's quotes */
    w.edit = edit_range(l, d, w.word_start, cursor);
    if (w.in_string) { /* nothing in a string or a comment, but a module's name */
        if (module_name)
            module_items(l, &o, d, &w);
    } else if (w.depth == 0) {
        if (!first) {
            for (int k = 0; k < DECL__COUNT; k++)
                item(&o, &w.edit, decl_kind_name((DeclKind)k), 14 /* Keyword */, "declaration",
                     NULL);
            item(&o, &w.edit, "import", 14, "import a module or a file", NULL);
        } else if (w.nwords >= 2 && strcmp(w.last, "from") == 0) {
            id_items(l, &o, &w, 1u << DECL_TEMPLATE);
        }
    } else if (!first) {
        if (w.in_template) {
            field_items(&o, &w, &schema_service);
            field_items(&o, &w, &schema_offering);
        } else {
            field_items(&o, &w, w.schema);
        }
    } else {
        const Schema *s = w.in_template ? &schema_service : w.schema;
        const FieldSpec *f = s ? schema_field(s, first, strlen(first), NULL) : NULL;
        if (!f && w.in_template)
            f = schema_field(&schema_offering, first, strlen(first), NULL);
        if (!f) {
        } else if (f->type == FT_ENUM) {
            word_items(&o, &w, f->words, 20 /* EnumMember */);
        } else if (f->type == FT_CHARACTERISTIC && w.nwords == 1) {
            word_items(&o, &w, level_words, 20);
        } else if (f->type == FT_REF) {
            id_items(l, &o, &w, f->ref_kinds);
        } else if (f->type == FT_METRIC && w.nwords == 1) {
            for (size_t i = 0; i < metric_count; i++)
                item(&o, &w.edit, metric_specs[i].name, 10 /* Property */, "service level",
                     NULL);
        } else if (f->type == FT_METRIC && w.nwords == 2) {
            for (size_t i = 0; i < metric_count; i++)
                if (strcmp(metric_specs[i].name, w.words[1]) == 0 && metric_specs[i].type == FT_REF)
                    id_items(l, &o, &w, metric_specs[i].ref_kinds);
        } else if ((f->type == FT_MONEY || f->type == FT_PRICE) && w.nwords == 2) { /* after the amount */
            word_items(&o, &w, common_currencies, 21 /* Constant */);
        } else if (f->type == FT_QUANTITY && w.nwords == 2) { /* after the number */
            unit_items(l, &o, &w, false);
        } else if (f->type == FT_PRICE && strcmp(w.last, "per") == 0) {
            unit_items(l, &o, &w, true);
        } else if (f->type == FT_PRICE && w.nwords >= 3) {
            static const char *const after_amount[] = {"per", "for", "others", NULL};
            word_items(&o, &w, after_amount, 14 /* Keyword */);
        }
    }
    yajl_gen_array_close(o.g);
    send_out(l, &o);
}

/* Hover on what is not an entity ------------------------------------------------- */

/* A duration as written ("1h30m", "2d") in words, into BUF; false if TEXT
 * is not one. */
static bool duration_words(const char *text, size_t n, char *buf, size_t size)
{
    static const struct {
        char unit;
        const char *one, *many;
    } units[] = {{'w', "week", "weeks"}, {'d', "day", "days"}, {'h', "hour", "hours"}, {'m', "minute", "minutes"},
                 {'s', "second", "seconds"}};
    size_t k = 0, i = 0;
    buf[0] = '\0';
    while (i < n) {
        unsigned long long v = 0;
        size_t digits = 0;
        while (i < n && text[i] >= '0' && text[i] <= '9' && digits < 12)
            v = v * 10 + (unsigned long long)(text[i++] - '0'), digits++;
        if (!digits || i >= n)
            return false;
        size_t u = 0;
        while (u < 5 && units[u].unit != text[i])
            u++;
        if (u == 5)
            return false;
        i++;
        k += (size_t)snprintf(buf + k, k < size ? size - k : 0, "%s%llu %s", k ? " " : "", v,
                              v == 1 ? units[u].one : units[u].many);
    }
    return k > 0 && k < size;
}

/* Hover on a field's name (its type) or a value (a duration in words, a
 * percentage as downtime); false if there is nothing to say. */
static bool hover_word(Lsp *l, yajl_val id, const LspDoc *d, yajl_val params)
{
    yajl_val pos = get(params, "position");
    long long line = get_int(pos, "line", -1), ch = get_int(pos, "character", -1);
    if (line < 0 || ch < 0)
        return false;
    size_t at = offset_of(l, d->text, d->len, (size_t)line, (size_t)ch), b = at, e = at;
    while (b > 0 && (name_char(d->text[b - 1]) || d->text[b - 1] == '%'))
        b--;
    while (e < d->len && (name_char(d->text[e]) || d->text[e] == '%'))
        e++;
    if (b == e)
        return false;
    Where w;
    where_of(d, b, &w);
    if (w.in_string)
        return false;
    char md[1024];
    size_t n = e - b;
    const char *t = d->text + b;
    if (w.nwords == 0 && w.depth > 0) { /* a field's name */
        const Schema *s = w.in_template ? &schema_service : w.schema;
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(n < 127 ? n : 127), t);
        const FieldSpec *f = s ? schema_field(s, name, strlen(name), NULL) : NULL;
        if (!f && w.in_template)
            f = schema_field(&schema_offering, name, strlen(name), NULL);
        if (!f)
            return false;
        char detail[512];
        field_detail(f, detail, sizeof detail);
        const char *doc = schema_field_doc(w.in_template ? &schema_service : s, f->name);
        snprintf(md, sizeof md, "**field** `%s` of %s: %s%s%s", f->name, w.in_template ? "a template" : s->what,
                 detail, doc ? "\n\n" : "", doc ? doc : "");
    } else if (n > 1 && t[n - 1] == '%') { /* a percentage: as downtime */
        char num[64];
        snprintf(num, sizeof num, "%.*s", (int)(n - 1 < 63 ? n - 1 : 63), t);
        char *end;
        double v = strtod(num, &end);
        if (*end || v < 0 || v > 100)
            return false;
        double month = (100 - v) / 100 * 30 * 24 * 60, year = (100 - v) / 100 * 365 * 24;
        snprintf(md, sizeof md, "%.*s available: at most %.1f minutes down in a 30-day month, %.1f hours in a year",
                 (int)n, t, month, year);
    } else {
        char words[256];
        if (!duration_words(t, n, words, sizeof words))
            return false;
        snprintf(md, sizeof md, "`%.*s`: %s", (int)n, t, words);
    }
    reply_markdown(l, id, md);
    return true;
}

/* The loop ------------------------------------------------------------------------ */

typedef void (*EntityRequest)(Lsp *l, yajl_val id, yajl_val params, LspDoc *d, const svcc_entity *e);

/* The handler of METHOD if it asks about the entity at a position. */
static EntityRequest entity_request(const char *method)
{
    static const struct {
        const char *method;
        EntityRequest handler;
    } table[] = {
        {"textDocument/definition", on_definition},
        {"textDocument/references", on_references},
        {"textDocument/hover", on_hover},
        {"textDocument/rename", on_rename},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcmp(method, table[i].method) == 0)
            return table[i].handler;
    return NULL;
}

static long ms_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* The document most recently changed: the one whose catalogue to check. */
static LspDoc *last_doc(Lsp *l) { return l->ndocs ? &l->docs[l->ndocs - 1] : NULL; }

/* Handle one message; returns false on `exit`. */
static bool handle(Lsp *l, yajl_val msg, int *status)
{
    const char *method = get_str(msg, "method");
    yajl_val id = get(msg, "id"), params = get(msg, "params");
    bool request = id != NULL;
    if (!method) {
        if (request && !get(msg, "result") && !get(msg, "error"))
            reply_error(l, id, ERR_INVALID_REQUEST, "a request needs a method");
        return true; /* a response to the server's own request: none are sent */
    }
    if (strcmp(method, "exit") == 0) {
        *status = l->shutdown ? 0 : 1;
        return false;
    }
    if (l->shutdown && request) {
        reply_error(l, id, ERR_INVALID_AFTER_SHUTDOWN, "the server is shut down: only exit is left");
        return true;
    }
    if (strcmp(method, "initialize") == 0) {
        on_initialize(l, id, params);
        return true;
    }
    if (!l->initialized) {
        if (request)
            reply_error(l, id, ERR_NOT_INITIALIZED, "initialize comes first");
        return true;
    }
    if (strcmp(method, "shutdown") == 0) {
        l->shutdown = true;
        reply_null(l, id);
    } else if (strcmp(method, "textDocument/didOpen") == 0) {
        on_did_open(l, params);
    } else if (strcmp(method, "textDocument/didChange") == 0) {
        on_did_change(l, params);
    } else if (strcmp(method, "textDocument/didClose") == 0) {
        on_did_close(l, params);
    } else if (strcmp(method, "textDocument/didSave") == 0) {
        LspDoc *d = find_doc(l, get_str(get(params, "textDocument"), "uri"));
        if (d)
            doc_locate(d);
        l->dirty = true;
    } else if (entity_request(method)) {
        LspDoc *d;
        const svcc_entity *e = request_entity(l, id, params, &d);
        if (d)
            entity_request(method)(l, id, params, d, e);
    } else if (strcmp(method, "textDocument/documentSymbol") == 0) {
        LspDoc *d = request_doc(l, id, params);
        if (d) {
            compiled_for(l, d);
            symbols(l, id, d, NULL);
        }
    } else if (strcmp(method, "workspace/symbol") == 0) {
        if ((!l->c || l->dirty) && last_doc(l))
            compile(l, last_doc(l));
        symbols(l, id, NULL, get_str(params, "query"));
    } else if (strcmp(method, "textDocument/codeAction") == 0) {
        on_code_action(l, id, params);
    } else if (strcmp(method, "textDocument/completion") == 0) {
        on_completion(l, id, params);
    } else if (strcmp(method, "textDocument/formatting") == 0 ||
               strcmp(method, "textDocument/rangeFormatting") == 0) {
        on_formatting(l, id, params);
    } else if (request) {
        char m[300];
        snprintf(m, sizeof m, "unknown method '%.200s'", method);
        reply_error(l, id, ERR_METHOD, m);
    }
    return true;
}

static const char lsp_usage[] =
    "usage: svcc lsp [--stdlib DIR] [-I DIR]...\n"
    "\n"
    "A Language Server Protocol (3.17) server on standard input and output, for\n"
    "editors (docs/editors.md).  Each document's catalogue is the root file the\n"
    "client names (initializationOptions.root), else the nearest .svc file with\n"
    "a catalogue declaration in the document's folder or above.\n"
    "\n"
    "  -I DIR              look for imported modules in DIR too (repeatable)\n"
    "      --stdlib DIR    the standard library's folder\n"
    "  -h, --help          print this help and exit\n";

int cmd_lsp(int argc, char **argv, const char *stdlib_dir)
{
    Lsp l;
    memset(&l, 0, sizeof l);
    l.in = STDIN_FILENO;
    l.out = stdout;
    l.stdlib = stdlib_dir;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(lsp_usage, stdout);
            return 0;
        }
        if ((strcmp(argv[i], "-I") == 0 || strcmp(argv[i], "--stdlib") == 0) && i + 1 < argc) {
            if (argv[i][1] == 'I') {
                l.includes = xrealloc(l.includes, (l.nincludes + 1) * sizeof *l.includes);
                l.includes[l.nincludes++] = xstrdup(argv[i + 1]);
            } else {
                l.stdlib = argv[i + 1];
            }
            i++;
            continue;
        }
        fprintf(stderr, "svcc lsp: unknown option '%s'\n%s", argv[i], lsp_usage);
        return EXIT_USAGE;
    }
    l.docs_base = docs_url(l.stdlib);
    int status = 1; /* the input ended without exit */
    for (;;) {
        if (l.dirty && last_doc(&l)) {
            long wait = LSP_DEBOUNCE_MS - ms_since(&l.edited);
            if (!input_within(&l, wait > 0 ? (int)wait : 0)) {
                compile(&l, last_doc(&l));
                continue;
            }
        }
        char *body;
        size_t len;
        bool too_large;
        if (!read_message(&l, &body, &len, &too_large))
            break;
        if (!body) {
            if (too_large) {
                char m[128];
                snprintf(m, sizeof m, "a message longer than %zu MiB is refused", LSP_MAX_MESSAGE >> 20);
                reply_error(&l, NULL, ERR_INVALID_REQUEST, m);
            }
            continue;
        }
        char err[256];
        yajl_val msg = yajl_tree_parse(body, err, sizeof err);
        free(body);
        if (!msg || !YAJL_IS_OBJECT(msg)) {
            reply_error(&l, NULL, ERR_PARSE, msg ? "a message is a JSON object" : "the message is not JSON");
            yajl_tree_free(msg);
            continue;
        }
        bool go_on = handle(&l, msg, &status);
        yajl_tree_free(msg);
        if (!go_on)
            break;
    }
    if (l.good && l.good != l.c)
        svcc_free(l.good);
    if (l.c)
        svcc_free(l.c);
    drop_files(&l);
    for (size_t i = 0; i < l.ndocs; i++) {
        free(l.docs[i].uri);
        free(l.docs[i].path);
        free(l.docs[i].real);
        free(l.docs[i].text);
    }
    free(l.docs);
    for (size_t i = 0; i < l.npublished; i++) {
        free(l.published[i].uri);
        free(l.published[i].root);
    }
    free(l.published);
    for (size_t i = 0; i < l.nincludes; i++)
        free(l.includes[i]);
    free(l.includes);
    free(l.root_cfg);
    free(l.docs_base);
    free(l.c_root);
    free(l.c_lib);
    return status;
}
