/* fmt.h — the canonical layout of a .svc file (svcc fmt).
 *
 * One layout, no options: two-space indentation, one statement per line,
 * one blank line between declarations, single spaces between the parts of
 * a statement, lists on one line while they fit in FMT_WIDTH columns and
 * one value per line otherwise.  Atoms (names, strings, numbers) are kept
 * exactly as written, so the formatted file means the same; comments stay
 * with the statement they are on or above, and blank lines the author put
 * between statements are kept (several become one).
 */
#ifndef SVCC_FMT_H
#define SVCC_FMT_H

#include "arena.h"
#include "ast.h"

#define FMT_WIDTH 80

/* Append the formatted text of F (parsed from SRC with comments kept) to
 * OUT.  F must have parsed without errors. */
void fmt_file(const AstFile *f, const Source *src, Buf *out);

#endif
