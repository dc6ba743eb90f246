/* error.h - filling the public precis_error (precis.h) from inside the library.
 *
 * Every function of libprecis that can fail for a reason a caller should
 * see takes a `precis_error *err` (NULL allowed) and fills it through
 * prc_error_set: one struct instead of (buffer, length) pairs passed down. */
#ifndef PRECIS_ERROR_H
#define PRECIS_ERROR_H

#include "precis.h"

/* Sets code, offset (PRECIS_NO_OFFSET when none applies) and a printf-style
 * message.  Does nothing when err is NULL.  Returns -1, for `return
 * prc_error_set(...)`. */
int prc_error_set(precis_error *err, precis_error_code code, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* code = PRECIS_OK, offset = PRECIS_NO_OFFSET, message = "". */
void prc_error_clear(precis_error *err);

#endif
