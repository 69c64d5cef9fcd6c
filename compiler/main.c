/* main.c — the command line: parse options, run a command, set the exit
 * status.  0: success (warnings allowed); 1: the input has errors;
 * 2: usage error, a file that cannot be read or written, or out of memory. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "compiler.h"
#include "driver.h"
#include "emit.h"
#include "output.h"
#include "suggest.h"

#ifndef SVCC_STDLIB_DIR
#define SVCC_STDLIB_DIR "/usr/local/share/svcc/stdlib"
#endif

#ifndef SVCC_VERSION
#define SVCC_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "usage: svcc COMMAND [OPTIONS] FILE [ARGS]\n"
    "\n"
    "Compile a service catalogue written in .svc files.  FILE is the root of\n"
    "the catalogue; the files it imports are read with it.\n"
    "\n"
    "Commands:\n"
    "  check FILE          report every problem found; no other output\n"
    "  build FILE          write the catalogue as JSON (-o OUT, default stdout)\n"
    "  graph FILE          draw the service dependency graph (-T, -o)\n"
    "  impact FILE SERVICE list what an outage or change of SERVICE touches\n"
    "  fmt FILE...         print files in the canonical layout (svcc fmt --help)\n"
    "  diff OLD NEW        compare two versions of a catalogue (svcc diff --help)\n"
    "\n"
    "Options:\n"
    "  -I DIR              look for imported modules in DIR first (repeatable)\n"
    "  -o, --output OUT    build, graph: write to OUT ('-': standard output),\n"
    "                      replacing it only once all is written\n"
    "  -T, --format FMT    graph: dot, svg, png, pdf or mermaid (default dot);\n"
    "                      impact: text or json (default text)\n"
    "      --with LIST     graph: add offerings and/or consumers (offerings,consumers)\n"
    "      --cluster owner graph: group services by owning team or person\n"
    "      --focus ID      graph: only the service ID and its neighbourhood\n"
    "      --depth N       graph: with --focus, follow N dependency hops (default 1;\n"
    "                      'all' for no limit)\n"
    "      --direction D   graph: with --focus, follow down (dependencies), up\n"
    "                      (dependents) or both (default both)\n"
    "      --legend        graph: add a legend of node and edge styles\n"
    "      --layout ENGINE graph: graphviz layout engine (dot, sfdp, neato, fdp,\n"
    "                      circo, twopi); default dot, sfdp above 1000 nodes\n"
    "      --max-nodes N   graph: svg, png, pdf of at most N nodes (default 10000\n"
    "                      with sfdp, 2000 with the others; 0: no limit)\n"
    "  -W error            treat warnings as errors (-Werror)\n"
    "  -W no-CODE          silence warning CODE (-Wno-W0101)\n"
    "  -W error=CODE       treat warning CODE as an error (-Werror=W0101)\n"
    "      --diagnostics-format text|json|sarif\n"
    "                      how diagnostics are written to standard error\n"
    "      --color auto|always|never\n"
    "                      colour diagnostics (auto: on a terminal, unless NO_COLOR is set)\n"
    "      --dump-ast      check: print FILE's syntax tree on standard output and\n"
    "                      stop after parsing (no imports, no semantic checks)\n"
    "      --max-errors N  report at most N errors (default 100; 0: all); the\n"
    "                      rest are counted\n"
    "  -q, --quiet         print errors only: no warnings, no summary line\n"
    "  -h, --help          print this help and exit\n"
    "  -V, --version       print the version and exit\n"
    "\n"
    "FILE '-' reads standard input.  Exit status: 0 success, 1 the input has\n"
    "errors, 2 usage error or a file that cannot be read or written.\n";

typedef enum Command { CMD_CHECK, CMD_BUILD, CMD_GRAPH, CMD_IMPACT } Command;

typedef struct Options {
    Command command;
    const char *file;
    const char *service;        /* impact */
    const char *output;
    const char *format;
    GraphOptions graph;
    const char *focus;
    bool depth_given, direction_given;
    DiagPrintOptions print;
    const char *color;
    bool dump_ast;
    const char *wopts[64];
    int nwopts;
    const char *includes[64];
    int nincludes;
    uint32_t max_errors;
} Options;

static bool one_of(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return true;
    return false;
}

static int parse_with(Options *o, const char *list)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        if (strcmp(w, "offerings") == 0)
            o->graph.with_offerings = true;
        else if (strcmp(w, "consumers") == 0)
            o->graph.with_consumers = true;
        else
            return usage_error("--with takes offerings and/or consumers, not '%s'", w);
    }
    return -1;
}

/* A whole number from 0 to MAX; false if S is anything else. */
static bool parse_count(const char *s, long max, long *out)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end || n < 0 || n > max)
        return false;
    *out = n;
    return true;
}

/* Options that belong to one command only. */
enum { ONLY_GRAPH = 1, ONLY_BUILD_GRAPH = 2, ONLY_CHECK = 4, ONLY_GRAPH_IMPACT = 8 };

static int check_option_use(const Options *o, unsigned used)
{
    static const char *const names[] = {"check", "build", "graph", "impact"};
    const char *cmd = names[o->command];
    if ((used & ONLY_GRAPH) && o->command != CMD_GRAPH)
        return usage_error("%s: --with, --cluster, --focus, --depth, --direction, --legend and "
                           "--layout are options of 'graph'", cmd);
    if ((used & ONLY_BUILD_GRAPH) && o->command != CMD_BUILD && o->command != CMD_GRAPH)
        return usage_error("%s: -o is an option of 'build' and 'graph'", cmd);
    if ((used & ONLY_CHECK) && o->command != CMD_CHECK)
        return usage_error("%s: --dump-ast is an option of 'check'", cmd);
    if ((used & ONLY_GRAPH_IMPACT) && o->command != CMD_GRAPH && o->command != CMD_IMPACT)
        return usage_error("%s: -T/--format is an option of 'graph' and 'impact'", cmd);
    return -1;
}

/* Parse argv; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, Options *o)
{
    enum { OPT_DUMP_AST = 256, OPT_WITH, OPT_CLUSTER, OPT_FOCUS,
           OPT_DEPTH, OPT_DIRECTION, OPT_LEGEND, OPT_LAYOUT, OPT_MAX_ERRORS, OPT_MAX_NODES };
    static const struct option longopts[] = {
        {"diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"dump-ast", no_argument, NULL, OPT_DUMP_AST},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'T'},
        {"with", required_argument, NULL, OPT_WITH},
        {"cluster", required_argument, NULL, OPT_CLUSTER},
        {"focus", required_argument, NULL, OPT_FOCUS},
        {"depth", required_argument, NULL, OPT_DEPTH},
        {"direction", required_argument, NULL, OPT_DIRECTION},
        {"legend", no_argument, NULL, OPT_LEGEND},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    static const char *const layouts[] = {"dot", "sfdp", "neato", "fdp", "circo", "twopi", NULL};
    memset(o, 0, sizeof *o);
    o->color = "auto";
    o->graph.depth = 1;
    o->graph.max_nodes = -1;
    o->max_errors = 100;
    o->graph.direction = DIR_BOTH;
    opterr = 0;
    unsigned used = 0;
    int c, status;
    while ((c = getopt_long(argc, argv, ":W:I:o:T:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'I':
        {
            int st = include_option(o->includes, &o->nincludes,
                                    (int)(sizeof o->includes / sizeof o->includes[0]), optarg);
            if (st >= 0)
                return st;
            break;
        }
        case 'W':
            if (o->nwopts == (int)(sizeof o->wopts / sizeof o->wopts[0]))
                return usage_error("too many -W options");
            o->wopts[o->nwopts++] = optarg;
            break;
        case 'o': o->output = optarg; used |= ONLY_BUILD_GRAPH; break;
        case 'T': o->format = optarg; used |= ONLY_GRAPH_IMPACT; break;
        case OPT_WITH:
            if ((status = parse_with(o, optarg)) >= 0)
                return status;
            used |= ONLY_GRAPH;
            break;
        case OPT_CLUSTER:
            if (strcmp(optarg, "owner") != 0)
                return usage_error("--cluster takes 'owner', not '%s'", optarg);
            o->graph.cluster_owner = true;
            used |= ONLY_GRAPH;
            break;
        case OPT_FOCUS: o->focus = optarg; used |= ONLY_GRAPH; break;
        case OPT_DEPTH: {
            long d = -1;
            if (strcmp(optarg, "all") != 0 && !parse_count(optarg, 1000000, &d))
                return usage_error("--depth takes a number of hops or 'all', not '%s'", optarg);
            o->graph.depth = (int)d;
            o->depth_given = true;
            used |= ONLY_GRAPH;
            break;
        }
        case OPT_DIRECTION:
            if (strcmp(optarg, "down") == 0)
                o->graph.direction = DIR_DOWN;
            else if (strcmp(optarg, "up") == 0)
                o->graph.direction = DIR_UP;
            else if (strcmp(optarg, "both") == 0)
                o->graph.direction = DIR_BOTH;
            else
                return usage_error("--direction takes down, up or both, not '%s'", optarg);
            o->direction_given = true;
            used |= ONLY_GRAPH;
            break;
        case OPT_LEGEND: o->graph.legend = true; used |= ONLY_GRAPH; break;
        case OPT_MAX_ERRORS: {
            long n;
            if (!parse_count(optarg, 1000000000, &n))
                return usage_error("--max-errors takes a number, not '%s'", optarg);
            o->max_errors = (uint32_t)n;
            break;
        }
        case OPT_MAX_NODES:
            if (!parse_count(optarg, 1000000000, &o->graph.max_nodes))
                return usage_error("--max-nodes takes a number, not '%s'", optarg);
            used |= ONLY_GRAPH;
            break;
        case OPT_LAYOUT:
            if (!one_of(optarg, layouts))
                return usage_error("--layout takes dot, sfdp, neato, fdp, circo or twopi, not '%s'",
                                   optarg);
            o->graph.layout = optarg;
            used |= ONLY_GRAPH;
            break;
        case OPT_DUMP_AST: o->dump_ast = true; used |= ONLY_CHECK; break;
        case 'q': o->print.quiet = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': printf("svcc %s\n", SVCC_VERSION); return 0;
        default:
            if ((status = shared_option(c, "", argv, &o->print, &o->color)) >= 0)
                return status;
        }
    }
    int rest = argc - optind;
    if (rest == 0) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    static const char *const commands[] = {"check", "build", "graph", "impact", "fmt", "diff", NULL};
    const char *cmd = argv[optind];
    if (strcmp(cmd, "fmt") == 0 || strcmp(cmd, "diff") == 0)
        return usage_error("%s takes its options after the command: svcc %s [OPTIONS] ...", cmd, cmd);
    int k = 0;
    while (commands[k] && strcmp(commands[k], cmd) != 0)
        k++;
    if (!commands[k]) {
        const char *best = suggest_best(cmd, strlen(cmd), commands, 6);
        if (best)
            return usage_error("unknown command '%s'; did you mean '%s'?", cmd, best);
        return usage_error("unknown command '%s'", cmd);
    }
    o->command = (Command)k;
    int want = o->command == CMD_IMPACT ? 3 : 2;
    if (rest < 2)
        return usage_error("%s: no input file", cmd);
    if (o->command == CMD_IMPACT && rest < 3)
        return usage_error("impact: name the service to analyse: svcc impact FILE SERVICE");
    if (rest > want)
        return usage_error("%s: unexpected argument '%s'", cmd, argv[optind + want]);
    o->file = argv[optind + 1];
    if (o->command == CMD_IMPACT)
        o->service = argv[optind + 2];
    if ((status = check_option_use(o, used)) >= 0)
        return status;
    static const char *const graph_formats[] = {"dot", "svg", "png", "pdf", "mermaid", NULL};
    static const char *const impact_formats[] = {"text", "json", NULL};
    if (o->command == CMD_GRAPH) {
        o->graph.format = o->format ? o->format : "dot";
        if (!one_of(o->graph.format, graph_formats))
            return usage_error("graph: -T takes dot, svg, png, pdf or mermaid, not '%s'", o->format);
        if ((o->depth_given || o->direction_given) && !o->focus)
            return usage_error("graph: --depth and --direction go with --focus");
    }
    if (o->command == CMD_IMPACT && o->format && !one_of(o->format, impact_formats))
        return usage_error("impact: --format takes text or json, not '%s'", o->format);
    o->print.color = want_color(o->color);
    o->print.version = SVCC_VERSION;
    return -1;
}

/* The standard library: stdlib/ of the source tree when svcc runs from its
 * build folder (build/svcc, or build/asan/svcc for a variant build), else
 * the installed copy. */
static const char *stdlib_dir(Arena *a)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return SVCC_STDLIB_DIR;
    exe[n] = '\0';
    for (int up = 1; up <= 2; up++) {
        char *slash = strrchr(exe, '/');
        if (!slash)
            break;
        *slash = '\0';
        char *dir = arena_printf(a, "%s/../stdlib", exe);
        if (access(arena_printf(a, "%s/itil4.svc", dir), R_OK) == 0) {
            char real[PATH_MAX];
            return realpath(dir, real) ? arena_strdup(a, real) : dir;
        }
    }
    return SVCC_STDLIB_DIR;
}

/* Run IN, handing an out-of-memory failure to main's handler. */
static DriveResult compile(Compiler *c, const DriveInput *in)
{
    DriveResult r = drive(c, in);
    if (r.status == DRIVE_NOMEM)
        longjmp(*c->arena.oom, 1);
    return r;
}

static int dump_ast(Compiler *c, const Options *o)
{
    DriveInput in = {.mode = DRIVE_TREE, .path = o->file, .fail_alloc = c->arena.fail_after};
    DriveResult r = compile(c, &in);
    if (r.status == DRIVE_UNREADABLE) {
        diag_print(&c->diags, stderr, &o->print);
        return EXIT_USAGE;
    }
    ast_dump(r.tree, stdout);
    diag_print(&c->diags, stderr, &o->print);
    return c->diags.errors ? EXIT_INPUT : 0;
}

/* An output file must not be one of the inputs. */
static bool is_input(Compiler *c, const char *path)
{
    char real[PATH_MAX];
    return path && strcmp(path, "-") != 0 && realpath(path, real) &&
           names_find(&c->files, real, (uint32_t)strlen(real)) != NULL;
}

/* Fail with a diagnostic E0902 (exit 2): an output that cannot be written. */
static int output_error(Compiler *c, const char *msg)
{
    diag_nowhere(&c->diags, D_E0902, "%s", msg);
    return EXIT_USAGE;
}

/* OUT is main's, so that running out of memory half-way can remove the
 * temporary file (see main). */
static int write_output(Compiler *c, const Options *o, const Model *m, Output *out)
{
    char err[512] = "cannot write the output";
    if (is_input(c, o->output))
        return output_error(c, arena_printf(&c->arena, "refusing to write '%s': it is one of the inputs",
                                               o->output));
    if (!output_open(out, o->output, err, sizeof err))
        return output_error(c, err);
    bool ok;
    if (o->command == CMD_BUILD)
        ok = emit_json(c, m, out->fp);
    else
        ok = emit_service_graph(c, m, &o->graph, out->fp, err, sizeof err);
    if (ferror(out->fp)) { /* a write failed: say why (a full disk, …) */
        ok = false;
        snprintf(err, sizeof err, "cannot write '%s': %s", o->output ? o->output : "-",
                 strerror(errno));
    }
    if (!ok) {
        output_abort(out);
        return err[0] ? output_error(c, err) : EXIT_USAGE; /* else reported */
    }
    if (!output_finish(out, err, sizeof err))
        return output_error(c, err);
    return 0; /* renamed into place by run(), once all else is done */
}

/* Look up a service named on the command line. */
static const Entity *named_service(Compiler *c, const Model *m, const char *id, const char *what)
{
    uint32_t n = m->nkind[DECL_SERVICE];
    const char **ids = ARENA_ARRAY(&c->arena, const char *, n + 1);
    for (uint32_t i = 0; i < n; i++) {
        if (strcmp(m->by_kind[DECL_SERVICE][i]->id, id) == 0)
            return m->by_kind[DECL_SERVICE][i];
        ids[i] = m->by_kind[DECL_SERVICE][i]->id;
    }
    Diag *d = diag_nowhere(&c->diags, D_E0903, "%s: no service '%s' in the catalogue", what, id);
    const char *best = suggest_best(id, strlen(id), ids, n);
    if (best)
        diag_help(&c->diags, d, "did you mean '%s'?", best);
    return NULL;
}

static int run(Compiler *c, Options *o, Output *out)
{
    c->diags.max_errors = o->max_errors;
    for (int i = 0; i < o->nwopts; i++)
        if (!diag_option(&c->diags, o->wopts[i])) {
            fprintf(stderr, "svcc: unknown warning option '-W%s'\n", o->wopts[i]);
            return EXIT_USAGE;
        }
    if (o->dump_ast)
        return dump_ast(c, o);
    DriveInput in = {.mode = DRIVE_CHECK, .path = o->file, .fail_alloc = c->arena.fail_after,
                     .load = {o->includes, o->nincludes, getenv("SVCC_PATH"), stdlib_dir(&c->arena)}};
    DriveResult r = compile(c, &in);
    if (r.status == DRIVE_UNREADABLE) {
        diag_print(&c->diags, stderr, &o->print);
        return EXIT_USAGE;
    }
    Model *m = r.model;
    if (r.status == DRIVE_ERRORS) {
        diag_print(&c->diags, stderr, &o->print);
        return EXIT_INPUT; /* nothing is written when the input has errors */
    }
    int status = 0;
    switch (o->command) {
    case CMD_CHECK: break;
    case CMD_BUILD: status = write_output(c, o, m, out); break;
    case CMD_GRAPH:
        if (o->focus && !(o->graph.focus = named_service(c, m, o->focus, "--focus"))) {
            status = EXIT_USAGE;
            break;
        }
        status = write_output(c, o, m, out);
        break;
    case CMD_IMPACT: {
        const Entity *svc = named_service(c, m, o->service, "impact");
        if (!svc) {
            status = EXIT_USAGE;
            break;
        }
        Impact *im = impact_of(c, m, svc);
        bool json = o->format && strcmp(o->format, "json") == 0;
        if (!(json ? emit_impact_json(c, im, stdout) : emit_impact_text(im, stdout)))
            status = EXIT_USAGE;
        break;
    }
    }
    diag_print(&c->diags, stderr, &o->print);
    /* Last, and only on success: the output takes its place. */
    char err[512];
    if (status == 0 && !output_rename(out, err, sizeof err)) {
        fprintf(stderr, "svcc: error: %s [E0902]\n", err);
        status = EXIT_USAGE;
    }
    return status;
}

int main(int argc, char **argv)
{
    /* fmt and diff take their own options, after the command. */
    if (argc >= 2 && strcmp(argv[1], "fmt") == 0)
        return cmd_fmt(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "diff") == 0) {
        Arena a;
        arena_init(&a);
        int status = cmd_diff(argc - 1, argv + 1, stdlib_dir(&a));
        arena_free(&a);
        return status;
    }
    Options o;
    int status = parse_args(argc, argv, &o);
    if (status >= 0)
        return status;

    Compiler c;
    compiler_init(&c);
    static Output out; /* static: setjmp may not keep a local's changes */
    jmp_buf oom;
    arena_on_oom(&c.arena, &oom);
    if (setjmp(oom)) {
        output_abort(&out);
        compiler_free(&c);
        fputs("svcc: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    c.arena.fail_after = fail_alloc_from_env();
    status = run(&c, &o, &out);
    compiler_free(&c);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("svcc: error writing to standard output\n", stderr);
        return EXIT_USAGE;
    }
    return status;
}
