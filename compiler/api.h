/* api.h — what libsvcc's own tests and the command line reach past the
 * public API (svcc.h): nothing a program embedding svcc needs, and not
 * exported from libsvcc.so (only svcc_ names are). */
#ifndef SVCC_API_H
#define SVCC_API_H

#include <stdio.h>

#include "svcc.h"

/* Fault injection: make allocation N of C's compilation fail, as if
 * memory ran out (0: never). */
void api_fail_alloc(svcc *c, long n);

/* The compilation inside C, and its model (NULL unless it compiled
 * without errors): for checks that need the inside, such as the fuzz
 * harnesses' properties. */
struct Compiler *api_compiler(svcc *c);
struct Model *api_model(svcc *c);

/* svcc export --format backstage: C's catalogue as Backstage entities
 * (export_backstage.c), written to OUT; each name repaired is a warning
 * (W0901) among C's diagnostics.  As svcc_write_json. */
svcc_status api_write_backstage(svcc *c, FILE *out);
/* svcc export --format tmf633|tmf620: API's resources at VERSION
 * (export_tmf.c). */
svcc_status api_write_tmf(svcc *c, FILE *out, const char *api, int version);
/* svcc export --format markdown|html: the pages (export_markdown.c,
 * export_html.c) to SINK. */
struct PageSink;
svcc_status api_write_pages(svcc *c, const char *format, const struct PageSink *sink);

#endif
