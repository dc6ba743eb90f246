/* cmd_analyze.c - placeholder, replaced by the analysis filter */
#include <stdio.h>
#include "commands.h"
int cmd_analyze(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "precis: analysis under construction\n"); return 2; }
