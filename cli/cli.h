/* cli.h - helpers shared by the CLI's files. */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <stddef.h>

extern const char *const prc_demo_article; /* demo.c */

#endif
