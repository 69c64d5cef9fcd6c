/* cli.h — pieces of the command line shared by main.c and the commands
 * that parse their own options (svcc fmt, svcc diff). */
#ifndef SVCC_CLI_H
#define SVCC_CLI_H

#include <stdbool.h>

#include "compiler.h"
#include "output.h"
#include "svcc.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* "svcc: MESSAGE" and a pointer to --help on stderr; returns EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether to colour diagnostics for --color MODE (auto, always, never);
 * want_color_on says it for another stream (FD) than standard error. */
bool want_color(const char *mode);
bool want_color_on(const char *mode, int fd);

/* getopt_long codes of the options every command takes. */
enum { OPT_DIAG_FORMAT = 1000, OPT_COLOR };

/* The options every command takes (--diagnostics-format, --color) and
 * getopt's complaints, for the `default:` of a command's option switch.
 * CMD prefixes messages ("fmt: "; "" for none).  Returns -1 when CH was
 * one of them and is stored, else an exit status after a message. */
int shared_option(int ch, const char *cmd, char **argv, DiagPrintOptions *print, const char **color);

/* -I DIR: add DIR to DIRS (*N of at most MAX).  Returns -1 when added,
 * else EXIT_USAGE after a message (an empty DIR — it would name the root
 * folder — or too many). */
int include_option(const char **dirs, int *n, int max, const char *dir);

/* Whether PATH names a folder ("-", standard input, does not). */
bool is_folder(const char *path);

/* SVCC_FAIL_ALLOC (fault injection, docs/cli.md): fail that allocation;
 * 0 when unset. */
long fail_alloc_from_env(void);

/* svcc fmt ARGS… and svcc diff ARGS… (argv[0] is the command's name). */
int cmd_fmt(int argc, char **argv);
int cmd_diff(int argc, char **argv, const char *stdlib_dir);
int cmd_lsp(int argc, char **argv, const char *stdlib_dir);

/* svcc export: the formats (NULL-terminated); cmd_export writes C's
 * checked catalogue in FORMAT csv, markdown, html or sqlite to PATH, a
 * folder or a file, each file replaced once all are written (backstage, tmf633 and
 * tmf620 are streams, written as build's JSON is).  OUT is main's, so that
 * running out of memory can remove its temporary file.  0; EXIT_USAGE with
 * a message in ERR; -1 when out of memory (nothing left behind). */
extern const char *const export_formats[];
int cmd_export(svcc *c, const char *format, const char *path, Output *out, char *err, size_t errlen);

#endif
