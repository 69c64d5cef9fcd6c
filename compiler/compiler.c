/* compiler.c — a compilation's context: made and freed (compiler.h). */
#include "compiler.h"

#include <string.h>

void compiler_init(Compiler *c)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->arena);
    arena_init(&c->scratch);
    c->scratch.parent = &c->arena;
    names_init(&c->strings, &c->arena, 16);
    source_set_init(&c->sources, &c->arena);
    diag_init(&c->diags, &c->arena, &c->sources);
}

void compiler_free(Compiler *c)
{
    source_set_free(&c->sources);
    arena_free(&c->scratch);
    arena_free(&c->arena);
}
