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
#include "model.h"
#include "names.h"
#include "source.h"

/* One file of the catalogue, as loaded. */
typedef struct Unit {
    Source *src;
    AstFile *ast;
    const char *module;   /* module prefix of its declarations, or NULL */
    const char *dir;      /* its real directory, for relative imports */
    const char *real;     /* its real path, or NULL for standard input */
    const char *base;     /* the folder source paths are given from: the root
                           * file's, or for a module the search directory */
    const char *rel;      /* its path from base, as outputs give it */
    bool is_root;
} Unit;

/* Where `import "name"` looks: each -I directory in order, then each
 * directory of SVCC_PATH, then the standard library. */
typedef struct LoadOptions {
    const char *const *include_dirs;
    int ninclude;
    const char *svcc_path;   /* colon-separated, or NULL */
    const char *stdlib_dir;  /* or NULL */
} LoadOptions;

typedef struct Compiler {
    Arena arena;
    SourceSet sources;
    DiagEngine diags;
    Unit **units;            /* in load order: the root first, then imports breadth-first;
                              * units[i]->src->id == i */
    uint32_t nunits, capunits;
    NameTable files;         /* real path -> Unit */
    uint32_t read_errors;  /* errors while reading, parsing and importing */
    bool keep_comments;      /* the parser records comments (svcc fmt) */
    /* The syntax trees of declarations.  Unless keep_trees is set, a file
     * is parsed declaration by declaration and only each declaration's
     * head (DeclHead: kind, id, template, spans) is kept; the tree of its
     * block lives in `tree` only while it is read, the file's text is
     * dropped once it is parsed (source_drop), and the semantic pass reads
     * each declaration again (parse_decl), one at a time.  A large
     * catalogue's trees are several times its text, so this is what keeps
     * memory near the size of the source. */
    Arena tree;
    bool keep_trees;         /* keep whole trees in `arena` (svcc fmt, --dump-ast) */
    NameTable strings;       /* texts kept once (names_find/insert on the text) */
    /* Work done for what may never be shown, counted so that tests can
     * check it stays bounded (tests/unit/test_sema.c). */
    struct {
        uint64_t suggest_distances; /* edit distances computed for "did you mean" */
        uint64_t impact_steps;      /* dependencies read by impact_of */
        uint64_t module_listings;   /* module folders listed for "did you mean" */
    } work;
} Compiler;

void compiler_init(Compiler *c);
void compiler_free(Compiler *c);

/* Read and parse the root file and, transitively, everything it imports,
 * each file once.  Returns false if the root file cannot be read (E0901,
 * exit status 2); every other problem is a diagnostic. */
bool load_catalogue(Compiler *c, const char *root, const LoadOptions *opt);

/* The same, with a root already in memory (added to c->sources); relative
 * imports are taken from DIR.  For fuzzing and embedding. */
void load_catalogue_source(Compiler *c, Source *root, const char *dir, const LoadOptions *opt);

/* Check the loaded files: declarations, fields, references, templates and
 * every check of the language.  Returns the model, or NULL when syntax
 * errors stopped the compilation before the semantic checks. */
Model *sema_check(Compiler *c);

/* Parse one source file into a tree.  Syntax errors are reported to
 * c->diags; the tree holds what could be recovered.  Never NULL.  Every
 * declaration has its head (AstFile.heads); only with c->keep_trees are
 * the whole declarations kept too (AstFile.decls, DeclHead.full). */
AstFile *parse_source(Compiler *c, Source *src);

/* The whole declaration D is the head of: D->full if it is kept, else its
 * text parsed again into NODES; its strings and doc comments go to
 * c->arena, where the checked model points at them.  Only for files parsed
 * without errors; diagnostics are muted meanwhile.  NULL (and E0904) if
 * the file changed since it was parsed. */
const Decl *parse_decl(Compiler *c, const DeclHead *d, Arena *nodes);

#endif
