/* cmd_fmt.c — svcc fmt [--check | -w] FILE|DIR…
 *
 * Each file is parsed on its own (imports are not followed) with its
 * comments kept, and printed in the canonical layout (fmt.c).  A file with
 * syntax errors is reported and left alone.  -w replaces a file only when
 * its text changes, atomically and keeping its mode.  A folder stands for
 * the .svc files under it.
 */
#define _GNU_SOURCE /* nftw's FTW_ACTIONRETVAL, to skip hidden folders */
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "driver.h"
#include "fmt.h"
#include "output.h"

typedef enum FmtMode { FMT_PRINT, FMT_CHECK, FMT_WRITE } FmtMode;

static const char fmt_usage[] =
    "usage: svcc fmt [--check | -w] FILE|DIR...\n"
    "\n"
    "Print each FILE in svcc's one canonical layout.  '-' reads standard input;\n"
    "a folder stands for the .svc files under it (hidden folders left out).\n"
    "\n"
    "  -w, --write         rewrite each file that is not formatted (atomically,\n"
    "                      keeping its mode) instead of printing it\n"
    "      --check         print the names of files that are not formatted and\n"
    "                      exit 1 if there is one; change nothing\n"
    "      --diagnostics-format text|json|sarif\n"
    "      --color auto|always|never\n"
    "  -h, --help          print this help and exit\n"
    "\n"
    "A file with syntax errors is reported and never rewritten.  Exit status:\n"
    "0 done (all formatted, for --check), 1 a file has errors or (--check) is\n"
    "not formatted, 2 usage error or a file that cannot be read or written.\n";

/* Format PATH; returns its exit status. */
static int fmt_one(const char *path, FmtMode mode, const DiagPrintOptions *print)
{
    Compiler c;
    compiler_init(&c);
    c.keep_comments = true;
    static Output out; /* static: setjmp may not keep a local's changes */
    memset(&out, 0, sizeof out);
    jmp_buf oom;
    arena_on_oom(&c.arena, &oom);
    if (setjmp(oom)) {
        output_abort(&out);
        compiler_free(&c);
        fputs("svcc: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    c.arena.fail_after = fail_alloc_from_env();

    int status = 0;
    DriveInput in = {.mode = DRIVE_TREE, .path = path, .fail_alloc = c.arena.fail_after};
    DriveResult r = drive(&c, &in);
    if (r.status == DRIVE_NOMEM)
        longjmp(oom, 1);
    if (r.status == DRIVE_UNREADABLE) {
        diag_print(&c.diags, stderr, print);
        compiler_free(&c);
        return EXIT_USAGE;
    }
    Source *src = r.root;
    AstFile *f = r.tree;
    if (r.status == DRIVE_ERRORS) {
        diag_print(&c.diags, stderr, print);
        compiler_free(&c);
        return EXIT_INPUT;
    }
    Buf b;
    buf_init(&b, &c.arena);
    fmt_file(f, src, &b);
    bool same = b.len == src->len && (b.len == 0 || memcmp(b.data, src->text, b.len) == 0);
    char errbuf[PATH_MAX + 128];
    if (mode == FMT_PRINT) {
        if (b.len)
            fwrite(b.data, 1, b.len, stdout);
    } else if (mode == FMT_CHECK) {
        if (!same) {
            printf("%s\n", path);
            status = EXIT_INPUT;
        }
    } else if (!same) {
        /* Through a symbolic link, the file itself is replaced (output.h). */
        if (!output_open(&out, path, errbuf, sizeof errbuf) ||
            (b.len && fwrite(b.data, 1, b.len, out.fp) != b.len) ||
            !output_finish(&out, errbuf, sizeof errbuf) || !output_rename(&out, errbuf, sizeof errbuf)) {
            if (out.fp)
                snprintf(errbuf, sizeof errbuf, "cannot write '%s'", path);
            output_abort(&out);
            fprintf(stderr, "svcc: error: %s [E0902]\n", errbuf);
            status = EXIT_USAGE;
        }
    }
    compiler_free(&c);
    return status;
}

/* The .svc files under a folder, found by nftw (which takes no context). */
static struct {
    char **paths;
    size_t n, cap;
    bool failed;
} found;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    const char *base = path + ftw->base;
    if (type == FTW_D && ftw->level > 0 && base[0] == '.')
        return FTW_SKIP_SUBTREE;
    size_t len = strlen(path);
    if (type != FTW_F || !S_ISREG(st->st_mode) || len < 4 || strcmp(path + len - 4, ".svc") != 0 ||
        base[0] == '.')
        return FTW_CONTINUE;
    if (found.n == found.cap) {
        size_t cap = found.cap ? found.cap * 2 : 64;
        char **grown = realloc(found.paths, cap * sizeof *grown);
        if (!grown) {
            found.failed = true;
            return FTW_STOP;
        }
        found.paths = grown;
        found.cap = cap;
    }
    if (!(found.paths[found.n] = strdup(path))) {
        found.failed = true;
        return FTW_STOP;
    }
    found.n++;
    return FTW_CONTINUE;
}

static int by_path(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Format the .svc files under DIR, in name order. */
static int fmt_dir(const char *dir, FmtMode mode, const DiagPrintOptions *print)
{
    memset(&found, 0, sizeof found);
    int status = 0;
    if (nftw(dir, collect, 32, FTW_PHYS | FTW_ACTIONRETVAL) != 0 || found.failed) {
        fprintf(stderr, "svcc: error: cannot read the folder '%s' [E0901]\n", dir);
        status = EXIT_USAGE;
    }
    qsort(found.paths, found.n, sizeof *found.paths, by_path);
    for (size_t i = 0; i < found.n; i++) {
        int s = fmt_one(found.paths[i], mode, print);
        if (s > status)
            status = s;
    }
    for (size_t i = 0; i < found.n; i++)
        free(found.paths[i]);
    free(found.paths);
    return status;
}

int cmd_fmt(int argc, char **argv)
{
    enum { OPT_CHECK = 256 };
    static const struct option longopts[] = {
        {"check", no_argument, NULL, OPT_CHECK},
        {"write", no_argument, NULL, 'w'},
        {"diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    FmtMode mode = FMT_PRINT;
    DiagPrintOptions print = {DIAG_TEXT, false, true, SVCC_VERSION};
    const char *color = "auto";
    bool check = false, write = false;
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":wh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'w': write = true; break;
        case OPT_CHECK: check = true; break;
        case 'h': fputs(fmt_usage, stdout); return 0;
        default: {
            int status = shared_option(ch, "fmt: ", argv, &print, &color);
            if (status >= 0)
                return status;
        }
        }
    }
    if (check && write)
        return usage_error("fmt: --check and -w do not go together");
    mode = check ? FMT_CHECK : write ? FMT_WRITE : FMT_PRINT;
    if (optind == argc)
        return usage_error("fmt: no input file");
    for (int i = optind; i < argc; i++)
        if (mode == FMT_WRITE && strcmp(argv[i], "-") == 0)
            return usage_error("fmt: -w cannot rewrite standard input");
    print.color = want_color(color);
    int status = 0;
    for (int i = optind; i < argc; i++) {
        int s = is_folder(argv[i]) ? fmt_dir(argv[i], mode, &print) : fmt_one(argv[i], mode, &print);
        if (s > status)
            status = s;
    }
    return status;
}
