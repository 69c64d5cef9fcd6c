/* main.c — the command line: parse options, run a command, set the exit
 * status.  0: success (warnings allowed); 1: the input has errors;
 * 2: usage error, a file that cannot be read or written, or out of memory.
 * check, build, graph, impact and report run on libsvcc's public API (svcc.h);
 * only --dump-ast (the driver's syntax tree) and export (the model, for
 * the command line's own exports) reach below it, and output files are the
 * command line's own (output.h). */
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "cli.h"
#include "compiler.h"
#include "driver.h"
#include "gitrev.h"
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
    "  report FILE         the assessment against a framework (--framework ID)\n"
    "  export FILE         write the catalogue for another tool (--format, -o)\n"
    "  fmt FILE...         print files in the canonical layout (svcc fmt --help)\n"
    "  diff OLD NEW        compare two versions of a catalogue (svcc diff --help)\n"
    "  lsp                 a language server for editors (svcc lsp --help)\n"
    "\n"
    "Options:\n"
    "  -I DIR              look for imported modules in DIR first (repeatable)\n"
    "  -o, --output OUT    build, graph, report: write to OUT ('-': standard output),\n"
    "                      replacing it only once all is written; export: the\n"
    "                      file, or the folder (markdown, html, csv)\n"
    "  -T, --format FMT    graph: dot, svg, png, pdf or mermaid (default dot);\n"
    "                      impact: text or json (default text); report: text,\n"
    "                      markdown, html or json (default text); export:\n"
    "                      backstage, tmf633, tmf620, markdown, html, csv or\n"
    "                      sqlite (required)\n"
    "      --framework ID  report: the framework assessed (iso20000_2018, …)\n"
    "      --against REV   report: add what changed since git revision REV\n"
    "      --tmf-version V export --format tmf620: TM Forum API version 4 or 5\n"
    "                      (default 5); tmf633: 4 only\n"
    "      --fail-on S     report: exit 1 if a shall requirement stands at S or\n"
    "                      worse: gap (gap, inferred only, not addressed) or\n"
    "                      partial (anything not met nor not applicable)\n"
    "      --with LIST     graph: add offerings and/or consumers (offerings,consumers)\n"
    "      --cluster owner graph: group services by owning team or person\n"
    "      --focus ID      graph: only the service ID and its neighbourhood\n"
    "      --depth N       graph: with --focus, follow N dependency hops (default 1;\n"
    "                      'all' for no limit)\n"
    "      --direction D   graph: with --focus, follow down (dependencies), up\n"
    "                      (dependents) or both (default both)\n"
    "      --view ID       graph: draw the catalogue's view ID\n"
    "      --views         graph: draw every view, each to DIR/ID.EXT (-o DIR)\n"
    "      --hide LIST     graph: leave out suppliers and/or related (see_also) lines\n"
    "      --link-template URL\n"
    "                      graph: svg nodes link to URL, {id} and {kind} replaced\n"
    "      --no-legend     graph: leave out the legend of node and edge styles\n"
    "      --title TEXT    graph: the title (default the catalogue's name)\n"
    "      --no-title      graph: leave out the title\n"
    "      --rankdir D     graph: TB, LR, BT or RL; default chosen by shape\n"
    "      --size WxH      graph: the screen, in pixels, the layout is planned\n"
    "                      for (default 1600x1000)\n"
    "      --aspect A      graph: the width:height to aim for (16:10, 1.5;\n"
    "                      default the screen's), or none: graphviz's own layout\n"
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
    "      --library       check: FILE declares no catalogue (a file others import);\n"
    "                      skip the checks that need the whole catalogue\n"
    "      --max-errors N  report at most N errors (default 100; 0: all); the\n"
    "                      rest are counted\n"
    "  -q, --quiet         print errors only: no warnings, no summary line\n"
    "  -h, --help          print this help and exit\n"
    "  -V, --version       print the version and exit\n"
    "\n"
    "FILE '-' reads standard input.  Exit status: 0 success, 1 the input has\n"
    "errors, 2 usage error or a file that cannot be read or written.\n";

typedef enum Command { CMD_CHECK, CMD_BUILD, CMD_GRAPH, CMD_IMPACT, CMD_REPORT, CMD_EXPORT } Command;

enum { EXIT_NOMEM = 100 }; /* inside main.c only: "out of memory", then exit 2 */

typedef struct Options {
    Command command;
    const char *file;
    const char *service;        /* impact */
    const char *framework;      /* report */
    const char *fail_on;        /* report */
    const char *against;        /* report */
    const svcc *baseline;       /* report --against: the version at that revision */
    const char *output;
    const char *format;
    svcc_graph_options graph;
    bool depth_given, direction_given, hide_given, with_given, cluster_given;
    bool views;                 /* graph --views -o DIR */
    int tmf_version;            /* export --tmf-version; 0: the format's default */
    DiagPrintOptions print;       /* as given (shared_option) */
    svcc_format format_diags;     /* … for libsvcc */
    unsigned print_flags;
    const char *color;
    bool dump_ast;
    bool library;           /* --library */
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

/* --with and --hide: a comma list of WORDS, each setting its flag in FLAGS;
 * GIVEN set. */
static int parse_words(const char *opt, const char *list, const char *const *words, bool *const *flags,
                       bool *given)
{
    *given = true;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        size_t k = 0;
        while (words[k] && strcmp(w, words[k]) != 0)
            k++;
        if (!words[k])
            return usage_error("%s takes %s and/or %s, not '%s'", opt, words[0], words[1], w);
        *flags[k] = true;
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

/* A width:height ratio as W:H or a number, within [0.01, 100]. */
static bool parse_aspect(const char *s, double *out)
{
    char *end;
    errno = 0;
    double w = strtod(s, &end), h = 1;
    if (end == s || errno)
        return false;
    if (*end == ':') {
        const char *t = end + 1;
        h = strtod(t, &end);
        if (end == t || errno)
            return false;
    }
    if (*end || !(w > 0) || !(h > 0) || !(w / h >= 0.01 && w / h <= 100))
        return false;
    *out = w / h;
    return true;
}

/* Options that belong to one command only. */
enum { ONLY_GRAPH = 1, ONLY_BUILD_GRAPH = 2, ONLY_CHECK = 4, ONLY_GRAPH_IMPACT = 8, ONLY_REPORT = 16, ONLY_EXPORT = 32 };

static int check_option_use(const Options *o, unsigned used)
{
    static const char *const names[] = {"check", "build", "graph", "impact", "report", "export"};
    const char *cmd = names[o->command];
    if ((used & ONLY_GRAPH) && o->command != CMD_GRAPH)
        return usage_error("%s: --with, --cluster, --focus, --depth, --direction, --view, --views, "
                           "--hide, --link-template, --legend, --no-legend, --title, --no-title, --rankdir, --size, "
                           "--aspect and --layout are options of 'graph'", cmd);
    if ((used & ONLY_BUILD_GRAPH) && o->command != CMD_BUILD && o->command != CMD_GRAPH &&
        o->command != CMD_REPORT && o->command != CMD_EXPORT)
        return usage_error("%s: -o is an option of 'build', 'graph', 'report' and 'export'", cmd);
    if ((used & ONLY_CHECK) && o->command != CMD_CHECK)
        return usage_error("%s: --dump-ast and --library are options of 'check'", cmd);
    if ((used & ONLY_GRAPH_IMPACT) && o->command != CMD_GRAPH && o->command != CMD_IMPACT &&
        o->command != CMD_REPORT && o->command != CMD_EXPORT)
        return usage_error("%s: -T/--format is an option of 'graph', 'impact', 'report' and 'export'", cmd);
    if ((used & ONLY_REPORT) && o->command != CMD_REPORT)
        return usage_error("%s: --framework, --fail-on and --against are options of 'report'", cmd);
    if ((used & ONLY_EXPORT) && o->command != CMD_EXPORT)
        return usage_error("%s: --tmf-version is an option of 'export'", cmd);
    return -1;
}

/* Parse argv; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, Options *o)
{
    enum { OPT_DUMP_AST = 256, OPT_LIBRARY, OPT_WITH, OPT_CLUSTER, OPT_FOCUS,
           OPT_DEPTH, OPT_DIRECTION, OPT_LEGEND, OPT_NO_LEGEND, OPT_TITLE, OPT_NO_TITLE,
           OPT_RANKDIR, OPT_SIZE, OPT_ASPECT, OPT_VIEW, OPT_VIEWS, OPT_HIDE, OPT_LINK, OPT_LAYOUT,
           OPT_MAX_ERRORS, OPT_MAX_NODES,
           OPT_FRAMEWORK, OPT_FAIL_ON, OPT_AGAINST, OPT_TMF_VERSION };
    static const struct option longopts[] = {
        {"diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"dump-ast", no_argument, NULL, OPT_DUMP_AST},
        {"library", no_argument, NULL, OPT_LIBRARY},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'T'},
        {"with", required_argument, NULL, OPT_WITH},
        {"cluster", required_argument, NULL, OPT_CLUSTER},
        {"focus", required_argument, NULL, OPT_FOCUS},
        {"depth", required_argument, NULL, OPT_DEPTH},
        {"direction", required_argument, NULL, OPT_DIRECTION},
        {"legend", no_argument, NULL, OPT_LEGEND},
        {"no-legend", no_argument, NULL, OPT_NO_LEGEND},
        {"view", required_argument, NULL, OPT_VIEW},
        {"views", no_argument, NULL, OPT_VIEWS},
        {"hide", required_argument, NULL, OPT_HIDE},
        {"link-template", required_argument, NULL, OPT_LINK},
        {"title", required_argument, NULL, OPT_TITLE},
        {"no-title", no_argument, NULL, OPT_NO_TITLE},
        {"rankdir", required_argument, NULL, OPT_RANKDIR},
        {"size", required_argument, NULL, OPT_SIZE},
        {"aspect", required_argument, NULL, OPT_ASPECT},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
        {"framework", required_argument, NULL, OPT_FRAMEWORK},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"against", required_argument, NULL, OPT_AGAINST},
        {"tmf-version", required_argument, NULL, OPT_TMF_VERSION},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    static const char *const layouts[] = {"dot", "sfdp", "neato", "fdp", "circo", "twopi", NULL};
    memset(o, 0, sizeof *o);
    o->color = "auto";
    svcc_graph_options_init(&o->graph);
    o->max_errors = 100;
    o->graph.direction = "both";
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
            status = parse_words("--with", optarg, (const char *const[]){"offerings", "consumers", NULL},
                                 (bool *const[]){&o->graph.offerings, &o->graph.consumers}, &o->with_given);
            used |= ONLY_GRAPH;
            if (status >= 0)
                return status;
            break;
        case OPT_CLUSTER:
            if (strcmp(optarg, "owner") != 0)
                return usage_error("--cluster takes 'owner', not '%s'", optarg);
            o->graph.cluster_owner = true;
            o->cluster_given = true;
            used |= ONLY_GRAPH;
            break;
        case OPT_FOCUS: o->graph.focus = optarg; used |= ONLY_GRAPH; break;
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
                o->graph.direction = "down";
            else if (strcmp(optarg, "up") == 0)
                o->graph.direction = "up";
            else if (strcmp(optarg, "both") == 0)
                o->graph.direction = "both";
            else
                return usage_error("--direction takes down, up or both, not '%s'", optarg);
            o->direction_given = true;
            used |= ONLY_GRAPH;
            break;
        case OPT_LEGEND: o->graph.legend = true; used |= ONLY_GRAPH; break;
        case OPT_NO_LEGEND: o->graph.legend = false; used |= ONLY_GRAPH; break;
        case OPT_VIEW: o->graph.view = optarg; used |= ONLY_GRAPH; break;
        case OPT_LINK: o->graph.link_template = optarg; used |= ONLY_GRAPH; break;
        case OPT_VIEWS: o->views = true; used |= ONLY_GRAPH; break;
        case OPT_HIDE:
            status = parse_words("--hide", optarg, (const char *const[]){"suppliers", "related", NULL},
                                 (bool *const[]){&o->graph.hide_suppliers, &o->graph.hide_related}, &o->hide_given);
            used |= ONLY_GRAPH;
            if (status >= 0)
                return status;
            break;
        case OPT_TITLE: o->graph.title = optarg; used |= ONLY_GRAPH; break;
        case OPT_NO_TITLE: o->graph.title = ""; used |= ONLY_GRAPH; break;
        case OPT_RANKDIR: {
            static const char *const dirs[] = {"TB", "LR", "BT", "RL", NULL};
            if (strcmp(optarg, "auto") == 0)
                o->graph.rankdir = NULL;
            else if (one_of(optarg, dirs))
                o->graph.rankdir = optarg;
            else
                return usage_error("--rankdir takes TB, LR, BT, RL or auto, not '%s'", optarg);
            used |= ONLY_GRAPH;
            break;
        }
        case OPT_SIZE: {
            long w = 0, h = 0;
            const char *x = strchr(optarg, 'x');
            char wbuf[16];
            if (!x || (size_t)(x - optarg) >= sizeof wbuf)
                return usage_error("--size takes WIDTHxHEIGHT in pixels (1600x1000), not '%s'", optarg);
            memcpy(wbuf, optarg, (size_t)(x - optarg));
            wbuf[x - optarg] = '\0';
            if (!parse_count(wbuf, 100000, &w) || !parse_count(x + 1, 100000, &h) || w < 100 || h < 100)
                return usage_error("--size takes WIDTHxHEIGHT in pixels, each 100 to 100000, not '%s'", optarg);
            o->graph.screen_width = (int)w, o->graph.screen_height = (int)h;
            used |= ONLY_GRAPH;
            break;
        }
        case OPT_ASPECT:
            if (strcmp(optarg, "none") == 0)
                o->graph.aspect = -1;
            else if (!parse_aspect(optarg, &o->graph.aspect))
                return usage_error("--aspect takes W:H (16:10), a ratio (1.5) from 0.01 to 100, or none, "
                                   "not '%s'", optarg);
            used |= ONLY_GRAPH;
            break;
        case OPT_FRAMEWORK: o->framework = optarg; used |= ONLY_REPORT; break;
        case OPT_TMF_VERSION:
            if (strcmp(optarg, "4") != 0 && strcmp(optarg, "5") != 0)
                return usage_error("--tmf-version takes 4 or 5, not '%s'", optarg);
            o->tmf_version = optarg[0] - '0';
            used |= ONLY_EXPORT;
            break;
        case OPT_AGAINST: o->against = optarg; used |= ONLY_REPORT; break;
        case OPT_FAIL_ON:
            if (strcmp(optarg, "gap") != 0 && strcmp(optarg, "partial") != 0)
                return usage_error("--fail-on takes gap or partial, not '%s'", optarg);
            o->fail_on = optarg;
            used |= ONLY_REPORT;
            break;
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
        case OPT_LIBRARY: o->library = true; used |= ONLY_CHECK; break;
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
    static const char *const commands[] = {"check", "build", "graph", "impact", "report", "export", "fmt",
                                           "diff", "lsp", NULL};
    const char *cmd = argv[optind];
    if (strcmp(cmd, "fmt") == 0 || strcmp(cmd, "diff") == 0 || strcmp(cmd, "lsp") == 0)
        return usage_error("%s takes its options after the command: svcc %s [OPTIONS] ...", cmd, cmd);
    int k = 0;
    while (commands[k] && strcmp(commands[k], cmd) != 0)
        k++;
    if (!commands[k]) {
        const char *best = suggest_best(cmd, strlen(cmd), commands, 9);
        if (best)
            return usage_error("unknown command '%s'; did you mean '%s'?", cmd, best);
        return usage_error("unknown command '%s'", cmd);
    }
    if (k > CMD_EXPORT) /* fmt, diff, lsp: handled before (main) */
        return usage_error("%s takes its options after the command: svcc %s [OPTIONS] ...", cmd, cmd);
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
        if ((o->graph.view || o->views) &&
            (o->graph.focus || o->depth_given || o->direction_given || o->with_given || o->cluster_given ||
             o->hide_given))
            return usage_error("graph: a view sets its own start, depth, direction, kinds and clusters; "
                               "--focus, --depth, --direction, --with, --cluster and --hide do not go with "
                               "--view or --views");
        if (o->graph.view && o->views)
            return usage_error("graph: --view draws one view, --views all of them: not both");
        if (o->views && (!o->output || strcmp(o->output, "-") == 0))
            return usage_error("graph --views: name the folder for the pictures with -o DIR");
        if ((o->depth_given || o->direction_given) && !o->graph.focus)
            return usage_error("graph: --depth and --direction go with --focus");
    }
    if (o->command == CMD_IMPACT && o->format && !one_of(o->format, impact_formats))
        return usage_error("impact: --format takes text or json, not '%s'", o->format);
    static const char *const report_formats[] = {"text", "markdown", "html", "json", NULL};
    if (o->command == CMD_REPORT && o->format && !one_of(o->format, report_formats))
        return usage_error("report: --format takes text, markdown, html or json, not '%s'", o->format);
    if (o->command == CMD_EXPORT) {
        if (!o->format)
            return usage_error("export: name the format: svcc export FILE --format FMT [-o OUT] (backstage, "
                               "tmf633, tmf620, markdown, html, csv, sqlite)");
        if (!one_of(o->format, export_formats))
            return usage_error("export: --format takes backstage, tmf633, tmf620, markdown, html, csv or "
                               "sqlite, not '%s'", o->format);
        bool tmf = strncmp(o->format, "tmf", 3) == 0;
        if (o->tmf_version && !tmf)
            return usage_error("export: --tmf-version goes with --format tmf633 or tmf620");
        if (strcmp(o->format, "tmf633") == 0 && o->tmf_version == 5)
            return usage_error("export: tmf633 is written for TMF633 version 4 only: the version its tests "
                               "validate against");
        if (!o->tmf_version)
            o->tmf_version = strcmp(o->format, "tmf620") == 0 ? 5 : 4;
        if (!tmf && strcmp(o->format, "backstage") != 0 && (!o->output || strcmp(o->output, "-") == 0))
            return usage_error("export --format %s: name the %s to write with -o %s", o->format,
                               strcmp(o->format, "sqlite") != 0 ? "folder" : "database file",
                               strcmp(o->format, "sqlite") != 0 ? "DIR" : "FILE");
    }
    if (o->command == CMD_REPORT && !o->framework)
        return usage_error("report: name the framework assessed: svcc report FILE --framework ID");
    o->print.color = want_color(o->color);
    o->format_diags = o->print.format == DIAG_JSON    ? SVCC_FORMAT_JSON
                      : o->print.format == DIAG_SARIF ? SVCC_FORMAT_SARIF
                                                      : SVCC_FORMAT_TEXT;
    o->print_flags = (o->print.color ? SVCC_PRINT_COLOR : 0) | (o->print.quiet ? SVCC_PRINT_QUIET : 0);
    return -1;
}

/* The standard library: stdlib/ of the source tree when svcc runs from its
 * build folder (build/svcc, or build/asan/svcc for a variant build), else
 * the installed copy. */
/* BUF: PATH_MAX bytes, for the folder found. */
static const char *stdlib_dir(char *buf, size_t size)
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
        char dir[PATH_MAX + 16], probe[PATH_MAX + 32];
        snprintf(dir, sizeof dir, "%s/../stdlib", exe);
        snprintf(probe, sizeof probe, "%s/itil4.svc", dir);
        if (access(probe, R_OK) == 0 && size >= PATH_MAX && realpath(dir, buf))
            return buf;
    }
    return SVCC_STDLIB_DIR;
}

/* --dump-ast: the parser's tree, below the public API (driver.h). */
static int dump_ast(svcc *c, const Options *o)
{
    Compiler *cc = api_compiler(c);
    DriveInput in = {.mode = DRIVE_TREE, .path = o->file, .fail_alloc = cc->arena.fail_after};
    DriveResult r = drive(cc, &in);
    if (r.status == DRIVE_NOMEM)
        return EXIT_NOMEM;
    if (r.status != DRIVE_UNREADABLE)
        ast_dump(r.tree, stdout);
    svcc_print_diagnostics(c, stderr, o->format_diags, o->print_flags);
    return r.status == DRIVE_UNREADABLE ? EXIT_USAGE : cc->diags.errors ? EXIT_INPUT : 0;
}

/* An output file must not be one of the inputs. */
static bool is_input(const svcc *c, const char *path)
{
    char real[PATH_MAX];
    if (!path || strcmp(path, "-") == 0 || !realpath(path, real))
        return false;
    for (size_t i = 0; i < svcc_file_count(c); i++)
        if (svcc_file_real_path(c, i) && strcmp(svcc_file_real_path(c, i), real) == 0)
            return true;
    return false;
}

/* Fail with a diagnostic E0902 (exit 2): an output that cannot be written. */
static int output_error(svcc *c, const char *msg)
{
    return svcc_report(c, "E0902", msg, NULL) == SVCC_ENOMEM ? EXIT_NOMEM : EXIT_USAGE;
}

/* OUT is main's, so that running out of memory half-way can remove the
 * temporary file (see main). */
static int write_output(svcc *c, const Options *o, Output *out)
{
    char err[512] = "cannot write the output";
    if (is_input(c, o->output)) {
        snprintf(err, sizeof err, "refusing to write '%s': it is one of the inputs", o->output);
        return output_error(c, err);
    }
    if (!output_open(out, o->output, err, sizeof err))
        return output_error(c, err);
    unsigned errors = svcc_error_count(c);
    svcc_report_options ro = {o->framework, o->format, o->fail_on, o->baseline, o->against, 0};
    svcc_status st = o->command == CMD_BUILD    ? svcc_write_json(c, out->fp)
                     : o->command == CMD_REPORT ? svcc_write_report(c, out->fp, &ro)
                     : o->command == CMD_EXPORT && strcmp(o->format, "backstage") == 0
                         ? api_write_backstage(c, out->fp)
                     : o->command == CMD_EXPORT ? api_write_tmf(c, out->fp, o->format, o->tmf_version)
                                                : svcc_write_graph(c, out->fp, &o->graph);
    size_t failing = ro.failing;
    if (st == SVCC_ENOMEM)
        return EXIT_NOMEM;
    if (ferror(out->fp)) { /* a write failed: say why (a full disk, …) */
        st = SVCC_EIO;
        snprintf(err, sizeof err, "cannot write '%s': %s", o->output ? o->output : "-",
                 strerror(errno));
    } else if (st != SVCC_OK) {
        snprintf(err, sizeof err, "%s", svcc_last_error(c));
    }
    if (st != SVCC_OK) {
        output_abort(out);
        /* too large to lay out: reported (E0905) */
        return svcc_error_count(c) > errors ? EXIT_USAGE : output_error(c, err);
    }
    if (svcc_error_count(c) > errors) { /* a warning made an error (-Werror): nothing is written */
        output_abort(out);
        return EXIT_INPUT;
    }
    if (!output_finish(out, err, sizeof err))
        return output_error(c, err);
    return failing ? EXIT_INPUT : 0; /* renamed into place by run(), once all else is done */
}

/* --view ID: 0 if the catalogue declares that view, else reported (E0903). */
static int named_view(svcc *c, const char *id)
{
    const svcc_entity *e = svcc_entity_find(c, id);
    if (e && svcc_entity_kind(e) == SVCC_VIEW)
        return 0;
    char msg[512];
    snprintf(msg, sizeof msg, "--view: no view '%s' in the catalogue", id);
    return svcc_report(c, "E0903", msg,
                       svcc_entity_count(c, SVCC_VIEW)
                           ? "name one of the catalogue's views (svcc build FILE lists them under \"views\")"
                           : "the catalogue declares no view: see docs/graphs.md, Views") == SVCC_ENOMEM
               ? EXIT_NOMEM : EXIT_USAGE;
}

/* graph --views -o DIR: each view to DIR/ID.EXT, each file replaced once
 * written; DIR is made if missing. */
static int write_views(svcc *c, const Options *o, Output *out)
{
    size_t n = svcc_entity_count(c, SVCC_VIEW);
    if (n == 0)
        return svcc_report(c, "E0903", "graph --views: the catalogue declares no view",
                           "declare one with 'view ID \"Title\" { … }' (docs/graphs.md, Views)") == SVCC_ENOMEM
                   ? EXIT_NOMEM : EXIT_USAGE;
    if (mkdir(o->output, 0777) != 0 && errno != EEXIST) {
        char err[600];
        snprintf(err, sizeof err, "cannot make the folder '%s': %s", o->output, strerror(errno));
        return output_error(c, err);
    }
    const char *ext = strcmp(o->graph.format, "mermaid") == 0 ? "mmd" : o->graph.format;
    for (size_t i = 0; i < n; i++) {
        const char *id = svcc_entity_id(svcc_entity_at(c, SVCC_VIEW, i));
        char path[PATH_MAX];
        if ((size_t)snprintf(path, sizeof path, "%s/%s.%s", o->output, id, ext) >= sizeof path)
            return output_error(c, "graph --views: the folder's path is too long");
        Options one = *o;
        one.output = path;
        one.graph.view = id;
        int status = write_output(c, &one, out);
        char err[512];
        if (status == 0 && !output_rename(out, err, sizeof err))
            status = output_error(c, err);
        if (status)
            return status;
    }
    return 0;
}

/* A service (or, with SUPPLIERS, a supplier) named on the command line:
 * reported (E0903, with the nearest id) unless it is one. */
static bool named_service(svcc *c, const char *id, const char *what, bool suppliers)
{
    const svcc_entity *e = svcc_entity_find(c, id);
    if (e && (svcc_entity_kind(e) == SVCC_SERVICE || (suppliers && svcc_entity_kind(e) == SVCC_SUPPLIER)))
        return true;
    size_t ns = svcc_entity_count(c, SVCC_SERVICE), nx = suppliers ? svcc_entity_count(c, SVCC_SUPPLIER) : 0;
    const char **ids = malloc(sizeof *ids * (ns + nx + 1));
    if (!ids)
        return false;
    for (size_t i = 0; i < ns; i++)
        ids[i] = svcc_entity_id(svcc_entity_at(c, SVCC_SERVICE, i));
    for (size_t i = 0; i < nx; i++)
        ids[ns + i] = svcc_entity_id(svcc_entity_at(c, SVCC_SUPPLIER, i));
    const char *best = suggest_best(id, strlen(id), ids, ns + nx);
    char msg[512], help[512];
    snprintf(msg, sizeof msg, "%s: no service%s '%s' in the catalogue", what,
             suppliers ? " or supplier" : "", id);
    snprintf(help, sizeof help, "did you mean '%s'?", best ? best : "");
    svcc_report(c, "E0903", msg, best ? help : NULL);
    free(ids);
    return false;
}

/* Compile FILE into C with O's include dirs, module path and stdlib. */
static svcc_status compile(svcc *c, const Options *o, const char *file)
{
    svcc_status st = SVCC_OK; /* the options: only memory can fail them here */
    for (int i = 0; i < o->nincludes && !st; i++)
        st = svcc_add_include_dir(c, o->includes[i]);
    if (!st && getenv("SVCC_PATH") && *getenv("SVCC_PATH"))
        st = svcc_set_module_path(c, getenv("SVCC_PATH"));
    char stdlib[PATH_MAX];
    if (!st)
        st = svcc_set_stdlib_dir(c, stdlib_dir(stdlib, sizeof stdlib));
    if (!st && o->library)
        st = svcc_set_library(c, true);
    return st ? st : svcc_compile_file(c, file);
}

/* report --against: the catalogue at revision O->against, compiled into
 * OLD (a fresh handle) from a temporary checkout (T); an exit status
 * after a message, or -1 when OLD is ready. */
static int baseline(svcc *old, const Options *o, GitTree *t)
{
    const char *root = gitrev_checkout(o->against, o->file, t);
    if (!root)
        return EXIT_USAGE;
    svcc_status st = compile(old, o, root);
    if (st == SVCC_ENOMEM)
        return EXIT_NOMEM;
    if (st == SVCC_OK)
        return -1;
    svcc_print_diagnostics(old, stderr, o->format_diags, o->print_flags);
    fprintf(stderr, "svcc: error: report --against: the catalogue at '%s' has errors; nothing is compared\n",
            o->against);
    return st == SVCC_EINPUT ? EXIT_INPUT : EXIT_USAGE;
}

static int run(svcc *c, Options *o, Output *out)
{
    svcc_set_max_errors(c, o->max_errors);
    /* -q prints no warning: counted, not kept — but for the portal, which
     * has a page of them */
    bool portal = o->command == CMD_EXPORT && strcmp(o->format, "html") == 0;
    svcc_set_keep_warnings(c, portal || !(o->print.quiet && o->print.format == DIAG_TEXT));
    for (int i = 0; i < o->nwopts; i++)
        if (svcc_set_warning(c, o->wopts[i]) != SVCC_OK) {
            fprintf(stderr, "svcc: unknown warning option '-W%s'\n", o->wopts[i]);
            return EXIT_USAGE;
        }
    if (o->dump_ast)
        return dump_ast(c, o);
    svcc_status st = compile(c, o, o->file);
    if (st == SVCC_ENOMEM)
        return EXIT_NOMEM;
    if (st != SVCC_OK) {
        svcc_print_diagnostics(c, stderr, o->format_diags, o->print_flags);
        return st == SVCC_EINPUT ? EXIT_INPUT : EXIT_USAGE; /* nothing is written */
    }
    int status = 0;
    switch (o->command) {
    case CMD_CHECK: break;
    case CMD_BUILD: status = write_output(c, o, out); break;
    case CMD_GRAPH:
        if (o->graph.focus && !named_service(c, o->graph.focus, "--focus", false)) {
            status = EXIT_USAGE;
            break;
        }
        if (o->graph.view && (status = named_view(c, o->graph.view)) != 0)
            break;
        status = o->views ? write_views(c, o, out) : write_output(c, o, out);
        break;
    case CMD_REPORT:
        if (!svcc_entity_find(c, o->framework) ||
            svcc_entity_kind(svcc_entity_find(c, o->framework)) != SVCC_FRAMEWORK) {
            char msg[512];
            snprintf(msg, sizeof msg, "report: no framework '%s' in the catalogue", o->framework);
            status = svcc_report(c, "E0903", msg, "name one of the catalogue's frameworks "
                                 "(svcc build FILE lists them under \"frameworks\")") == SVCC_ENOMEM
                         ? EXIT_NOMEM : EXIT_USAGE;
            break;
        }
        if (o->against) {
            static GitTree tree; /* static: removed by a signal too (output.h) */
            svcc *old = svcc_new();
            status = old ? baseline(old, o, &tree) : EXIT_NOMEM;
            if (status < 0) {
                o->baseline = old;
                status = write_output(c, o, out);
                o->baseline = NULL;
            }
            svcc_free(old);
            gitrev_remove(&tree);
            break;
        }
        status = write_output(c, o, out);
        break;
    case CMD_EXPORT: {
        char err[700];
        if (strcmp(o->format, "csv") != 0 && strcmp(o->format, "sqlite") != 0 &&
            strcmp(o->format, "markdown") != 0 && strcmp(o->format, "html") != 0) {
            status = write_output(c, o, out);
        } else if (is_input(c, o->output)) {
            snprintf(err, sizeof err, "refusing to write '%s': it is one of the inputs", o->output);
            status = output_error(c, err);
        } else if ((status = cmd_export(c, o->format, o->output, out, err, sizeof err)) != 0) {
            status = status < 0 ? EXIT_NOMEM : output_error(c, err);
        }
        break;
    }
    case CMD_IMPACT: {
        if (!named_service(c, o->service, "impact", true)) {
            status = EXIT_USAGE;
            break;
        }
        bool json = o->format && strcmp(o->format, "json") == 0;
        st = svcc_write_impact(c, stdout, o->service, json);
        status = st == SVCC_ENOMEM ? EXIT_NOMEM : st != SVCC_OK ? EXIT_USAGE : 0;
        break;
    }
    }
    if (status == EXIT_NOMEM)
        return status;
    svcc_print_diagnostics(c, stderr, o->format_diags, o->print_flags);
    /* Last, and only on success (a report failing --fail-on is written): the
     * output takes its place. */
    char err[512];
    bool written = status == 0 || (o->command == CMD_REPORT && status == EXIT_INPUT);
    if (written && !output_rename(out, err, sizeof err)) {
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
        char stdlib[PATH_MAX];
        return cmd_diff(argc - 1, argv + 1, stdlib_dir(stdlib, sizeof stdlib));
    }
    if (argc >= 2 && strcmp(argv[1], "lsp") == 0) {
        char stdlib[PATH_MAX];
        return cmd_lsp(argc - 1, argv + 1, stdlib_dir(stdlib, sizeof stdlib));
    }
    Options o;
    int status = parse_args(argc, argv, &o);
    if (status >= 0)
        return status;

    svcc *c = svcc_new();
    Output out;
    memset(&out, 0, sizeof out);
    status = c ? (api_fail_alloc(c, fail_alloc_from_env()), run(c, &o, &out)) : EXIT_NOMEM;
    svcc_free(c);
    if (status == EXIT_NOMEM) {
        output_abort(&out);
        fputs("svcc: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("svcc: error writing to standard output\n", stderr);
        return EXIT_USAGE;
    }
    return status;
}
