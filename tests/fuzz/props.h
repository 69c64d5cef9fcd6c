/* props.h — properties of svcc's outputs that the fuzz harnesses check
 * with real parsers where one is linked (yajl for JSON, graphviz's cgraph
 * for DOT) and by the format's rules where none is (Mermaid, Markdown,
 * terminal text; tests/escape.sh reads those with Mermaid's and
 * markdown-it's own parsers).  A property that fails aborts, so libFuzzer
 * keeps the input. */
#ifndef SVCC_FUZZ_PROPS_H
#define SVCC_FUZZ_PROPS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cgraph.h>
#include <yajl_tree.h>

#include "escape.h"

#define PROP(cond, what)                                                         \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "property failed: %s (%s:%d)\n", what, __FILE__, __LINE__); \
            abort();                                                             \
        }                                                                        \
    } while (0)

/* Output gathered in memory. */
typedef struct Mem {
    char *data;
    size_t len;
    FILE *fp;
} Mem;

static FILE *mem_open(Mem *m)
{
    m->data = NULL;
    m->len = 0;
    m->fp = open_memstream(&m->data, &m->len);
    return m->fp;
}

static const char *mem_close(Mem *m)
{
    fclose(m->fp);
    return m->data;
}

/* JSON: yajl's parser reads it. */
static yajl_val prop_json(const char *text)
{
    char err[256];
    yajl_val v = yajl_tree_parse(text, err, sizeof err);
    PROP(v != NULL, "the JSON parses");
    return v;
}

/* DOT: cgraph reads it, and each service node's label is its name as
 * esc_dot_label writes it (so graphviz shows it as written). */
static void prop_dot(Arena *a, const char *text, const Model *m)
{
    Agraph_t *g = agmemread(text);
    PROP(g != NULL, "graphviz reads the DOT");
    for (uint32_t i = 0; i < m->nkind[DECL_SERVICE]; i++) {
        const Entity *e = m->by_kind[DECL_SERVICE][i];
        Agnode_t *n = agnode(g, (char *)e->id, 0);
        PROP(n != NULL, "every service is a node of its own id");
        char *label = agget(n, (char *)"label");
        PROP(label && strcmp(label, esc_dot_label(a, e->name ? e->name : e->id)) == 0,
             "a node's label is its name, escaped for graphviz");
    }
    agclose(g);
}

/* Mermaid: the front matter's title one YAML double-quoted string, its
 * quotes escaped; after it no comment or directive (%%), no raw line break
 * inside a line, no backtick, and each line holds at most one quoted
 * string. */
static void prop_mermaid(const char *text)
{
    if (strncmp(text, "---\ntitle: \"", 12) == 0) {
        const char *p = text + 12;
        for (; *p && *p != '"' && *p != '\n'; p++) {
            PROP((unsigned char)*p >= 0x20 && *p != 0x7F, "no control character in the title");
            if (*p == '\\' && p[1])
                p++; /* an escape: \" \\ \xNN \N \L \P */
        }
        PROP(strncmp(p, "\"\n---\n", 6) == 0, "the title is one quoted string, then the front matter ends");
        text = p + 6;
    }
    PROP(strstr(text, "%%") == NULL, "no %% in Mermaid");
    PROP(strchr(text, '\r') == NULL, "no CR in Mermaid");
    PROP(strchr(text, '`') == NULL, "no backtick in Mermaid");
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        int quotes = 0;
        for (size_t i = 0; i < n; i++) {
            quotes += line[i] == '"';
            PROP((unsigned char)line[i] >= 0x20, "no control character in a Mermaid line");
        }
        PROP(quotes == 0 || quotes == 2, "one quoted label a Mermaid line at most");
        line += n + (end != NULL);
    }
}

/* Terminal text: no control character but the line break, no C1 control. */
static void prop_terminal(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        PROP(*p >= 0x20 || *p == '\n', "no control character on the terminal");
        PROP(*p != 0x7F, "no DEL on the terminal");
        PROP(!(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F), "no C1 control on the terminal");
    }
}

/* Markdown table rows: ROWS lines starting "| ", each with exactly five
 * unescaped pipes (four cells), no CR. */
static void prop_markdown(const char *text, uint32_t rows)
{
    PROP(strchr(text, '\r') == NULL, "no CR in Markdown");
    const char *t = strstr(text, "\n| --- | --- | --- | --- |\n");
    if (rows == 0)
        return;
    PROP(t != NULL, "a table");
    const char *line = t + strlen("\n| --- | --- | --- | --- |\n");
    uint32_t seen = 0;
    while (*line) {
        const char *end = strchr(line, '\n');
        PROP(end != NULL, "rows end with a line break");
        int pipes = 0;
        for (const char *p = line; p < end; p++)
            pipes += *p == '|' && (p == line || p[-1] != '\\');
        PROP(strncmp(line, "| ", 2) == 0 && pipes == 5, "a row of four cells");
        seen++;
        line = end + 1;
    }
    PROP(seen == rows, "one row per change");
}

#endif
