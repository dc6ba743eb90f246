/* cli.h - helpers shared by the CLI's files. */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <stddef.h>

extern const char *const prc_demo_article; /* demo.c */

/* html.c: visible text of an HTML page, one paragraph a line (malloc'd). */
char *prc_html_to_text(const char *html, size_t len, size_t *out_len);

#endif
