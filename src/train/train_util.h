/* train_util.h - what the trainers share: clocks, out-of-memory policy,
 * the recorded training date, CoNLL column splitting.  Training code only
 * (a trainer that runs out of memory prints a message and exits: train.h). */
#ifndef PRECIS_TRAIN_UTIL_H
#define PRECIS_TRAIN_UTIL_H

#include <stddef.h>

/* CPU time of the calling thread (speeds on one core, unaffected by other
 * processes), and wall-clock time (progress reports), in seconds. */
double prc_tr_cpu_seconds(void);
double prc_tr_wall_seconds(void);
/* Prints "precis: out of memory" and exits with status 1. */
_Noreturn void prc_tr_die_oom(void);
/* realloc that never returns NULL (prc_tr_die_oom instead); n = 0 allowed. */
void *prc_tr_xrealloc(void *p, size_t n);
/* Today's date as YYYY-MM-DD, or SOURCE_DATE_EPOCH's when set (so that
 * rebuilt models are byte-identical). */
void prc_tr_today(char *buf, size_t n);
/* The part of a path after its last '/'. */
const char *prc_tr_base_name(const char *path);
/* Splits line (NUL-terminated, modified) at tabs into at most max columns;
 * returns how many. */
int prc_tr_split_tabs(char *line, char **col, int max);

#endif
