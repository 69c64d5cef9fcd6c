/* sema.h — internal to the semantic pass (sema.c, sema_graph.c). */
#ifndef SVCC_SEMA_H
#define SVCC_SEMA_H

#include "compiler.h"

typedef struct SuggestIndex SuggestIndex;

typedef struct Sema {
    Compiler *c;
    DiagEngine *e;
    Arena *a;
    Model *m;
    NameTable names;
    NameTable shared;       /* template statement -> its checked values (sema.c) */
    struct Graph *hard;     /* hard dependencies between services (sema_graph.c) */
    uint32_t *hard_comp;    /* their strongly connected components */
    bool hard_acyclic;
    bool incomplete;        /* a file changed while being read (E0904): some entities unchecked */
    struct SuggestIndex *suggest; /* names by length, for "did you mean" (sema.c) */
} Sema;

/* "service", "team or person", … */
const char *sema_kinds_phrase(Arena *a, unsigned kinds);

/* "people.svc:3:9" */
const char *sema_where(Sema *s, Span span);

/* The declaration's id as a span, to report on. */
Span sema_id_span(const Entity *e);

/* Checks over the whole model, after every entity's fields (sema_graph.c). */
void sema_derive(Sema *s);
void sema_check_graph(Sema *s);
void sema_check_warnings(Sema *s);


#endif
