/* json.c — yajl generators on the arena. */
#include "json.h"

#include "source.h"

static void *json_malloc(void *ctx, size_t n) { return arena_sized_alloc(ctx, n); }
static void *json_realloc(void *ctx, void *p, size_t n) { return arena_sized_realloc(ctx, p, n); }
static void json_free(void *ctx, void *p)
{
    (void)ctx;
    (void)p;
}

#define JSON_BUF (64 * 1024)

/* yajl hands over each token: gather them, so that stdio sees large writes. */
static void json_write(void *ctx, const char *s, size_t len)
{
    Json *j = ctx;
    if (j->len + len > JSON_BUF) {
        fwrite(j->buf, 1, j->len, j->out);
        j->len = 0;
        if (len > JSON_BUF) {
            fwrite(s, 1, len, j->out);
            return;
        }
    }
    memcpy(j->buf + j->len, s, len);
    j->len += len;
}

void json_open(Json *j, Arena *a, FILE *out, bool pretty)
{
    j->funcs.malloc = json_malloc;
    j->funcs.realloc = json_realloc;
    j->funcs.free = json_free;
    j->funcs.ctx = a;
    j->g = yajl_gen_alloc(&j->funcs);
    j->out = out;
    j->buf = arena_alloc(a, JSON_BUF);
    j->len = 0;
    yajl_gen_config(j->g, yajl_gen_print_callback, json_write, (void *)j);
    if (pretty) {
        yajl_gen_config(j->g, yajl_gen_beautify, 1);
        yajl_gen_config(j->g, yajl_gen_indent_string, "  ");
    }
}

void json_close(Json *j, FILE *out)
{
    yajl_gen_free(j->g);
    fwrite(j->buf, 1, j->len, j->out);
    j->len = 0;
    fputc('\n', out);
}

void json_str(yajl_gen g, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) { /* the common case: all of it valid */
        uint32_t cp;
        int k = p[i] < 0x80 ? 1 : utf8_decode(p + i, n - i, &cp);
        if (k <= 0)
            break;
        i += (size_t)k;
    }
    if (i == n) {
        yajl_gen_string(g, p, n);
        return;
    }
    /* Only a file name gets here (the lexer rejects such strings): one of
     * PATH_MAX bytes fits; anything longer is cut at the buffer's end. */
    unsigned char fixed[3 * 4096 + 4];
    size_t o = 0;
    for (i = 0; i < n && o + 4 <= sizeof fixed;) {
        uint32_t cp;
        int k = utf8_decode(p + i, n - i, &cp);
        if (k <= 0) {
            memcpy(fixed + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(fixed + o, p + i, (size_t)k);
            o += (size_t)k;
            i += (size_t)k;
        }
    }
    yajl_gen_string(g, fixed, o);
}

void json_number(yajl_gen g, const char *text, size_t len)
{
    while (len > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9') {
        text++;
        len--;
    }
    yajl_gen_number(g, text, len);
}
