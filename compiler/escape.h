/* escape.h — text from a catalogue written into formats other programs
 * interpret, one escaper per format.
 *
 * A name, description, tag or value may hold any Unicode, control
 * characters included (a string may say "\u{1B}").  Each function below
 * writes S so that the format's reader shows it as written and reads no
 * structure into it: no escape sequence reaches a terminal, no code span or
 * table row ends early in Markdown, no comment or directive starts in
 * Mermaid, no label escape runs in graphviz.  Characters a format cannot
 * hold at all (C0 controls in XML) are shown as Unicode control pictures
 * (U+2400 + code, U+2421 for DEL), which say what was there.
 */
#ifndef SVCC_ESCAPE_H
#define SVCC_ESCAPE_H

#include <stdio.h>

#include "arena.h"

/* Terminal text: C0 and C1 controls, DEL and bytes that are not UTF-8 as
 * <XX> (hex), as diagnostics show them; the rest as it is. */
void esc_term(FILE *out, const char *s);
/* The columns esc_term(S) takes on a terminal (wide characters count two),
 * for padding tables. */
size_t esc_term_width(const char *s);

/* Markdown (CommonMark, GitHub tables): S as one code span on one line,
 * fenced by more backticks than any run in S, '|' escaped for a table
 * cell, line breaks and controls as spaces. */
void esc_md_code(FILE *out, const char *s);

/* Markdown: S as plain text in a table cell: each character that can
 * start markup — \ ` * _ [ ] < ! # | ~ & $ — backslash-escaped (no code,
 * emphasis, link, image, HTML, entity, strikethrough or math can start,
 * no cell can end), line breaks and controls as spaces. */
void esc_md_text(FILE *out, const char *s);

/* Markdown: S as plain text where a block may start (a paragraph of an
 * editor's hover): every ASCII punctuation character backslash-escaped, so
 * that no list, quote, heading, code, emphasis, link, image, HTML, entity
 * or strikethrough starts; line breaks kept (a blank line is a new
 * paragraph). */
void esc_md_para(FILE *out, const char *s);

/* HTML: S as text or an attribute value in double quotes: & < > " ' as
 * character references; C0 controls (but tab and line breaks) and DEL,
 * which HTML may not hold, as control pictures. */
void esc_html(FILE *out, const char *s);

/* Mermaid: S as a quoted label "…": every ASCII character but letters,
 * digits, space and . , - _ / ( ) ? ! ' as a numeric entity (#35;), which
 * Mermaid decodes after parsing — so '"', '%%', '#', ';', '<', '`' cannot
 * end the string, start a directive or become markup, and ':' cannot
 * complete the style/classDef pattern Mermaid rewrites in any line — a
 * leading or trailing space too (Mermaid would trim it), and line breaks
 * as <br>. */
void esc_mermaid_label(FILE *out, const char *s);

/* YAML (Mermaid's front matter, Backstage entities): S as a double-quoted
 * scalar: '"' and backslashes escaped; what YAML does not take as printable
 * escaped — C0 and C1 controls (NEL among them, a line break to YAML) as
 * \xNN, U+FEFF, U+FFFE and U+FFFF as \uNNNN — and U+2028 and U+2029 (line
 * breaks) as \L and \P. */
void esc_yaml_string(FILE *out, const char *s);

/* Graphviz: S as a label value (an escString): backslashes doubled, so
 * that \N, \G, \l and a trailing backslash mean nothing; '&' as &amp;
 * (graphviz decodes entities); line breaks as \n; controls as control
 * pictures.  In A. */
char *esc_dot_label(Arena *a, const char *s);
/* Graphviz: S as a tooltip, as a label but for backslashes, shown as ⧵
 * (U+29F5): graphviz substitutes \N, \G and the like in tooltips however
 * they are escaped.  In A. */
char *esc_dot_tooltip(Arena *a, const char *s);

#endif
