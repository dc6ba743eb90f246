/* opt.c - see opt.h. */
#include "opt.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* "precis: " then, for a subcommand, "eval rouge: ". */
static void prefix(const prc_cmd *cmd) {
  const char *sub = strchr(cmd->name, ' ');
  fprintf(stderr, "precis: ");
  if (sub) fprintf(stderr, "%s: ", sub + 1);
}

static void verror(const prc_cmd *cmd, int see_help, const char *fmt, va_list ap) {
  prefix(cmd);
  vfprintf(stderr, fmt, ap);
  if (see_help) fprintf(stderr, " (see %s --help)", cmd->name);
  fputc('\n', stderr);
}

static int error(const prc_cmd *cmd, int see_help, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int error(const prc_cmd *cmd, int see_help, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verror(cmd, see_help, fmt, ap);
  va_end(ap);
  return PRC_OPT_ERROR;
}

int prc_cmd_usage_error(const prc_cmd *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verror(cmd, 1, fmt, ap);
  va_end(ap);
  return 2;
}

void prc_opt_init(prc_opt_parser *p, const prc_cmd *cmd, int argc, char **argv) {
  memset(p, 0, sizeof *p);
  p->cmd = cmd;
  p->argc = argc;
  p->argv = argv;
  p->i = 1;
}

/* The choices "a|b|c" as "a, b, c". */
static void print_choices(FILE *f, const char *choices) {
  for (const char *c = choices; *c; c++) {
    if (*c == '|') fputs(", ", f);
    else fputc(*c, f);
  }
}

static int choice_index(const char *choices, const char *v) {
  size_t n = strlen(v);
  int k = 0;
  for (const char *c = choices;; k++) {
    const char *e = strchr(c, '|');
    size_t len = e ? (size_t)(e - c) : strlen(c);
    if (len == n && !memcmp(c, v, n)) return k;
    if (!e) return -1;
    c = e + 1;
  }
}

/* Check and convert the value of p->opt, spelt `spelling` by the user. */
static int take_value(prc_opt_parser *p, const char *spelling, const char *v) {
  const prc_opt *o = p->opt;
  const prc_cmd *cmd = p->cmd;
  p->value = v;
  switch (o->kind) {
  case PRC_OPT_FLAG:
    return o->id;
  case PRC_OPT_STRING:
    if (!*v) return error(cmd, 0, "%s needs a non-empty %s", spelling, o->metavar);
    return o->id;
  case PRC_OPT_CHOICE:
    p->choice = choice_index(o->choices, v);
    if (p->choice < 0) {
      prefix(cmd);
      fprintf(stderr, "unknown %s '%s' (", o->long_name ? o->long_name : spelling, v);
      print_choices(stderr, o->choices);
      fprintf(stderr, ")\n");
      return PRC_OPT_ERROR;
    }
    return o->id;
  case PRC_OPT_INT: {
    char *e;
    errno = 0;
    long n = strtol(v, &e, 10);
    if (!*v || isspace((unsigned char)*v) || *e || errno || n < o->min || n > o->max)
      return error(cmd, 0, "%s takes a whole number from %ld to %ld, not '%s'", spelling, o->min, o->max, v);
    p->num = n;
    return o->id;
  }
  case PRC_OPT_U64: {
    char *e;
    errno = 0;
    unsigned long long n = strtoull(v, &e, 10);
    if (!*v || *e || errno || *v == '-' || *v == '+' || isspace((unsigned char)*v))
      return error(cmd, 0, "%s takes a whole number from 0 to 18446744073709551615, not '%s'", spelling, v);
    p->u64 = (uint64_t)n;
    return o->id;
  }
  case PRC_OPT_REAL: {
    char *e;
    errno = 0;
    double x = strtod(v, &e);
    if (!*v || isspace((unsigned char)*v) || *e || errno || !isfinite(x) || !(x >= 0))
      return error(cmd, 0, "%s takes a number >= 0, not '%s'", spelling, v);
    p->real = x;
    return o->id;
  }
  }
  return o->id;
}

static const prc_opt *find_long(const prc_opt *t, const char *name, size_t n) {
  for (; t->id; t++)
    if (t->long_name && strlen(t->long_name) == n && !memcmp(t->long_name, name, n)) return t;
  return NULL;
}

static const prc_opt *find_short(const prc_opt *t, char c) {
  for (; t->id; t++)
    if (t->short_name && t->short_name == c) return t;
  return NULL;
}

static int next_short(prc_opt_parser *p) {
  char c = *p->bundle++;
  char spelling[3] = {'-', c, 0};
  p->opt = find_short(p->cmd->opts, c);
  if (!p->opt) {
    p->bundle = NULL;
    if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7F)
      return error(p->cmd, 1, "unknown option '%s'", p->argv[p->i - 1]);
    return error(p->cmd, 1, "unknown option '-%c'", c);
  }
  if (p->opt->kind == PRC_OPT_FLAG) {
    if (!*p->bundle) p->bundle = NULL;
    return take_value(p, spelling, "");
  }
  const char *v;
  if (*p->bundle) v = p->bundle; /* -n5 */
  else if (p->i < p->argc) v = p->argv[p->i++];
  else {
    p->bundle = NULL;
    return error(p->cmd, 0, "%s needs a value (%s)", spelling, p->opt->metavar);
  }
  p->bundle = NULL;
  return take_value(p, spelling, v);
}

int prc_opt_next(prc_opt_parser *p) {
  p->opt = NULL;
  p->value = NULL;
  if (p->bundle) return next_short(p);
  if (p->i >= p->argc) return PRC_OPT_END;
  const char *a = p->argv[p->i++];
  if (p->operands_only || a[0] != '-' || a[1] == '\0') { /* "-" is stdin */
    p->value = a;
    return PRC_OPT_OPERAND;
  }
  if (a[1] == '-' && a[2] == '\0') { /* "--" */
    p->operands_only = 1;
    return prc_opt_next(p);
  }
  if (a[1] != '-') {
    p->bundle = a + 1;
    return next_short(p);
  }
  const char *name = a + 2, *eq = strchr(name, '=');
  size_t n = eq ? (size_t)(eq - name) : strlen(name);
  p->opt = find_long(p->cmd->opts, name, n);
  if (!p->opt) return error(p->cmd, 1, "unknown option '--%.*s'", (int)n, name);
  char spelling[64];
  snprintf(spelling, sizeof spelling, "--%s", p->opt->long_name);
  if (p->opt->kind == PRC_OPT_FLAG) {
    if (eq) return error(p->cmd, 0, "%s takes no value", spelling);
    return take_value(p, spelling, "");
  }
  if (eq) return take_value(p, spelling, eq + 1);
  if (p->i >= p->argc) return error(p->cmd, 0, "%s needs a value (%s)", spelling, p->opt->metavar);
  return take_value(p, spelling, p->argv[p->i++]);
}

/* ---- help ---------------------------------------------------------- */

/* "-f, --format FMT" or "    --no-stem" into buf. */
static size_t opt_label(const prc_opt *o, char *buf, size_t cap) {
  int n;
  if (o->short_name && o->long_name)
    n = snprintf(buf, cap, "-%c, --%s", o->short_name, o->long_name);
  else if (o->short_name)
    n = snprintf(buf, cap, "-%c", o->short_name);
  else
    n = snprintf(buf, cap, "    --%s", o->long_name);
  if (n < 0) n = 0;
  if ((size_t)n < cap && o->kind != PRC_OPT_FLAG) {
    int m = snprintf(buf + n, cap - (size_t)n, " %s", o->metavar);
    if (m > 0) n += m;
  }
  return (size_t)n < cap ? (size_t)n : cap - 1;
}

void prc_cmd_help(const prc_cmd *cmd, FILE *f) {
  for (int k = 0; cmd->usage && cmd->usage[k]; k++)
    fprintf(f, "%s %s\n", k ? "      " : "usage:", cmd->usage[k]);
  if (cmd->about) fprintf(f, "\n%s", cmd->about);
  size_t width = 0;
  char label[96];
  for (const prc_opt *o = cmd->opts; o->id; o++) {
    if (o->flags & PRC_OPT_HIDDEN) continue;
    size_t n = opt_label(o, label, sizeof label);
    if (n > width) width = n;
  }
  fprintf(f, "\noptions:\n");
  for (const prc_opt *o = cmd->opts; o->id; o++) {
    if (o->flags & PRC_OPT_HIDDEN) continue;
    opt_label(o, label, sizeof label);
    fprintf(f, "  %-*s  %s", (int)width, label, o->help);
    if (o->kind == PRC_OPT_CHOICE) {
      fprintf(f, ": ");
      const char *bar = strchr(o->choices, '|');
      fprintf(f, "%.*s (default)%s", (int)(bar ? (size_t)(bar - o->choices) : strlen(o->choices)),
              o->choices, bar ? ", " : "");
      if (bar) print_choices(f, bar + 1);
    }
    fputc('\n', f);
  }
  if (cmd->epilog) fprintf(f, "\n%s", cmd->epilog);
}

void prc_cmd_list_options(const prc_cmd *cmd, FILE *f) {
  for (const prc_opt *o = cmd->opts; o->id; o++) {
    if (o->short_name) fprintf(f, "%s\t-%c\n", cmd->name, o->short_name);
    if (o->long_name) fprintf(f, "%s\t--%s\n", cmd->name, o->long_name);
  }
}

int prc_opt_common(prc_opt_parser *p, const prc_cmd *cmd, int o, const char **ops, int *nops, int max) {
  switch (o) {
  case PRC_OPT_ERROR: return 2;
  case PRC_OPT_HELP_ID: prc_cmd_help(cmd, stdout); return 0;
  case PRC_OPT_OPERAND:
    if (*nops == max) return prc_cmd_usage_error(cmd, "too many arguments: '%s'", p->value);
    ops[(*nops)++] = p->value;
    return -1;
  default: return -1;
  }
}
