/* xml_dl.c - libxml2 opened at run time (xml_dl.h). */
#include <dlfcn.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "xml_dl.h"

#include "error.h"

#ifndef PRECIS_LIBXML2_SONAME
#define PRECIS_LIBXML2_SONAME "libxml2.so.2"
#endif

static prc_xml_api api;
static int api_ok;
static char api_why[200];
static pthread_once_t api_once = PTHREAD_ONCE_INIT;

static void api_open(void) {
  const char *name = getenv("PRECIS_LIBXML2");
  if (!name || !*name) name = PRECIS_LIBXML2_SONAME;
  void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    snprintf(api_why, sizeof api_why, "cannot load libxml2 (%s), which reading web pages needs: %s", name,
             e ? e : "not found");
    return;
  }
  struct {
    const char *sym;
    void *dst;
  } const want[] = {{"xmlInitParser", &api.InitParser},
                    {"htmlNewParserCtxt", &api.NewParserCtxt},
                    {"htmlFreeParserCtxt", &api.FreeParserCtxt},
                    {"htmlCtxtReadMemory", &api.CtxtReadMemory},
                    {"xmlFreeDoc", &api.FreeDoc},
                    {"xmlDocGetRootElement", &api.DocGetRootElement},
                    {"xmlNodeGetContent", &api.NodeGetContent},
                    {"xmlFindCharEncodingHandler", &api.FindCharEncodingHandler},
                    {"xmlCharEncCloseFunc", &api.CharEncCloseFunc},
                    {"xmlFree", &api.Free}};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    void *sym = dlsym(h, want[i].sym);
    if (!sym) {
      snprintf(api_why, sizeof api_why, "libxml2 (%s) has no %s", name, want[i].sym);
      dlclose(h);
      return;
    }
    memcpy(want[i].dst, &sym, sizeof sym); /* (a function pointer from a void *) */
  }
  api.InitParser();
  api_ok = 1; /* the library stays open for the life of the process */
}

const prc_xml_api *prc_xml(precis_error *err) {
  pthread_once(&api_once, api_open);
  if (api_ok) return &api;
  prc_error_set(err, PRECIS_ERROR_UNAVAILABLE, PRECIS_NO_OFFSET, "%s", api_why);
  return NULL;
}
