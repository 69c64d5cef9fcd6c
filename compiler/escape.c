/* escape.c — one escaper per output format (see escape.h). */
#include "escape.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "source.h"

/* The control picture of C0 control or DEL C, in UTF-8 (3 bytes). */
static void control_picture(unsigned char c, char out[3])
{
    unsigned cp = c == 0x7F ? 0x2421 : 0x2400 + c;
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
}

/* Whether S[I] starts a line break: LF, CR LF (then *N is 2) or CR. */
static bool line_break(const char *s, size_t i, size_t *n)
{
    if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
        *n = 1;
        return true;
    }
    if (s[i] == '\r') {
        *n = 2;
        return true;
    }
    return false;
}

/* Bidirectional controls, which reorder what a terminal shows. */
static bool is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C;
}

/* Whether the code point at P (K bytes, or an invalid byte: K <= 0) is
 * shown as <XX> escapes on a terminal. */
static bool term_escaped(int k, uint32_t cp)
{
    return k <= 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp);
}

void esc_term(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_decode(p + i, n - i, &cp);
        if (term_escaped(k, cp)) {
            int m = k > 0 ? k : 1;
            for (int j = 0; j < m; j++)
                fprintf(out, "<%02X>", p[i + (size_t)j]);
            i += (size_t)m;
            continue;
        }
        fwrite(p + i, 1, (size_t)k, out);
        i += (size_t)k;
    }
}

size_t esc_term_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), width = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_decode(p + i, n - i, &cp);
        if (term_escaped(k, cp)) {
            int m = k > 0 ? k : 1;
            width += 4 * (size_t)m;
            i += (size_t)m;
            continue;
        }
        width += (size_t)utf8_display_width(cp);
        i += (size_t)k;
    }
    return width;
}

void esc_md_code(FILE *out, const char *s)
{
    size_t run = 0, longest = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    size_t n = strlen(s);
    /* A space inside each fence when S starts or ends with a backtick or a
     * space (CommonMark strips one from each side); an empty S shows as
     * one space. */
    bool pad = n == 0 || s[0] == '`' || s[n - 1] == '`' || s[0] == ' ' || s[n - 1] == ' ';
    for (size_t i = 0; i <= longest; i++)
        fputc('`', out);
    if (pad)
        fputc(' ', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '|')
            fputs("\\|", out);
        else if (*p < 0x20 || *p == 0x7F)
            fputc(' ', out);
        else
            fputc(*p, out);
    }
    if (pad)
        fputc(' ', out);
    for (size_t i = 0; i <= longest; i++)
        fputc('`', out);
}

void esc_md_text(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            fputc(' ', out);
        else if (*p < 0x80 && strchr("\\`*_[]<!#|~&$", *p))
            fprintf(out, "\\%c", *p);
        else
            fputc(*p, out);
    }
}

void esc_md_para(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80 && ispunct(*p))
            fputc('\\', out);
        fputc(*p, out);
    }
}

void esc_html(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '\t':
        case '\n':
        case '\r': fputc(*p, out); break;
        default:
            if (*p < 0x20 || *p == 0x7F) {
                char pic[3];
                control_picture(*p, pic);
                fwrite(pic, 1, 3, out);
            } else {
                fputc(*p, out);
            }
        }
    }
}

void esc_mermaid_label(FILE *out, const char *s)
{
    fputc('"', out);
    size_t len = strlen(s);
    for (size_t i = 0; s[i];) {
        unsigned char c = (unsigned char)s[i];
        size_t n;
        if (line_break(s, i, &n)) {
            fputs("<br>", out);
            i += n;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            char pic[3];
            control_picture(c, pic);
            fwrite(pic, 1, 3, out);
        } else if (c == ' ' && (i == 0 || i == len - 1)) {
            fputs("#32;", out); /* Mermaid trims a label's spaces */
        } else if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   strchr(" .,-_/()?!'", c)) {
            fputc(c, out);
        } else if (c == '"') {
            fputs("#quot;", out);
        } else {
            fprintf(out, "#%u;", c);
        }
        i++;
    }
    fputc('"', out);
}

static char *dot_text(Arena *a, const char *s, const char *backslash);

char *esc_dot_label(Arena *a, const char *s) { return dot_text(a, s, "\\\\"); }

/* A backslash as U+29F5 (reverse solidus operator): graphviz reads \N, \G,
 * \T, \H, \E and \L in a tooltip whatever precedes them. */
char *esc_dot_tooltip(Arena *a, const char *s) { return dot_text(a, s, "\u29f5"); }

static char *dot_text(Arena *a, const char *s, const char *backslash)
{
    Buf b;
    buf_init(&b, a);
    for (size_t i = 0; s[i];) {
        unsigned char c = (unsigned char)s[i];
        size_t n;
        if (line_break(s, i, &n)) {
            buf_adds(&b, "\\n");
            i += n;
            continue;
        }
        if (c == '\\') {
            buf_adds(&b, backslash);
        } else if (c == '&') {
            buf_adds(&b, "&amp;"); /* graphviz decodes entities in labels */
        } else if (c < 0x20 || c == 0x7F) {
            char pic[3];
            control_picture(c, pic);
            buf_add(&b, pic, 3);
        } else {
            buf_addc(&b, (char)c);
        }
        i++;
    }
    return buf_cstr(&b);
}

void esc_yaml_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\x%02X", *p);
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) /* C1 controls, NEL among them */
            fprintf(out, "\\x%02X", p[1]), p++;
        else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) /* line, paragraph separators */
            fputs(p[2] == 0xA8 ? "\\L" : "\\P", out), p += 2;
        else if (p[0] == 0xEF && ((p[1] == 0xBB && p[2] == 0xBF) || (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))))
            fprintf(out, "\\u%s", p[1] == 0xBB ? "FEFF" : p[2] == 0xBE ? "FFFE" : "FFFF"), p += 2;
        else
            fputc(*p, out);
    }
    fputc('"', out);
}
