/* compiler.h — the one context of a compilation.
 *
 * Every phase takes a Compiler: it owns the arenas (and so every
 * allocation of the compilation), the set of source files and the
 * diagnostics.  There is no global state; two compilations may run side
 * by side.
 *
 * Lifetimes — what lives where, and until when:
 *
 *   compilation arena (arena)   the model, the diagnostics, names, decoded
 *                               strings and doc comments, line maps, the
 *                               checker's state, the templates' trees, the
 *                               overlays' texts (svcc_set_overlay),
 *                               memory streams an output builds text in
 *                               (arena_stream_open: malloc'd, closed by
 *                               their user or at the latest here);
 *                               until compiler_free()
 *   declaration scratch         one declaration's syntax tree and the rows
 *     (scratch)                 it is checked into; until the next
 *                               declaration is parsed (and, after every file
 *                               is read, until the next entity is finished)
 *   file text (Source.own)      from reading a file to the end of parsing it;
 *                               a file that can be read again is then
 *                               dropped, and diagnostics read its lines
 *                               again to show them
 *
 * A file is read once and parsed once: each declaration is lowered into
 * the model as soon as it is parsed (sema_lower, references kept as
 * names) and its tree dropped.  Only `svcc fmt` and --dump-ast keep whole
 * trees (parse_tree), in the compilation arena.
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

/* Text given for a file in place of what is on disk (svcc_set_overlay). */
typedef struct Overlay {
    const char *bytes;       /* a copy, in the compilation's arena */
    size_t len;
} Overlay;

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
    Arena scratch;           /* one declaration's (see the table above) */
    SourceSet sources;
    DiagEngine diags;
    Unit **units;            /* in load order: the root first, then imports breadth-first;
                              * units[i]->src->id == i */
    uint32_t nunits, capunits;
    NameTable files;         /* real path -> Unit */
    NameTable overlays;      /* real path -> Overlay: text read in place of the file's
                              * (an editor's unsaved text); none while cap is 0 */
    uint32_t read_errors;    /* errors while reading, parsing and importing */
    uint32_t lower_errors;   /* errors in declarations' fields, found as they are parsed */
    bool keep_comments;      /* the parser records comments (svcc fmt) */
    bool library;            /* check a file of declarations without a catalogue: no
                              * E0803, no checks that need the whole catalogue */
    NameTable strings;       /* texts kept once (names_intern) */
    struct Sema *sema;       /* the checker's state, from the first declaration */
    /* Work done for what may never be shown, counted so that tests can
     * check it stays bounded (tests/unit/test_sema.c). */
    struct {
        uint64_t suggest_distances; /* edit distances computed for "did you mean" */
        uint64_t impact_steps;      /* dependencies read by impact_of */
        uint64_t module_listings;   /* module folders listed for "did you mean" */
    } work;
} Compiler;

void compiler_init(Compiler *c);

/* The line (from 1) of E's keyword. */
static inline uint32_t entity_line(const Compiler *c, const Entity *e)
{
    return source_line_number(c->units[e->span.file]->src, e->span.begin);
}
void compiler_free(Compiler *c);

/* Read and parse the root file and, transitively, everything it imports,
 * each file once.  Returns false if the root file cannot be read (E0901,
 * exit status 2); every other problem is a diagnostic. */
bool load_catalogue(Compiler *c, const char *root, const LoadOptions *opt);

/* The same, with a root already in memory (added to c->sources); relative
 * imports are taken from DIR.  For fuzzing and embedding. */
void load_catalogue_source(Compiler *c, Source *root, const char *dir, const LoadOptions *opt);

/* Finish checking, once every file is loaded (and every declaration
 * lowered): references resolved, templates applied, required fields, the
 * catalogue, and the checks over the whole model.  Returns the model, or
 * NULL when errors reading or parsing stopped the compilation before it. */
Model *sema_check(Compiler *c);

/* Parse the file of U, lowering each declaration into the model as it is
 * read (sema_lower).  Syntax errors are reported to c->diags.  Returns the
 * file's imports and, with c->keep_comments, its comments (never NULL);
 * its declarations are not kept. */
AstFile *parse_unit(Compiler *c, const Unit *u);

/* Parse SRC into a whole tree, in the compilation arena, lowering nothing
 * (svcc fmt, --dump-ast).  Never NULL. */
AstFile *parse_tree(Compiler *c, Source *src);

/* Lower declaration D of U into an entity of the model: its name declared,
 * its fields checked, its references kept as names.  TEXT holds the bytes
 * D's spans index (from offset 0).  Called by the parser. */
void sema_lower(Compiler *c, const Unit *u, const Decl *d, const char *text);

/* U's file-wide 'allow CODE, …' (CODES: a value each), as it is parsed. */
void sema_allow_file(Compiler *c, const Unit *u, const Value *codes);

#endif
