/* cmd_diff.c — svcc diff: lands in the next commit. */
#include <stdio.h>

#include "cli.h"

int cmd_diff(int argc, char **argv, const char *stdlib_dir)
{
    (void)argc;
    (void)argv;
    (void)stdlib_dir;
    fputs("svcc: diff is not available in this build\n", stderr);
    return EXIT_USAGE;
}
