/* train_util.c - what the trainers share (train_util.h). */
#include "train_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double prc_tr_cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double prc_tr_wall_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

_Noreturn void prc_tr_die_oom(void) {
  fputs("precis: out of memory\n", stderr);
  exit(1);
}

void *prc_tr_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) prc_tr_die_oom();
  return q;
}

void prc_tr_today(char *buf, size_t n) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  time_t t = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, n, "%Y-%m-%d", &tm);
}

const char *prc_tr_base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

int prc_tr_split_tabs(char *line, char **col, int max) {
  int nc = 0;
  char *p = line;
  col[nc++] = p;
  while (nc < max && (p = strchr(p, '\t'))) {
    *p++ = 0;
    col[nc++] = p;
  }
  return nc;
}
