/* load.c — reading the root file and its imports, each file once.
 *
 * Imports are followed breadth-first with a work list (no recursion, so a
 * long chain of imports cannot exhaust the stack); a file is identified by
 * its real path, so cycles and repeated imports are harmless.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler.h"
#include "suggest.h"

static char *dir_of(Arena *a, const char *path);
static char *relative_to(Arena *a, const char *from, const char *path);

static Unit *unit_add(Compiler *c, Source *src, const char *module, const char *real,
                      const char *base, bool root)
{
    c->units = arena_grow(&c->arena, c->units, c->nunits, &c->capunits, sizeof *c->units, 16);
    Unit *u = ARENA_NEW(&c->arena, Unit);
    u->src = src;
    u->module = module;
    u->dir = real ? dir_of(&c->arena, real) : base;
    u->real = real;
    u->base = base;
    u->rel = real ? relative_to(&c->arena, base, real) : src->path;
    u->is_root = root;
    c->units[c->nunits++] = u;
    return u;
}

static char *dir_of(Arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(a, ".");
    if (slash == path)
        return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

/* DIR/NAME, without a leading "./" in NAME. */
static char *join(Arena *a, const char *dir, const char *name)
{
    while (name[0] == '.' && name[1] == '/')
        name += 2;
    if (name[0] == '/' || strcmp(dir, ".") == 0)
        return arena_strdup(a, name);
    return arena_printf(a, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

static char *real_path(Arena *a, const char *path, int *err)
{
    char buf[PATH_MAX];
    if (!realpath(path, buf)) {
        *err = errno;
        return NULL;
    }
    return arena_strdup(a, buf);
}

/* PATH relative to the folder FROM (both absolute): "../x/y.svc". */
static char *relative_to(Arena *a, const char *from, const char *path)
{
    /* The common leading folders of FROM and PATH. */
    size_t common = 0;
    for (size_t i = 0;; i++) {
        bool end_from = from[i] == '\0', end_path = path[i] == '\0' || path[i] == '/';
        if (end_from && end_path) {
            common = i;
            break;
        }
        if (from[i] != path[i])
            break;
        if (from[i] == '/')
            common = i;
    }
    Buf b;
    buf_init(&b, a);
    for (const char *c = from + common; *c; c++)
        if (*c == '/')
            buf_adds(&b, "../");
    buf_adds(&b, path + common + (path[common] == '/' ? 1 : 0));
    return buf_cstr(&b);
}

/* PATH as the user would type it from the current directory: relative
 * when the two share a first folder (/work/x from /work/y: ../x), else
 * absolute (/usr/share/… from /home/…).  The choice depends only on where
 * the two paths meet, so it is the same wherever the tree is checked out. */
static const char *shown_path(Arena *a, const char *path)
{
    char cwd[PATH_MAX];
    if (path[0] != '/' || !getcwd(cwd, sizeof cwd))
        return path;
    const char *first = strchr(path + 1, '/');
    size_t n = first ? (size_t)(first - path) : strlen(path);
    bool shared = strncmp(cwd, path, n) == 0 && (cwd[n] == '/' || cwd[n] == '\0');
    char *rel = relative_to(a, cwd, path);
    return shared && *rel ? rel : path;
}

/* Whether a module's candidate file is there: anything but a folder (what
 * is not a catalogue source is refused when read, with its reason). */
static bool is_there(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

static bool is_module_name(const Atom *a)
{
    size_t n = a->len;
    return memchr(a->text, '/', n) == NULL && !(n >= 4 && memcmp(a->text + n - 4, ".svc", 4) == 0);
}

/* The search path for modules, in order, and the module names found in
 * it — listed once per compilation, on the first missing module shown. */
typedef struct SearchPath {
    const char *dirs[256];
    int n;
    const char **modules;
    size_t nmodules;
} SearchPath;

static void search_path(Compiler *c, const LoadOptions *o, SearchPath *sp)
{
    sp->n = 0;
    for (int i = 0; i < o->ninclude && sp->n < 255; i++)
        sp->dirs[sp->n++] = o->include_dirs[i];
    if (o->svcc_path) {
        const char *p = o->svcc_path;
        while (*p && sp->n < 255) {
            const char *e = strchr(p, ':');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n)
                sp->dirs[sp->n++] = arena_strndup(&c->arena, p, n);
            p += n + (e ? 1 : 0);
        }
    }
    if (o->stdlib_dir && sp->n < 256)
        sp->dirs[sp->n++] = o->stdlib_dir;
}

enum { MODULES_LISTED_MAX = 4096 };

/* The module name closest to WANT in the search path, or NULL. */
static const char *nearest_module(Compiler *c, SearchPath *sp, const Atom *want)
{
    if (!sp->modules) {
        sp->modules = ARENA_ARRAY(&c->arena, const char *, MODULES_LISTED_MAX);
        for (int i = 0; i < sp->n && sp->nmodules < MODULES_LISTED_MAX; i++) {
            DIR *d = opendir(sp->dirs[i]);
            if (!d)
                continue;
            c->work.module_listings++;
            struct dirent *de;
            while ((de = readdir(d)) != NULL && sp->nmodules < MODULES_LISTED_MAX) {
                size_t len = strlen(de->d_name);
                if (len > 4 && strcmp(de->d_name + len - 4, ".svc") == 0)
                    sp->modules[sp->nmodules++] = arena_strndup(&c->arena, de->d_name, len - 4);
            }
            closedir(d);
        }
    }
    return suggest_best(want->text, want->len, sp->modules, sp->nmodules);
}

static void report_not_found_module(Compiler *c, SearchPath *sp, const Atom *name)
{
    Diag *d = diag_at(&c->diags, D_E0801, name->span, "cannot find module '%s'", name->text);
    if (!diag_kept(&c->diags, d))
        return; /* not shown: no notes, no listing of folders */
    if (sp->n == 0)
        diag_note_nowhere(&c->diags, d, "no directory to look in: give one with -I or SVCC_PATH");
    for (int i = 0; i < sp->n; i++)
        diag_note_nowhere(&c->diags, d, "looked for %s",
                          shown_path(&c->arena, join(&c->arena, sp->dirs[i],
                                                     arena_printf(&c->arena, "%s.svc", name->text))));
    const char *best = nearest_module(c, sp, name);
    if (best)
        diag_help(&c->diags, d, "did you mean '%s'?", best);
    else
        diag_help(&c->diags, d, "a module name without '/' or '.svc' is searched for; a file is "
                                "imported by its path: import \"./%s.svc\"", name->text);
}

/* The text of PATH (REAL its real path, or NULL): the overlay given for
 * REAL, if any, else the file's (source_read). */
static Source *read_source(Compiler *c, const char *path, const char *real, bool svc_only, const char **msg)
{
    const Overlay *ov = real && c->overlays.cap ? names_find(&c->overlays, real, (uint32_t)strlen(real)) : NULL;
    if (ov)
        return source_add(&c->sources, path, ov->bytes, ov->len);
    return source_read(&c->sources, path, svc_only, msg);
}

/* Find and load one import of UNIT.  Reports what goes wrong. */
static void load_import(Compiler *c, const Unit *from, const Import *im, SearchPath *sp)
{
    const Atom *name = im->path;
    if (name->len == 0 || memchr(name->text, '\0', name->len)) {
        diag_at(&c->diags, D_E0801, name->span, "an import needs a module name or a file path");
        return;
    }
    const char *fs_path = NULL, *shown = NULL, *module = from->module, *base = from->base;
    if (is_module_name(name)) {
        char *file = arena_printf(&c->arena, "%s.svc", name->text);
        for (int i = 0; i < sp->n && !fs_path; i++) {
            char *cand = join(&c->arena, sp->dirs[i], file);
            if (is_there(cand)) {
                fs_path = cand;
                shown = shown_path(&c->arena, cand);
                int e2;
                base = real_path(&c->arena, sp->dirs[i], &e2);
            }
        }
        if (!fs_path) {
            report_not_found_module(c, sp, name);
            return;
        }
        module = arena_strdup(&c->arena, name->text);
    } else {
        /* A path names a catalogue source; ".svc" may be left out.  What
         * is there under the name as written, and no .svc file, is read
         * as written, to be refused with its reason. */
        const char *file = name->text;
        if (!source_is_svc_name(file)) {
            char *with = arena_printf(&c->arena, "%s.svc", file);
            const char *as_is = file[0] == '/' ? file : join(&c->arena, from->dir, file);
            const char *svc = with[0] == '/' ? with : join(&c->arena, from->dir, with);
            if (access(svc, F_OK) == 0 || access(as_is, F_OK) != 0)
                file = with;
        }
        fs_path = file[0] == '/' ? file : join(&c->arena, from->dir, file);
        shown = file[0] == '/' ? file : join(&c->arena, dir_of(&c->arena, from->src->path), file);
    }
    int err = 0;
    char *real = real_path(&c->arena, fs_path, &err);
    if (!real) {
        if (err == ENOENT || err == ENOTDIR) {
            Diag *d = diag_at(&c->diags, D_E0801, name->span, "cannot find '%s'", name->text);
            diag_note_nowhere(&c->diags, d, "looked for %s", shown_path(&c->arena, fs_path));
        } else {
            diag_at(&c->diags, D_E0806, name->span, "cannot read '%s': %s", name->text,
                    strerror(err));
        }
        return;
    }
    if (names_find(&c->files, real, (uint32_t)strlen(real)))
        return; /* loaded already: imports are idempotent, cycles harmless */
    const char *msg = NULL;
    Source *src = read_source(c, real, real, true, &msg);
    if (!src) {
        Diag *d = diag_at(&c->diags, D_E0806, name->span, "cannot read '%s': %s", name->text,
                          strstr(msg, ": ") ? strstr(msg, ": ") + 2 : msg);
        struct stat st;
        if (lstat(fs_path, &st) == 0 && S_ISLNK(st.st_mode))
            diag_note_nowhere(&c->diags, d, "'%s' is a link to '%s'", name->text, real);
        return;
    }
    src->path = shown;
    Unit *u = unit_add(c, src, module, real, base ? base : dir_of(&c->arena, real), false);
    names_insert(&c->files, real, (uint32_t)strlen(real), u);
}

/* Parse every unit, following imports as they are found. */
static void load_all(Compiler *c, const LoadOptions *opt)
{
    SearchPath sp = {0};
    search_path(c, opt, &sp);
    uint32_t before = c->diags.errors, lowered = c->lower_errors;
    for (uint32_t i = 0; i < c->nunits; i++) { /* the list grows as imports are found */
        Unit *cur = c->units[i];
        cur->ast = parse_unit(c, cur);
        for (const Import *im = cur->ast->imports; im; im = im->next)
            if (im->path) /* not a file-wide allow */
                load_import(c, cur, im, &sp);
        source_drop(cur->src); /* parsed: its text is no longer needed (compiler.h) */
    }
    c->read_errors = c->diags.errors - before - (c->lower_errors - lowered);
}

bool load_catalogue(Compiler *c, const char *root, const LoadOptions *opt)
{
    int err;
    bool is_stdin = strcmp(root, "-") == 0;
    char *real = is_stdin ? NULL : real_path(&c->arena, root, &err);
    const char *msg = NULL;
    Source *src = read_source(c, root, real, false, &msg);
    if (!src) {
        diag_nowhere(&c->diags, D_E0901, "%s", msg);
        return false;
    }
    names_init(&c->files, &c->arena, 64);
    const char *dir = real ? dir_of(&c->arena, real) : real_path(&c->arena, ".", &err);
    Unit *u = unit_add(c, src, NULL, real, dir ? dir : ".", true);
    if (real)
        names_insert(&c->files, real, (uint32_t)strlen(real), u);
    load_all(c, opt);
    return true;
}

void load_catalogue_source(Compiler *c, Source *root, const char *dir, const LoadOptions *opt)
{
    names_init(&c->files, &c->arena, 64);
    unit_add(c, root, NULL, NULL, dir, true);
    load_all(c, opt);
}
