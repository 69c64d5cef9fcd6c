/* source.c — reading files, line maps and UTF-8 helpers. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void source_set_init(SourceSet *set, Arena *arena)
{
    memset(set, 0, sizeof *set);
    set->arena = arena;
}

/* A new file, in the set already (so that source_set_free reaches its
 * text even if reading it runs out of memory); its text goes to SRC->own. */
static Source *source_new(SourceSet *set, const char *path)
{
    set->files = arena_grow(set->arena, set->files, set->count, &set->cap, sizeof *set->files, 8);
    Source *src = ARENA_NEW(set->arena, Source);
    src->id = set->count;
    src->arena = set->arena;
    src->path = arena_strdup(set->arena, path);
    arena_init(&src->own);
    src->own.parent = set->arena;
    set->files[set->count++] = src;
    return src;
}

static void source_set_text(Source *src, const char *text, size_t len)
{
    src->text = text;
    src->len = src->text_len = len;
    src->has_bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
}

/* Take back the last file added: it could not be read. */
static void source_forget(SourceSet *set, Source *src)
{
    arena_free(&src->own);
    set->count--;
}

Source *source_add(SourceSet *set, const char *path, const char *data, size_t len)
{
    Source *src = source_new(set, path);
    char *text = arena_alloc(&src->own, len + 2);
    src->quote = true;
    memcpy(text, data, len);
    text[len] = text[len + 1] = '\0';
    source_set_text(src, text, len);
    return src;
}

bool source_is_svc_name(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcmp(path + n - 4, ".svc") == 0 && path[n - 5] != '/';
}

/* What a file that is not a regular file is, for a message. */
static const char *file_type_name(mode_t mode)
{
    return S_ISFIFO(mode)  ? "it is a FIFO"
         : S_ISCHR(mode)  ? "it is a character device"
         : S_ISBLK(mode)  ? "it is a block device"
         : S_ISSOCK(mode) ? "it is a socket"
                          : "it is not a regular file";
}

bool path_is_system(const char *path)
{
    return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0 ||
           strncmp(path, "/sys/", 5) == 0;
}

/* What keeps PATH (with status ST) from being read: NULL if nothing.  With
 * SVC_ONLY only a regular file named *.svc outside the system's trees. */
static const char *source_refusal(const char *path, const struct stat *st, bool svc_only)
{
    if (S_ISDIR(st->st_mode))
        return "it is a directory";
    if (!svc_only)
        return NULL;
    if (!S_ISREG(st->st_mode))
        return file_type_name(st->st_mode);
    if (!source_is_svc_name(path) || path_is_system(path))
        return "an import must be a catalogue source, a regular file named *.svc";
    return NULL;
}

/* Open PATH for reading; NULL with *ERR set.  With SVC_ONLY, what is not a
 * catalogue source is refused before a byte is read: the file is looked at
 * first, then opened without waiting (a FIFO put there in between would
 * block) and looked at again. */
static FILE *source_open(SourceSet *set, const char *path, bool svc_only, struct stat *st,
                         const char **err)
{
    const char *why = NULL;
    int fd = -1;
    if (svc_only && stat(path, st) == 0)
        why = source_refusal(path, st, svc_only);
    if (!why && (fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | (svc_only ? O_NONBLOCK : 0))) < 0) {
        *err = arena_printf(set->arena, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    if (!why && fstat(fd, st) != 0)
        why = strerror(errno);
    if (!why)
        why = source_refusal(path, st, svc_only);
    if (why) {
        *err = arena_printf(set->arena, "cannot read '%s': %s", path, why);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (svc_only)
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        *err = arena_printf(set->arena, "cannot open '%s': %s", path, strerror(errno));
        close(fd);
    }
    return f;
}

Source *source_read(SourceSet *set, const char *path, bool svc_only, const char **err)
{
    bool is_stdin = strcmp(path, "-") == 0 && !svc_only;
    struct stat st;
    FILE *f = is_stdin ? stdin : source_open(set, path, svc_only, &st, err);
    if (!f)
        return NULL;
    /* A regular file is read into one block of its size; other inputs
     * (standard input, pipes) grow a buffer as they come. */
    bool sized = !is_stdin && S_ISREG(st.st_mode);
    if (sized && (size_t)st.st_size > SOURCE_MAX_BYTES) {
        fclose(f);
        *err = arena_printf(set->arena, "cannot read '%s': larger than the limit of %zu MiB", path,
                            SOURCE_MAX_BYTES >> 20);
        return NULL;
    }
    Source *src = source_new(set, is_stdin ? "<stdin>" : path);
    src->quote = is_stdin || source_is_svc_name(path);
    Buf b;
    buf_init(&b, &src->own);
    if (sized) { /* the file's size, and room to see the end and add two NULs */
        b.cap = (size_t)st.st_size + 3;
        b.data = arena_alloc(&src->own, b.cap);
    }
    for (;;) {
        size_t n;
        if (b.cap > b.len + 3) { /* straight into the buffer while it has room */
            n = fread(b.data + b.len, 1, b.cap - b.len - 3, f);
            b.len += n;
        } else {
            char chunk[65536];
            n = fread(chunk, 1, sizeof chunk, f);
            buf_add(&b, chunk, n);
        }
        if (n == 0)
            break;
        if (b.len > SOURCE_MAX_BYTES) {
            if (!is_stdin)
                fclose(f);
            source_forget(set, src);
            *err = arena_printf(set->arena, "cannot read '%s': larger than the limit of %zu MiB",
                                is_stdin ? "<stdin>" : path, SOURCE_MAX_BYTES >> 20);
            return NULL;
        }
    }
    int failed = ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (failed) {
        source_forget(set, src);
        *err = arena_printf(set->arena, "cannot read '%s': %s", is_stdin ? "<stdin>" : path,
                            strerror(saved));
        return NULL;
    }
    buf_add(&b, "\0\0", 2);
    source_set_text(src, b.data, b.len - 2);
    if (sized && (long long)src->len == (long long)st.st_size) {
        src->reread = arena_strdup(set->arena, path);
        src->size = (long long)st.st_size;
        src->mtime_s = (long long)st.st_mtim.tv_sec;
        src->mtime_ns = (long long)st.st_mtim.tv_nsec;
    }
    return src;
}

void source_set_free(SourceSet *set)
{
    for (uint32_t i = 0; i < set->count; i++)
        arena_free(&set->files[i]->own);
}

bool source_drop(Source *src)
{
    if (!src->reread || !src->text)
        return false;
    source_map_lines(src);
    arena_free(&src->own);
    src->text = NULL;
    return true;
}


const char *source_text(Source *src)
{
    if (src->text)
        return src->text;
    /* Read again, as it is now: a file changed since it was parsed shows
     * what it holds now (positions come from the line map made of what
     * was parsed). */
    Buf b;
    buf_init(&b, &src->own);
    FILE *f = fopen(src->reread, "rb");
    struct stat st;
    src->changed = !f || fstat(fileno(f), &st) != 0 || (long long)st.st_size != src->size ||
                   (long long)st.st_mtim.tv_sec != src->mtime_s ||
                   (long long)st.st_mtim.tv_nsec != src->mtime_ns;
    if (f) {
        char chunk[65536];
        size_t n;
        while (b.len < SOURCE_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            buf_add(&b, chunk, n);
        fclose(f);
    }
    buf_add(&b, "\0\0", 2);
    src->text = b.data;
    src->text_len = b.len - 2;
    return src->text;
}

Source *source_get(const SourceSet *set, uint32_t id)
{
    return id < set->count ? set->files[id] : NULL;
}

/* The line map: each line's length with its '\n' in a byte (255: 255 or
 * more, the length then in `long_lens`, in order), and for every
 * LINE_GROUP-th line where it starts and how many long lines come before
 * it — about a byte a line where offsets would take four. */
#define LINE_GROUP 64

/* Whether the N bytes at P are all ASCII: eight at a time (this runs over
 * every byte of every file). */
static bool all_ascii(const char *p, size_t n)
{
    uint64_t acc = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        acc |= w;
    }
    for (; i < n; i++)
        acc |= (unsigned char)p[i];
    return !(acc & 0x8080808080808080u);
}

void source_map_lines(Source *src)
{
    if (src->line_len)
        return;
    const char *t = source_text(src);
    size_t len = src->text_len;
    uint32_t n = 1, nlong = 0;
    for (const char *p = t, *e = t + len, *q; (q = memchr(p, '\n', (size_t)(e - p))) != NULL; p = q + 1) {
        n++;
        nlong += q + 1 - p >= 255;
    }
    uint8_t *lens = ARENA_ARRAY(src->arena, uint8_t, n);
    uint8_t *wide = arena_zalloc(src->arena, (n + 7) / 8);
    uint32_t *longs = ARENA_ARRAY(src->arena, uint32_t, nlong + 1);
    uint32_t ngroups = (n + LINE_GROUP - 1) / LINE_GROUP;
    uint32_t *group_at = ARENA_ARRAY(src->arena, uint32_t, ngroups);
    uint32_t *group_long = ARENA_ARRAY(src->arena, uint32_t, ngroups);
    const char *p = t, *e = t + len;
    bool ascii = all_ascii(t, len); /* most files: no line is looked at */
    for (uint32_t li = 0, k = 0; li < n; li++) {
        const char *q = memchr(p, '\n', (size_t)(e - p));
        const char *next = q ? q + 1 : e;
        if (li % LINE_GROUP == 0) {
            group_at[li / LINE_GROUP] = (uint32_t)(p - t);
            group_long[li / LINE_GROUP] = k;
        }
        size_t l = (size_t)(next - p);
        lens[li] = l >= 255 ? 255 : (uint8_t)l;
        if (l >= 255)
            longs[k++] = (uint32_t)l;
        if (!ascii && !all_ascii(p, l))
            wide[li / 8] |= (uint8_t)(1u << (li % 8));
        p = next;
    }
    src->line_len = lens;
    src->long_lens = longs;
    src->group_at = group_at;
    src->group_long = group_long;
    src->wide = wide;
    src->nlines = n;
}

/* The length of line J with its '\n'; *K counts the long lines met. */
static uint32_t line_length(const Source *src, uint32_t j, uint32_t *k)
{
    return src->line_len[j] == 255 ? src->long_lens[(*k)++] : src->line_len[j];
}

/* The start of line LI (from 0), and its length with its '\n' in *LEN. */
static uint32_t line_start(const Source *src, uint32_t li, uint32_t *len)
{
    uint32_t g = li / LINE_GROUP, at = src->group_at[g], k = src->group_long[g];
    for (uint32_t j = g * LINE_GROUP;; j++) {
        uint32_t l = line_length(src, j, &k);
        if (j == li) {
            *len = l;
            return at;
        }
        at += l;
    }
}

/* The line (from 0) OFFSET is on, and where it starts. */
static uint32_t source_line_index(Source *src, uint32_t offset, uint32_t *start)
{
    source_map_lines(src);
    uint32_t ngroups = (src->nlines + LINE_GROUP - 1) / LINE_GROUP;
    uint32_t lo = 0, hi = ngroups; /* the group is in [lo, hi) */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (src->group_at[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t at = src->group_at[lo], k = src->group_long[lo];
    uint32_t li = lo * LINE_GROUP;
    for (; li + 1 < src->nlines; li++) {
        uint32_t l = line_length(src, li, &k);
        if (at + l > offset)
            break;
        at += l;
    }
    *start = at;
    return li;
}

void source_forget_before(Source *src, uint32_t offset)
{
    if (!src->reread || !src->text || offset > src->len)
        return;
    uint32_t start; /* from its line's start: a column on that line counts from there */
    source_line_index(src, offset, &start);
    arena_discard(&src->own, src->text, start);
}

void source_position(Source *src, uint32_t offset, uint32_t *line, uint32_t *col)
{
    if (offset > src->len)
        offset = (uint32_t)src->len;
    uint32_t start;
    uint32_t li = source_line_index(src, offset, &start);
    *line = li + 1;
    if (!(src->wide[li / 8] & (1u << (li % 8)))) { /* ASCII: a column is a byte */
        *col = offset - start + 1;
        return;
    }
    const char *text = source_text(src);
    if (offset > src->text_len) /* changed since: count what is there */
        offset = (uint32_t)src->text_len;
    *col = source_column(src, text, start < offset ? start : offset, offset);
}

uint32_t source_line_number(Source *src, uint32_t offset)
{
    uint32_t start;
    return source_line_index(src, offset < src->len ? offset : (uint32_t)src->len, &start) + 1;
}

uint32_t source_column(const Source *src, const char *text, uint32_t line_start, uint32_t offset)
{
    const unsigned char *p = (const unsigned char *)text + line_start;
    const unsigned char *e = (const unsigned char *)text + offset;
    if (line_start == 0 && src->has_bom && e >= p + 3)
        p += 3; /* the byte-order mark is not a column */
    uint32_t c = 1;
    while (p < e) {
        uint32_t cp;
        int k = utf8_decode(p, (size_t)(e - p), &cp);
        p += k > 0 ? k : 1; /* an invalid byte counts as one column */
        c++;
    }
    return c;
}

const char *source_line(Source *src, uint32_t line, size_t *len)
{
    source_map_lines(src);
    const char *text = source_text(src);
    size_t n = src->text_len;
    uint32_t b = 0, l = 0;
    if (line > 0 && line <= src->nlines)
        b = line_start(src, line - 1, &l);
    if (line == 0 || line > src->nlines || b > n) {
        *len = 0;
        return text + n;
    }
    size_t e = line < src->nlines ? b + l - 1 : src->len;
    if (e > n)
        e = n;
    const char *nl = memchr(text + b, '\n', e - b); /* changed since it was parsed */
    if (nl)
        e = (size_t)(nl - text);
    if (e > b && text[e - 1] == '\r')
        e--;
    *len = e - b;
    return text + b;
}

/* UTF-8 ---------------------------------------------------------------- */

int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

int utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Ranges of East Asian Wide and Fullwidth characters and of emoji shown
 * wide (Unicode 15, abridged to the blocks that matter in practice). */
static const uint32_t wide_ranges[][2] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static bool in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < r[mid][0])
            hi = mid;
        else if (cp > r[mid][1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static const uint32_t zero_ranges[][2] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

int utf8_display_width(uint32_t cp)
{
    if (cp < 0x300)
        return 1;
    if (in_ranges(cp, zero_ranges, sizeof zero_ranges / sizeof zero_ranges[0]))
        return 0;
    if (in_ranges(cp, wide_ranges, sizeof wide_ranges / sizeof wide_ranges[0]))
        return 2;
    return 1;
}
