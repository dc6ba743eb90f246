/* opt.h - the one option parser of the precis CLI.
 *
 * Every command describes itself with a prc_cmd: its usage lines, a short
 * description, and a table of options (long name, short letter, value kind,
 * help).  The parser, the --help text and "precis --list-options" (which
 * tests/cli_man.sh compares with man/precis.1) all come from that table.
 *
 * Syntax accepted, for every command:
 *   --name VALUE, --name=VALUE, -x VALUE, -xVALUE, bundled flags (-qv);
 *   options and operands in any order; "--" ends the options (later
 *   arguments are operands even when they start with '-'); "-" alone is an
 *   operand (standard input where a file is read).
 * A usage error (unknown option, missing or bad value) prints one line,
 * "precis: ...", on stderr; the command then exits 2. */
#ifndef PRECIS_CLI_OPT_H
#define PRECIS_CLI_OPT_H

#include <stdint.h>
#include <stdio.h>

typedef enum prc_opt_kind {
  PRC_OPT_FLAG = 0, /* no value */
  PRC_OPT_STRING,   /* any non-empty value */
  PRC_OPT_CHOICE,   /* one of choices ("text|json"); the first is the default */
  PRC_OPT_INT,      /* whole number in [min, max] */
  PRC_OPT_U64,      /* unsigned 64-bit number */
  PRC_OPT_REAL      /* finite number >= 0 */
} prc_opt_kind;

#define PRC_OPT_HIDDEN 1u /* accepted and documented in the man page, not in --help */

typedef struct prc_opt {
  int id;              /* what prc_opt_next returns (> 0); 0 ends the table */
  char short_name;     /* 0: none */
  const char *long_name; /* without "--"; NULL: none */
  prc_opt_kind kind;
  const char *metavar; /* value options: "FMT", "N", "PATH" */
  const char *help;    /* one line */
  const char *choices; /* PRC_OPT_CHOICE: "text|json|jsonl|brat" */
  long min, max;       /* PRC_OPT_INT */
  unsigned flags;
} prc_opt;

/* -h, --help, in every table; prc_opt_next returns PRC_OPT_HELP_ID for it. */
#define PRC_OPT_HELP_ID 1
#define PRC_OPT_HELP_ENTRY {PRC_OPT_HELP_ID, 'h', "help", PRC_OPT_FLAG, NULL, "print this help and exit", NULL, 0, 0, 0}

typedef struct prc_cmd {
  const char *name;          /* "precis", "precis eval rouge" */
  const char *summary;       /* one line, for "precis eval --help" */
  const char *const *usage;  /* synopsis lines (after "usage: "), NULL-terminated */
  const char *about;         /* paragraph after the usage lines, or NULL */
  const prc_opt *opts;       /* ends with an entry of id 0 */
  const char *epilog;        /* text after the options, or NULL */
} prc_cmd;

enum {
  PRC_OPT_END = 0,    /* no more arguments */
  PRC_OPT_ERROR = -1, /* usage error, already reported */
  PRC_OPT_OPERAND = -2 /* p->value is an operand (file name, "-") */
};

typedef struct prc_opt_parser {
  const prc_cmd *cmd;
  int argc;
  char **argv;
  int i;              /* next argv index */
  const char *bundle; /* rest of a group of short options ("-qv") */
  int operands_only;  /* after "--" */
  /* the last result */
  const prc_opt *opt;
  const char *value;  /* value of the option, or the operand */
  long num;           /* PRC_OPT_INT */
  uint64_t u64;       /* PRC_OPT_U64 */
  double real;        /* PRC_OPT_REAL */
  int choice;         /* PRC_OPT_CHOICE: index in choices */
} prc_opt_parser;

/* argv[0] is the command's own name; parsing starts at argv[1]. */
void prc_opt_init(prc_opt_parser *p, const prc_cmd *cmd, int argc, char **argv);
/* An option id, PRC_OPT_OPERAND, PRC_OPT_END or PRC_OPT_ERROR. */
int prc_opt_next(prc_opt_parser *p);

/* The help of a command (usage, about, options, epilog). */
void prc_cmd_help(const prc_cmd *cmd, FILE *f);

/* The cases every command's option loop has, for o = prc_opt_next(p):
 * PRC_OPT_ERROR (returns 2), -h/--help (prints the help, returns 0) and an
 * operand (kept in ops[*nops]; one more than max is a usage error: 2).
 * Returns -1 for anything else (the command's own options) and when an
 * operand was kept: the loop goes on. */
int prc_opt_common(prc_opt_parser *p, const prc_cmd *cmd, int o, const char **ops, int *nops, int max);
/* One usage error line: "precis: [SUBCOMMAND: ]MESSAGE (see NAME --help)".
 * Returns 2, the exit status of a usage error. */
int prc_cmd_usage_error(const prc_cmd *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* "NAME<TAB>OPTION" for every spelling of every option of cmd. */
void prc_cmd_list_options(const prc_cmd *cmd, FILE *f);

#endif
