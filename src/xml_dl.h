/* xml_dl.h - libxml2, loaded when the first web page is read.
 *
 * precis_extract (extract.c) is the library's only user of libxml2, which
 * brings ICU and libstdc++ with it: linked, the three took about 6 ms of every
 * process's start-up on the development machine (half of `precis` on an
 * empty input, BENCHMARKS.md "Sixteenth session"), whether a page was read or
 * not.  So the library does not link it: the first precis_extract opens it
 * (dlopen: $PRECIS_LIBXML2 when set, else libxml2.so.2) and finds the
 * functions extract.c calls; the headers are still libxml2's own.  A
 * library that cannot be opened, or lacks a function, gives
 * PRECIS_ERROR_UNAVAILABLE and a message, then and at every later call.
 * Thread-safe (pthread_once). */
#ifndef PRECIS_XML_DL_H
#define PRECIS_XML_DL_H

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include "precis.h"

typedef struct prc_xml_api {
  void (*InitParser)(void);
  htmlParserCtxtPtr (*NewParserCtxt)(void);
  void (*FreeParserCtxt)(htmlParserCtxtPtr);
  htmlDocPtr (*CtxtReadMemory)(htmlParserCtxtPtr, const char *, int, const char *, const char *, int);
  void (*FreeDoc)(xmlDocPtr);
  xmlNodePtr (*DocGetRootElement)(const xmlDoc *);
  xmlChar *(*NodeGetContent)(const xmlNode *);
  xmlCharEncodingHandlerPtr (*FindCharEncodingHandler)(const char *);
  int (*CharEncCloseFunc)(xmlCharEncodingHandler *);
  xmlFreeFunc *Free; /* the library's variable xmlFree */
} prc_xml_api;

/* The functions, libxml2 opened and initialised (xmlInitParser) on the first
 * call; NULL with err (PRECIS_ERROR_UNAVAILABLE) when it cannot be. */
const prc_xml_api *prc_xml(precis_error *err);

#endif
