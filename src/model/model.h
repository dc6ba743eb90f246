/* model.h - the precis model file: a small, versioned, endian-safe container.
 *
 * Layout (all integers little-endian, written and read byte by byte):
 *
 *   offset  size  field
 *   0       8     magic "PRECISM\x1a"
 *   8       4     format version (MODEL_FORMAT_VERSION)
 *   12      4     feature-set id (which feature extractor the weights expect)
 *   16      4     number of sections
 *   20      4     reserved (0)
 *   24      8     total file length in bytes
 *   32      4     checksum: FNV-1a 32 of the whole file with this field as 0
 *   36      4     reserved (0)
 *   40      ...   sections, each: 4-byte tag, u32 length, payload, zero
 *                 padding to a multiple of 4
 *
 * Standard sections:
 *   "LABL"  the label set: u32 count, then per label u16 length + bytes
 *   "NOTE"  UTF-8 text, "key: value" lines (data, licence, date, dev score)
 *   "WGHT"  a pc_model (perceptron.h)
 *   other   client sections; the taggers use "DICT", "GAZT", "CLUS" (lexicons,
 *           see model_lex below) and "VOCB" (vocabulary): see tagger_features.h
 *
 * A model is parsed from a memory buffer (the models compiled into the
 * library) or from a file (mmap'd while it is decoded).  Every failure
 * comes with a clear message: bad magic, unsupported version, wrong
 * feature set, truncated file, checksum mismatch, corrupt section.
 */
#ifndef PRECIS_MODEL_H
#define PRECIS_MODEL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "precis.h"
#include "perceptron.h"

#define MODEL_MAGIC "PRECISM\x1a"
#define MODEL_FORMAT_VERSION 1u
/* Format 2, the in-place image (docs/models.md): the same 40-byte header
 * (version 2), then a table of nsections x {tag[4], u32 0, u64 offset, u64
 * length}, then the payloads, each at an offset that is a multiple of
 * MODEL_INPLACE_ALIGN, in table order, without overlap, zero padding
 * between them, the last ending the file.  Its tables are the run-time
 * tables themselves (little-endian, fixed-width fields, offsets instead of
 * pointers), used where they lie: in the library's .rodata for the built-in
 * models (tools/model_image.c makes them at build time from models/ *.bin). */
#define MODEL_FORMAT_INPLACE 2u
/* How a loader gets its bytes (the `embedded` argument of model_load_fn):
 * 0 the caller's buffer (an image is copied), MODEL_EMBEDDED compiled into the
 * library (trusted: the checksum and the image were checked at build time),
 * MODEL_FROM_MAP a file's read-only mapping (an image is used in place and
 * keeps the mapping; format 1 is decoded and the mapping released). */
#define MODEL_EMBEDDED 1
#define MODEL_FROM_MAP 2
#define MODEL_INPLACE_ALIGN 64u
#define MODEL_HEADER_SIZE 40u
#define MODEL_MAX_SECTIONS 32

typedef struct model_section {
  char tag[5];
  const unsigned char *p; /* points into the parsed buffer */
  size_t n;
  size_t off;             /* the payload's byte offset in the file (for error reports) */
} model_section;

typedef struct model_view {
  uint32_t version, featset; /* version: MODEL_FORMAT_VERSION or MODEL_FORMAT_INPLACE */
  int nsections;
  model_section sec[MODEL_MAX_SECTIONS];
} model_view;

/* Checks header, length, checksum and section table of buf[0..n).  If
 * featset != 0 it must match the file's.  Returns 0, or -1 with a message
 * in err (PRECIS_ERROR_MODEL_FORMAT, or _KIND for another feature set, with
 * the offset of the field at fault).  The view points into buf. */
int prc_model_parse(const unsigned char *buf, size_t n, uint32_t featset, model_view *v,
                    precis_error *err);
/* The same without the checksum (every other check is made): for the
 * models compiled into the library, whose checksums tools/bin2c.c verified
 * at build time (it refuses to embed a file whose checksum is wrong). */
int prc_model_parse_embedded(const unsigned char *buf, size_t n, uint32_t featset, model_view *v,
                             precis_error *err);
/* The first step of a loader (`embedded` as for model_load_fn): checks
 * buf[0..n) into *v (the checksum too, unless MODEL_EMBEDDED) and says who
 * owns an in-place image: *own is buf itself for a file's mapping (*mapped
 * = 1), a page-aligned copy of it for a caller's buffer (*v then points into
 * the copy; the loader frees it when it fails, and otherwise keeps it), else
 * NULL (a built-in image, or format 1, which the loader decodes).  Returns 0
 * or -1 with err (a bad model, or out of memory). */
int prc_model_open(const void *buf, size_t n, int embedded, model_view *v, void **own, int *mapped,
                   precis_error *err);
const model_section *prc_model_find(const model_view *v, const char *tag);

/* ---- in-place images (format 2) ----------------------------------------------------------------
 * The table of section tag in an image: NULL with err set (MODEL_FORMAT, its
 * offset) unless the view is of format 2, the section exists (or
 * !required: NULL, no error), its payload is aligned in memory to align
 * bytes and holds exactly count elements of elsize bytes. */
const void *prc_model_table(const model_view *v, const char *tag, size_t elsize, uint64_t count, size_t align,
                            int required, precis_error *err);

/* Writing an image (tools/model_image.c): sections in order, each copied
 * from p[0..n).  Returns 0, or -1 with err. */
typedef struct model_img_sec {
  char tag[5];
  const void *p;
  size_t n;
} model_img_sec;
int prc_model_image_write(const char *path, uint32_t featset, const model_img_sec *s, int ns, precis_error *err);

/* A byte-order and layout mark: the first field of each kind's image
 * header, checked at load (an image made on a host of another byte order,
 * or for another layout of the tables, is refused).  0x01020304: the
 * layout of 0.6.0-0.7.0; 0x01020305: tables at a load of up to 3/4,
 * tagger rows of 17 values (docs/models.md "Capacities"); 0x01020306: the
 * parser's fused slots hold int8 codes with a per-slot shift, no lexeme
 * cache in tagger images; 0x01020307: the parser's images carry presence
 * filters of its tables (PSFA, PSFL; parser_features.h); 0x01020308: the
 * taggers' weight and word-cache rows are int8 codes with a per-row shift
 * (18 bytes; tagger_features.h, TG_ROW_BYTES), the few wide weight rows
 * int16 in WRX0/WRX1; 0x01020309: the taggers' weight slots are 4-byte
 * keys (WKY0/WKY1) and a row's number is its slot's rank among the
 * occupied ones (rank directories WRD0/WRD1, wide-row directories
 * WWD0/WWD1; tagger_features.h, "Weight slots"). */
#define MODEL_IMAGE_MARK 0x01020309u

/* Maps (or reads) a whole file.  Returns 0 or -1 with err (PRECIS_ERROR_IO; a NULL path is
 * PRECIS_ERROR_INVALID_ARGUMENT, "no model path"); release with prc_model_unmap. */
int prc_model_map_file(const char *path, const unsigned char **buf, size_t *n, precis_error *err);
void prc_model_unmap(const unsigned char *buf, size_t n);

/* Label set section. Returns the number of labels (<= max) or -1. Names are
 * copied into names[i] (malloc'd, NUL-terminated; free with prc_model_free_labels). */
int prc_model_read_labels(const model_section *s, char **names, int max);
void prc_model_free_labels(char **names, int n);
/* Finds "key: value" in a NOTE section; copies value into out.  Returns 0 or -1. */
int prc_model_note(const model_section *s, const char *key, char *out, size_t outlen);

/* Reads every "key: value" line of a NOTE section (s may be NULL: none)
 * into malloc'd keys[i] / vals[i], at most max; *n receives the count.
 * Returns 0, or -1 (PRECIS_ERROR_OUT_OF_MEMORY; the pairs read so far stay
 * in keys/vals for the caller to free). */
int prc_model_read_notes(const model_section *s, char **keys, char **vals, int max, int *n,
                         precis_error *err);

/* ---- what every model kind's loader shares --------------------------------------------------
 * A model kind (the parser, the cue tagger) has one decoder, load(buf, n,
 * embedded, err), and these helpers give it the rest. */
typedef void *(*model_load_fn)(const void *buf, size_t n, int embedded, precis_error *err);

/* Decodes a caller's buffer / a file (mapped while it is decoded, or kept
 * mapped by an image: load gets MODEL_FROM_MAP and returns an object that
 * owns the mapping, adopted(obj, buf) says whether it did); a NULL
 * buffer or path is PRECIS_ERROR_INVALID_ARGUMENT. */
void *prc_model_load_memory_with(model_load_fn load, const void *buf, size_t n, precis_error *err);
void *prc_model_load_file_with(model_load_fn load, const char *path, precis_error *err);
void *prc_model_load_file_adopt(model_load_fn load, int (*adopted)(const void *obj, const void *buf), const char *path,
                                precis_error *err);

/* A model compiled into the library, decoded once on first use (thread-safe;
 * running out of memory is not final: the next call tries again).  missing
 * is the message when the model was not compiled in (size 0). */
typedef struct model_once {
  pthread_mutex_t lock;
  atomic_int final;
  void *obj;
  precis_error err;
} model_once;
#define MODEL_ONCE_INIT {PTHREAD_MUTEX_INITIALIZER, 0, NULL, {0, 0, {0}}}
void *prc_model_once(model_once *o, model_load_fn load, const unsigned char *data, size_t n, const char *missing,
                     precis_error *err);

/* How many times a built-in model has been decoded (or opened) in this
 * process: prc_model_once and the built-in taggers count each load.  For
 * the tests that an analysis which needs no model touches none. */
unsigned prc_model_builtin_loads(void);
void prc_model_builtin_count(void);

/* The value of key among notes read by prc_model_read_notes; "" when absent. */
const char *prc_model_note_value(char *const *keys, char *const *vals, int n, const char *key);

/* The file checksum (FNV-1a 32 with bytes [32,36) taken as zero). */
uint32_t prc_model_checksum(const unsigned char *buf, size_t n);

/* ---- lexicon: a read-only map from 64-bit keys to 32-bit values ----------------
 * Serialised as u32 count then count x {u64 key, u32 value}; built into an
 * open-addressing table at load. Keys must be non-zero and distinct. */
typedef struct model_lex_entry {
  uint64_t key; /* 0 = empty */
  uint32_t val, pad;
} model_lex_entry;

typedef struct model_lex {
  uint32_t mask;
  uint32_t n;
  model_lex_entry *e; /* NULL = empty lexicon */
} model_lex;

int prc_model_lex_read(const model_section *s, model_lex *lx, precis_error *err);
void prc_model_lex_free(model_lex *lx);
/* Re-inserts a lexicon's keys (distinct) into the smallest table at a load
 * of at most 3/4 (pc_cap_for), when that is smaller; n becomes the number of
 * keys.  Returns 0, or -1 when memory ran out (lx unchanged). */
int prc_model_lex_shrink(model_lex *lx);
static inline const model_lex_entry *model_lex_find(const model_lex *lx, uint64_t key) {
  if (!lx->e) return 0;
  if (!key) key = 1;
  uint32_t i = (uint32_t)key & lx->mask;
  for (;;) {
    const model_lex_entry *e = &lx->e[i];
    if (e->key == key) return e;
    if (!e->key) return 0;
    i = (i + 1) & lx->mask;
  }
}
static inline uint32_t model_lex_get(const model_lex *lx, uint64_t key) {
  if (!lx->e) return 0;
  if (!key) key = 1;
  uint32_t i = (uint32_t)key & lx->mask;
  for (;;) {
    const model_lex_entry *e = &lx->e[i];
    if (e->key == key) return e->val;
    if (!e->key) return 0;
    i = (i + 1) & lx->mask;
  }
}

#endif
