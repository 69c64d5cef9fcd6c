/* json.c — yajl generators on the arena. */
#include "json.h"

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
    yajl_gen_config(j->g, yajl_gen_validate_utf8, 1);
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
