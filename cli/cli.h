/* cli.h - helpers shared by the CLI's files. */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <stddef.h>

extern const char *const precis_demo_article; /* demo.c */

/* html.c: visible text of an HTML page, one paragraph a line (malloc'd). */
char *precis_cli_html_to_text(const char *html, size_t len, size_t *out_len);

#endif
