/* compiler.h — the one context of a compilation.
 *
 * Every phase takes a Compiler: it owns the arena (and so every allocation
 * of the compilation), the set of source files and the diagnostics.  There
 * is no global state; two compilations may run side by side.
 */
#ifndef SVCC_COMPILER_H
#define SVCC_COMPILER_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

typedef struct Compiler {
    Arena arena;
    SourceSet sources;
    DiagEngine diags;
} Compiler;

void compiler_init(Compiler *c);
void compiler_free(Compiler *c);

/* Parse one source file into a tree.  Syntax errors are reported to
 * c->diags; the tree holds what could be recovered.  Never NULL. */
AstFile *parse_source(Compiler *c, Source *src);

#endif
