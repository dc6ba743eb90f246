/* error.c - the error struct of precis.h (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

int prc_error_set(precis_error *err, precis_error_code code, size_t offset, const char *fmt, ...) {
  if (!err) return -1;
  err->code = code;
  err->offset = offset;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return -1;
}

void prc_error_clear(precis_error *err) {
  if (!err) return;
  err->code = PRECIS_OK;
  err->offset = PRECIS_NO_OFFSET;
  err->message[0] = 0;
}

const char *precis_error_name(precis_error_code code) {
  switch (code) {
  case PRECIS_OK: return "ok";
  case PRECIS_ERROR_INVALID_ARGUMENT: return "invalid argument";
  case PRECIS_ERROR_OPTIONS_VERSION: return "options version";
  case PRECIS_ERROR_OUT_OF_MEMORY: return "out of memory";
  case PRECIS_ERROR_INPUT_TOO_LARGE: return "input too large";
  case PRECIS_ERROR_IO: return "io";
  case PRECIS_ERROR_MODEL_FORMAT: return "model format";
  case PRECIS_ERROR_MODEL_KIND: return "model kind";
  case PRECIS_ERROR_MODEL_MISSING: return "model missing";
  case PRECIS_ERROR_CORPUS: return "corpus";
  case PRECIS_ERROR_UNAVAILABLE: return "unavailable";
  }
  return "unknown";
}
