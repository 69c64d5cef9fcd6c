/* fuzz_lsp.c — libFuzzer harness for svcc lsp: the fuzzer's bytes are a
 * script of edits and requests, sent after initialize and didOpen of a
 * small catalogue (a file of its own on disk): ranges replaced by pieces of
 * svcc text (braces, quotes, ids, keywords, multi-byte characters, line
 * ends), the whole text replaced, and completion, hover, definition,
 * references, rename, formatting of the whole text and of a range, and
 * code actions at positions
 * the script picks — in range or not.  The server must neither crash nor
 * hang (libFuzzer's -timeout), whatever the text becomes mid-edit.  Built
 * by `make fuzz`. */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz.h"

static const char *const pieces[] = {
    "{", "}", "\"", "\"\"\"", "\n", " ", "  ", ",", ";", "x", "ops", "team ", "service ", "offering ",
    "owner ", "depends_on ", "status ", "live", "from ", "template ", "catalogue c \"C\" {\n  version \"1\"\n  provider \"P\"\n}\n",
    "import \"", "itil4", "ihip.", "1h30m", "99.9%", "4.50 EUR", "///", "// c\n", "/*", "*/", "\xc3\xa9",
    "\xf0\x9f\x98\x80", "\r\n", "\\", "level ", "availability ", "intangibility high {\n", "strength soft", "-",
    ".", "\t", "people ", "lead ", "person p {}\n", "team ops {}\n", "requirement ", "allow W0201",
};
#define NPIECES (sizeof pieces / sizeof *pieces)

static const char initial[] = "catalogue c \"C\" {\n  version \"1\"\n  provider ops\n}\n"
                              "team ops \"Ops\" {\n  lead ada\n}\nperson ada \"Ada\" {\n  team ops\n}\n"
                              "service mail \"Mail\" from ihip.digital_self_service {\n  type business\n"
                              "  status pipeline\n  owner ops\n}\n";

typedef struct Script {
    char *buf;
    size_t len, cap;
    int id;
} Script;

static void put(Script *s, const char *text, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        s->cap = (s->len + n + 1) * 2;
        s->buf = realloc(s->buf, s->cap);
        if (!s->buf)
            abort();
    }
    memcpy(s->buf + s->len, text, n);
    s->len += n;
}

/* A JSON string of TEXT (N bytes), escaped. */
static void put_json_string(Script *s, const char *text, size_t n)
{
    put(s, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\', esc[1] = (char)c;
            put(s, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            put(s, esc, 6);
        } else {
            put(s, (const char *)&c, 1);
        }
    }
    put(s, "\"", 1);
}

/* One message: its header, then the body BODY (NUL-terminated). */
static void message(Script *s, const char *body)
{
    char head[64];
    int n = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
    put(s, head, (size_t)n);
    put(s, body, strlen(body));
}

/* A message whose body is BEFORE, the JSON string of TEXT (N bytes), then
 * AFTER. */
static void message_with_text(Script *s, const char *before, const char *text, size_t n, const char *after)
{
    Script body = {0};
    put(&body, before, strlen(before));
    put_json_string(&body, text, n);
    put(&body, after, strlen(after));
    put(&body, "", 1);
    message(s, body.buf);
    free(body.buf);
}

static char uri[300];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[256];
    static int out_ready;
    if (!path[0]) {
        char dir[] = "/tmp/svcc-fuzz-lsp-XXXXXX";
        if (!mkdtemp(dir))
            abort();
        /* A catalogue beside the document: the root found when the edits
         * take the document's own catalogue declaration away, so that the
         * search never climbs to whatever .svc files the folders above hold. */
        snprintf(path, sizeof path, "%s/catalogue.svc", dir);
        FILE *f = fopen(path, "w");
        if (!f)
            abort();
        fputs("catalogue beside \"Beside\" {\n  version \"1\"\n  provider \"P\"\n}\n", f);
        fclose(f);
        snprintf(path, sizeof path, "%s/f.svc", dir);
        f = fopen(path, "w");
        if (!f)
            abort();
        fputs(initial, f);
        fclose(f);
        snprintf(uri, sizeof uri, "file://%s", path);
    }
    if (!out_ready) {
        if (!freopen("/dev/null", "w", stdout))
            abort();
        out_ready = 1;
    }
    Script s = {0};
    char body[1024];
    message(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    message(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    snprintf(body, sizeof body,
             "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"%s\","
             "\"languageId\":\"svcc\",\"version\":1,\"text\":",
             uri);
    message_with_text(&s, body, initial, strlen(initial), "}}}");
    size_t i = 0;
    int id = 2;
    while (i + 4 <= size) {
        unsigned op = data[i] % 9, line = data[i + 1] % 24, ch = data[i + 2] % 40, k = data[i + 3];
        i += 4;
        char pos[96];
        snprintf(pos, sizeof pos, "\"position\":{\"line\":%u,\"character\":%u}", line, ch);
        if (op <= 1) { /* replace a range (op 0) or the whole text (op 1) with pieces */
            Script text = {0};
            for (unsigned n = 0; n < k % 6 + 1 && i < size; n++, i++)
                put(&text, pieces[data[i] % NPIECES], strlen(pieces[data[i] % NPIECES]));
            char range[160] = "";
            if (op == 0)
                snprintf(range, sizeof range,
                         "\"range\":{\"start\":{\"line\":%u,\"character\":%u},\"end\":{\"line\":%u,\"character\":%u}},",
                         line, ch, line + k % 3, (ch + k) % 40);
            snprintf(body, sizeof body,
                     "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":"
                     "\"%s\",\"version\":%d},\"contentChanges\":[{%s\"text\":",
                     uri, id++, range);
            message_with_text(&s, body, text.buf ? text.buf : "", text.len, "}]}}");
            free(text.buf);
            continue;
        }
        static const char *const methods[] = {"completion", "hover", "definition", "references", "rename",
                                              "formatting", "rangeFormatting"};
        if (op < 9 && op - 2 < sizeof methods / sizeof *methods) {
            const char *m = methods[op - 2];
            snprintf(body, sizeof body,
                     "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"textDocument/%s\",\"params\":{\"textDocument\":{\"uri\":"
                     "\"%s\"},%s,\"newName\":\"%s\",\"context\":{\"includeDeclaration\":true},\"options\":{},"
                     "\"range\":{\"start\":{\"line\":%u,\"character\":0},\"end\":{\"line\":%u,\"character\":%u}}}}",
                     id++, m, uri, pos, k % 2 ? "renamed" : "9bad", line, line + k % 4, ch);
            message(&s, body);
        }
        if (k % 5 == 0) { /* a code action for a made-up diagnostic */
            snprintf(body, sizeof body,
                     "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":"
                     "{\"uri\":\"%s\"},\"range\":{\"start\":{\"line\":%u,\"character\":%u},\"end\":{\"line\":%u,"
                     "\"character\":%u}},\"context\":{\"diagnostics\":[{\"range\":{\"start\":{\"line\":%u,\"character\":%u},"
                     "\"end\":{\"line\":%u,\"character\":%u}},\"code\":\"E0204\",\"message\":\"team 'x' has no 'lead'\\n"
                     "help: did you mean 'ops'?\"}]}}}",
                     id++, uri, line, ch, line, ch, line, ch, line, ch + 1);
            message(&s, body);
        }
    }
    message(&s, "{\"jsonrpc\":\"2.0\",\"id\":9999,\"method\":\"workspace/symbol\",\"params\":{\"query\":\"o\"}}");
    message(&s, "{\"jsonrpc\":\"2.0\",\"id\":10000,\"method\":\"shutdown\"}");
    message(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    int fd = memfd_create("lsp", 0);
    if (fd < 0 || write(fd, s.buf, s.len) != (ssize_t)s.len || lseek(fd, 0, SEEK_SET) != 0)
        abort();
    free(s.buf);
    int saved = dup(STDIN_FILENO);
    dup2(fd, STDIN_FILENO);
    close(fd);
    char *argv[] = {"lsp", "--stdlib", FUZZ_STDLIB, NULL};
    int status = cmd_lsp(3, argv, FUZZ_STDLIB);
    dup2(saved, STDIN_FILENO);
    close(saved);
    if (status != 0) /* shutdown then exit: 0, whatever came before */
        abort();
    return 0;
}
