/* tagger.c - POS and NER taggers at run time (see tagger.h). */
#include "tagger.h"

#include "error.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "tagger_features.h"

const char *const prc_tg_upos_names[TAG_UPOS_COUNT] = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

const char *const prc_tg_ner_names[TAG_NER_COUNT] = {
    "O",      "B-PER", "I-PER", "L-PER", "U-PER",  "B-ORG",  "I-ORG",  "L-ORG", "U-ORG",
    "B-LOC",  "I-LOC", "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC"};

static const char *const ent_names[TAG_ENT_COUNT] = {"PER", "ORG", "LOC", "MISC"};

const char *prc_tagger_ent_name(int type) {
  return type >= 0 && type < TAG_ENT_COUNT ? ent_names[type] : "?";
}

int prc_tagger_ent_type(const char *name) {
  for (int i = 0; i < TAG_ENT_COUNT; i++)
    if (!strcmp(name, ent_names[i])) return i;
  return -1;
}

/* ---- normalisation and lexical information ------------------------------------ */

enum {
  F_INITCAP = 1, F_ALLCAP = 2, F_HASDIGIT = 4, F_ALLDIGIT = 8, F_HYPHEN = 16,
  F_PERIOD = 32, F_NOALNUM = 64, F_MIXED = 128, F_NONASCII = 256, F_FIRST = 512,
  F_CAPSSENT = 1024
};

#define NORM_MAX 48

/* Maps typographic characters to their ASCII/PTB forms and digits to 0.
 * Returns the length written to out (at most NORM_MAX). */
static size_t normalize(const char *s, size_t len, char *out) {
  const unsigned char *p = (const unsigned char *)s;
  size_t m = 0;
  if ((len == 2 && ((p[0] == '`' && p[1] == '`') || (p[0] == '\'' && p[1] == '\''))) ) {
    out[0] = '"';
    return 1;
  }
  for (size_t i = 0; i < len && m < NORM_MAX;) {
    unsigned char c = p[i];
    const char *rep = NULL;
    size_t adv = 1;
    if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80) {
      unsigned char d = p[i + 2];
      adv = 3;
      if (d >= 0x9C && d <= 0x9F) rep = "\"";
      else if (d >= 0x98 && d <= 0x9B) rep = "'";
      else if (d >= 0x93 && d <= 0x95) rep = "--";
      else if (d == 0xA6) rep = "...";
      else if (d == 0x90 || d == 0x91 || d == 0x92) rep = "-";
      else adv = 1;
    } else if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x88 && p[i + 2] == 0x92) {
      rep = "-";
      adv = 3;
    } else if (c == 0xC2 && i + 1 < len && (p[i + 1] == 0xAB || p[i + 1] == 0xBB)) {
      rep = "\"";
      adv = 2;
    } else if (c == '`') {
      rep = "'";
    }
    if (rep) {
      for (const char *q = rep; *q && m < NORM_MAX; q++) out[m++] = *q;
      i += adv;
      continue;
    }
    out[m++] = (c >= '0' && c <= '9') ? '0' : (char)c;
    i++;
  }
  return m;
}

/* Latin letters with diacritics (U+00C0..U+017F) to their ASCII base
 * letter, case kept ('.' = keep the character): for the two-pass NER
 * models, so that "Núñez", "Ørsted", "Łódź" get the case, shape and word
 * features of "Nunez", "Orsted", "Lodz" (CoNLL-2003 is ASCII). */
static const char fold_l1[65] = "AAAAAAACEEEEIIIIDNOOOOO.OUUUUY.saaaaaaaceeeeiiiidnooooo.ouuuuy.y";
static const char fold_xa[129] =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTt"
    "UuUuUuUuUuUuWwYyYZzZzZzs";

static size_t fold_latin(char *b, size_t m) {
  size_t o = 0;
  for (size_t i = 0; i < m;) {
    unsigned char c = (unsigned char)b[i];
    if (c >= 0xC3 && c <= 0xC5 && i + 1 < m && ((unsigned char)b[i + 1] & 0xC0) == 0x80) {
      unsigned cp = ((unsigned)(c & 0x1F) << 6) | ((unsigned char)b[i + 1] & 0x3F);
      char a = cp >= 0xC0 && cp < 0x100 ? fold_l1[cp - 0xC0] : cp >= 0x100 && cp < 0x180 ? fold_xa[cp - 0x100] : '.';
      if (a != '.') {
        b[o++] = a;
        i += 2;
        continue;
      }
    }
    b[o++] = b[i++];
  }
  return o;
}

uint64_t prc_tg_lower_hash(const char *s, size_t len) {
  char b[NORM_MAX + 4];
  size_t m = normalize(s, len, b);
  for (size_t i = 0; i < m; i++)
    if (b[i] >= 'A' && b[i] <= 'Z') b[i] = (char)(b[i] + 32);
  return prc_pc_hash_bytes(b, m);
}

/* The key of a one-word phrase is the word's own hash, so that the merged
 * run-time lexicon finds word and one-word phrase in one look-up. */
uint64_t prc_tg_gaz_key(uint64_t h, uint64_t lower, int k) {
  return k == 1 ? lower : pc_feat2(TGF_GAZ_KEY + (uint32_t)k, h, lower);
}

static const tg_lex lex_bos = {.word = 0xb05b05b05ULL, .lower = 0xb05b05b05ULL,
                               .shape = 0xb05ULL, .lshape = 0xb05ULL, .flags = 1u << 20};
static const tg_lex lex_eos = {.word = 0xe05e05e05ULL, .lower = 0xe05e05e05ULL,
                               .shape = 0xe05ULL, .lshape = 0xe05ULL, .flags = 1u << 21};

/* Key of the lexeme cache: a hash of the normalised bytes, 8 at a time. */
static inline uint64_t lc_hash(const char *b, size_t m) {
  uint64_t h = (uint64_t)m * 0x9e3779b97f4a7c15ULL;
  size_t i = 0;
  for (; i + 8 <= m; i += 8) {
    uint64_t x;
    memcpy(&x, b + i, 8);
    h = (h ^ x) * 0xff51afd7ed558ccdULL;
    h ^= h >> 29;
  }
  if (i < m) { /* the last 1..7 bytes as memcpy into a zeroed word would put them on a
                 little-endian host (without a call to memcpy of a variable size) */
    uint64_t x = 0;
    for (size_t k = 0; i + k < m; k++) x |= (uint64_t)(unsigned char)b[i + k] << (8 * k);
    h = (h ^ x) * 0xff51afd7ed558ccdULL;
  }
  h = pc_mix64(h);
  return h ? h : 1;
}

/* memcmp(a, b, m) == 0 for short words, without the library call. */
static inline int same_bytes(const char *a, const char *b, size_t m) {
  size_t i = 0;
  for (; i + 8 <= m; i += 8) {
    uint64_t x, y;
    memcpy(&x, a + i, 8);
    memcpy(&y, b + i, 8);
    if (x != y) return 0;
  }
  for (; i < m; i++)
    if (a[i] != b[i]) return 0;
  return 1;
}

static inline const tg_lex *lc_find(const tagger *t, const char *b, size_t m, uint64_t h) {
  for (uint32_t i = (uint32_t)h & t->lc_mask;; i = (i + 1) & t->lc_mask) {
    const tg_lc_slot *s = &t->lc_slots[i];
    if (!s->key) return NULL;
    if (s->key == h && s->len == m && same_bytes(t->lc_text + t->lc_off[s->idx], b, m))
      return &t->lc_lex[s->idx];
  }
}

static void lex_lookups(const tg_run *r, tg_lex *L);

/* Token j's lexeme into the ring, computed.  Returns 1 when the token's
 * normalised bytes are all ASCII (then folding changes nothing, and the
 * hashes and flags are the same with or without r->fold), else 0 (also for
 * a lexeme from the lexeme cache).  pend: NULL, or the lexicon look-ups are
 * left to the caller, *pend = 1 when they are due (0: a lexeme from the
 * lexeme cache, complete). */
static int lex_compute(tg_run *r, size_t j, int *pend) {
  tg_lex *L = &r->ring[j % TG_RING];
  if (pend) *pend = 0;
  const tag_token *t = &r->toks[j];
  char b[NORM_MAX + 4], lw[NORM_MAX + 4];
  size_t m;
  if (r->lc) {
    const size_t k = j % TG_RING;
    uint64_t h;
    if (j < r->pre_done && r->pre_tok[k] == j) { /* started ahead (lex_start) */
      m = r->pre_m[k];
      h = r->pre_h[k];
      memcpy(b, r->pre_b[k], m);
    } else {
      m = normalize(t->s, t->len, b);
      h = lc_hash(b, m);
    }
    const tg_lex *c = lc_find(r->lc, b, m, h);
    if (c) {
      *L = *c;
      return 0;
    }
  } else {
    m = normalize(t->s, t->len, b);
  }
  const size_t m0 = m;
  if (r->fold) m = fold_latin(b, m);
  /* the hashes are taken as the bytes go by (prc_pc_hash_bytes in steps):
   * the word, its lower case and the prefixes of that, both shapes */
  uint64_t hw = PC_FNV_INIT, hl = PC_FNV_INIT, hs = PC_FNV_INIT, hls = PC_FNV_INIT;
  uint64_t hpre[5] = {PC_FNV_INIT, 0, 0, 0, 0}; /* hl after 0..4 bytes */
  unsigned up = 0, lo = 0, dg = 0, oth = 0, na = 0;
  uint32_t fl = 0;
  size_t ns = 0, nls = 0;
  char last = 0;
  int run = 0;
  for (size_t i = 0; i < m; i++) {
    unsigned char c = (unsigned char)b[i];
    char k;
    hw = pc_fnv_step(hw, c);
    if (c >= 'A' && c <= 'Z') {
      up++;
      k = 'X';
      lw[i] = (char)(c + 32);
    } else {
      lw[i] = (char)c;
      if (c >= 'a' && c <= 'z') {
        lo++;
        k = 'x';
      } else if (c == '0') {
        dg++;
        k = 'd';
      } else if (c >= 0x80) {
        na++;
        if ((c & 0xC0) == 0x80) { /* continuation byte: part of the previous letter */
          hl = pc_fnv_step(hl, (unsigned char)lw[i]);
          if (i < 4) hpre[i + 1] = hl;
          continue;
        }
        k = 'u';
      } else {
        oth++;
        k = (char)c;
        if (c == '-') fl |= F_HYPHEN;
        if (c == '.') fl |= F_PERIOD;
      }
    }
    hl = pc_fnv_step(hl, (unsigned char)lw[i]);
    if (i < 4) hpre[i + 1] = hl;
    if (k != last) {
      ns++; /* short shape: one character per run */
      hs = pc_fnv_step(hs, (unsigned char)k);
      nls++;
      hls = pc_fnv_step(hls, (unsigned char)k);
      run = 1;
    } else if (run < 4) { /* long shape: runs of at most four */
      nls++;
      hls = pc_fnv_step(hls, (unsigned char)k);
      run++;
    }
    last = k;
  }
  if (up && ((unsigned char)b[0] >= 'A' && (unsigned char)b[0] <= 'Z')) fl |= F_INITCAP;
  if (up && !lo) fl |= F_ALLCAP;
  if (up && lo && !((unsigned char)b[0] >= 'A' && (unsigned char)b[0] <= 'Z')) fl |= F_MIXED;
  if (up > 1 && lo) fl |= F_MIXED;
  if (dg) fl |= F_HASDIGIT;
  if (dg && dg == m) fl |= F_ALLDIGIT;
  if (!up && !lo && !dg && !na) fl |= F_NOALNUM;
  if (na) fl |= F_NONASCII;
  (void)oth;
  L->flags = fl;
  L->word = pc_fnv_done(hw, m);
  L->lower = pc_fnv_done(hl, m);
  L->shape = pc_fnv_done(hs, ns);
  L->lshape = pc_fnv_done(hls, nls);
  for (int k = 0; k < 4; k++) {
    size_t q = (size_t)k + 1 < m ? (size_t)k + 1 : m;
    L->pre[k] = pc_fnv_done(hpre[q], q) + (uint64_t)k;
    uint64_t h = PC_FNV_INIT;
    for (size_t i = m - q; i < m; i++) h = pc_fnv_step(h, (unsigned char)lw[i]);
    L->suf[k] = pc_fnv_done(h, q) ^ ((uint64_t)k << 40);
  }
  if (pend) *pend = 1; /* (the caller looks up later: lex_tail) */
  else lex_lookups(r, L);
  return !na && m == m0; /* (folding turns two non-ASCII bytes into one ASCII letter) */
}

/* The lexicon values and the word-cache block of lexeme L (its hashes
 * set); gz and fname cleared (gaz_fill sets them). */
static void lex_lookups(const tg_run *r, tg_lex *L) {
  if (r->words) {
    const model_lex_entry *e = model_lex_find(r->words, L->lower);
    L->dict = e && r->words_pos ? e->val : 0;
    L->gzv = e && !r->words_pos ? e->val : 0;
    L->clus = e ? e->pad : 0;
  } else {
    L->dict = r->dict ? model_lex_get(r->dict, L->lower) : 0;
    L->clus = r->clus ? model_lex_get(r->clus, L->lower) : 0;
    L->gzv = 0;
  }
  L->wofs = 0;
  L->wmask = 0;
  if (r->wc) {
    const model_lex_entry *e = model_lex_find(&r->wc->wc_index, L->word);
    if (e) {
      L->wofs = (uint64_t)e->val * (r->wc->has2 ? 2 : 1) * TG_NROLES * TG_ROW_BYTES;
      L->wmask = e->pad;
    }
  }
  memset(L->gz, 0, sizeof L->gz);
  L->fname = 0;
}

/* ---- the document's lexeme memo ------------------------------------------------------ */

/* The built-in images carry no lexeme cache (docs/models.md), so every
 * token would be analysed afresh by each tagger, though about half of an
 * article's tokens repeat a form it has already used.  A memo remembers,
 * for one tagger and one document, the tg_lex lex_compute made of each
 * distinct token (its bytes as the text has them: a tg_lex depends on them
 * alone, for a given tagger and run configuration).  Open addressing on a
 * hash of the bytes; the key is the first occurrence's bytes in the
 * caller's text (which outlives the memo).  Bounded: once max lexemes are
 * in, new forms are analysed without being remembered. */
typedef struct tg_memo_slot {
  uint32_t tag; /* high bits of the form's hash */
  uint32_t idx; /* entry number + 1 (0: empty) */
} tg_memo_slot;

/* What a tagger's lexeme adds to the hashes: its lexicon values and word-cache block. */
typedef struct tg_memo_part {
  uint32_t dict, clus, gzv, wmask;
  uint64_t wofs;
} tg_memo_part;

/* One form: the hashes and flags (computed by the tagger of kind ckind;
 * the same for both kinds when ascii), and each kind's part (have: bit
 * kind - 1 set when filled). */
typedef struct tg_memo_ent {
  uint64_t word, lower, shape, lshape, pre[4], suf[4];
  uint32_t flags;
  uint8_t have, ckind, ascii;
  tg_memo_part part[2];
} tg_memo_ent;

struct tag_memo {
  const tagger *owner[2]; /* the POS and the NER tagger whose parts these are (NULL: none yet) */
  uint32_t mask, n, max;
  tg_memo_slot *slots;    /* mask + 1 */
  tg_memo_ent *ent;       /* max entries, */
  const char **s;         /* the bytes of their forms */
  uint32_t *len;          /* and their lengths */
};

#define TG_MEMO_MAX 2048 /* forms at most (a long article has about 1,000) */

static size_t memo_max(size_t n) { return n < TG_MEMO_MAX ? (n ? n : 1) : TG_MEMO_MAX; }
static size_t memo_cap(size_t n) {
  size_t cap = 16;
  while (cap < 2 * memo_max(n)) cap <<= 1;
  return cap;
}

size_t prc_tag_memo_bytes(size_t n) {
  return (sizeof(struct tag_memo) + 7) / 8 * 8 + memo_cap(n) * sizeof(tg_memo_slot) +
         memo_max(n) * (sizeof(tg_memo_ent) + sizeof(const char *) + sizeof(uint32_t)) + 8;
}

size_t prc_tag_memo_fit(size_t bytes) {
  const size_t fixed = (sizeof(struct tag_memo) + 7) / 8 * 8 + 16 * sizeof(tg_memo_slot) + 8;
  /* a form takes its entry, its key and at most 4 slots (the table has 2 to 4 a form, 16 at least) */
  const size_t per = sizeof(tg_memo_ent) + sizeof(const char *) + sizeof(uint32_t) + 4 * sizeof(tg_memo_slot);
  size_t n = bytes > fixed ? (bytes - fixed) / per : 0;
  if (n > TG_MEMO_MAX) n = TG_MEMO_MAX;
  while (n && prc_tag_memo_bytes(n) > bytes) n--; /* (not taken: the bound above holds) */
  return n;
}

tag_memo *prc_tag_memo_init(void *mem, size_t n) {
  tag_memo *m = (tag_memo *)(void *)(((uintptr_t)mem + 7) & ~(uintptr_t)7);
  size_t cap = memo_cap(n);
  m->owner[0] = m->owner[1] = NULL;
  m->mask = (uint32_t)(cap - 1);
  m->n = 0;
  m->max = (uint32_t)memo_max(n);
  m->slots = (tg_memo_slot *)(void *)((char *)m + (sizeof *m + 7) / 8 * 8);
  m->ent = (tg_memo_ent *)(void *)(m->slots + cap);
  m->s = (const char **)(void *)(m->ent + m->max);
  m->len = (uint32_t *)(void *)(m->s + m->max);
  memset(m->slots, 0, cap * sizeof *m->slots);
  return m;
}

/* Run r of tagger t uses memo m (may be NULL); the memo is emptied when
 * it held the parts of another tagger of t's kind.  (r's configuration
 * must be the one prc_tg_lexemes sets up for t.) */
static void run_memo(tg_run *r, tag_memo *m, const tagger *t) {
  const int k = t->kind == TAGGER_NER;
  r->memo = m;
  r->memo_kind = k;
  if (m && m->owner[k] != t) {
    if (m->owner[k]) {
      memset(m->slots, 0, ((size_t)m->mask + 1) * sizeof *m->slots);
      m->n = 0;
      m->owner[!k] = NULL;
    }
    m->owner[k] = t;
  }
}

static inline void memo_hashes_out(const tg_memo_ent *e, tg_lex *L) {
  L->word = e->word;
  L->lower = e->lower;
  L->shape = e->shape;
  L->lshape = e->lshape;
  memcpy(L->pre, e->pre, sizeof L->pre);
  memcpy(L->suf, e->suf, sizeof L->suf);
  L->flags = e->flags;
}

static inline void memo_part_in(tg_memo_ent *e, int k, const tg_lex *L) {
  e->part[k].dict = L->dict;
  e->part[k].clus = L->clus;
  e->part[k].gzv = L->gzv;
  e->part[k].wmask = L->wmask;
  e->part[k].wofs = L->wofs;
  e->have |= (uint8_t)(1u << k);
}

/* Starts loading the lexicon slots that lex_lookups will read for L. */
static inline void lex_prefetch2(const model_lex *lx, uint64_t key) {
  if (!lx->e) return;
  /* (a run of 16-byte entries at a load up to 3/4 often goes on past the line) */
  const char *p = (const char *)&lx->e[(uint32_t)(key ? key : 1) & lx->mask];
  PC_PREFETCH(p);
  PC_PREFETCH(p + 64);
}
static inline void lex_prefetch(const tg_run *r, const tg_lex *L) {
  if (r->words) {
    lex_prefetch2(r->words, L->lower);
  } else {
    if (r->dict) lex_prefetch2(r->dict, L->lower);
    if (r->clus) lex_prefetch2(r->clus, L->lower);
  }
  if (r->wc) lex_prefetch2(&r->wc->wc_index, L->word);
}

/* Token j's lexeme into the ring, in two steps: lex_head its hashes and
 * flags, from the memo when the form is there (the hashes of a form seen by
 * the other tagger, or all of it with this tagger's look-ups), else
 * computed (and remembered while there is room); the lexicon look-ups
 * still due are started (lex_prefetch) and done by lex_tail, some tokens
 * later (ensure_lex), with the memo entry's part for this tagger.  A form
 * that is not ASCII once normalised is shared by no kinds (NER folds
 * diacritics, POS does not).  Either way the lexeme is what lex_compute
 * makes of the token. */
static void lex_head(tg_run *r, size_t j) {
  const size_t slot = j % TG_RING;
  tg_lex *L = &r->ring[slot];
  r->pend[slot] = 0;
  r->pend_ent[slot] = NULL;
  tag_memo *m = r->memo;
  int pend;
  if (!m) {
    lex_compute(r, j, &pend);
    r->pend[slot] = (uint8_t)pend;
    if (pend) lex_prefetch(r, L);
    return;
  }
  const int kind = r->memo_kind;
  const tag_token *t = &r->toks[j];
  const uint64_t h = lc_hash(t->s, t->len); /* (the lexeme cache's key) */
  const uint32_t tag = (uint32_t)(h >> 32);
  uint32_t i = (uint32_t)h & m->mask;
  for (;; i = (i + 1) & m->mask) {
    const tg_memo_slot *sl = &m->slots[i];
    if (!sl->idx) break;
    if (sl->tag == tag && m->len[sl->idx - 1] == t->len && same_bytes(m->s[sl->idx - 1], t->s, t->len)) {
      tg_memo_ent *e = &m->ent[sl->idx - 1];
      if (e->have & (1u << kind)) {
        memo_hashes_out(e, L);
        L->dict = e->part[kind].dict;
        L->clus = e->part[kind].clus;
        L->gzv = e->part[kind].gzv;
        L->wmask = e->part[kind].wmask;
        L->wofs = e->part[kind].wofs;
        memset(L->gz, 0, sizeof L->gz);
        L->fname = 0;
      } else if (e->ascii || e->ckind == kind) {
        memo_hashes_out(e, L);
        r->pend[slot] = 1;
        r->pend_ent[slot] = e;
        lex_prefetch(r, L);
      } else {
        lex_compute(r, j, &pend); /* (the other kind's hashes of a non-ASCII form) */
        r->pend[slot] = (uint8_t)pend;
        if (pend) lex_prefetch(r, L);
      }
      return;
    }
  }
  const int ascii = lex_compute(r, j, &pend);
  r->pend[slot] = (uint8_t)pend;
  if (pend) lex_prefetch(r, L);
  if (m->n < m->max) { /* (so the table is at most half full) */
    tg_memo_ent *e = &m->ent[m->n];
    e->word = L->word;
    e->lower = L->lower;
    e->shape = L->shape;
    e->lshape = L->lshape;
    memcpy(e->pre, L->pre, sizeof e->pre);
    memcpy(e->suf, L->suf, sizeof e->suf);
    e->flags = L->flags;
    e->have = 0;
    e->ckind = (uint8_t)kind;
    e->ascii = (uint8_t)ascii;
    if (pend) r->pend_ent[slot] = e;
    else memo_part_in(e, kind, L);
    m->s[m->n] = t->s;
    m->len[m->n] = t->len;
    m->slots[i].tag = tag;
    m->slots[i].idx = ++m->n;
  }
}

static inline void lex_tail(tg_run *r, size_t j) {
  const size_t slot = j % TG_RING;
  if (!r->pend[slot]) return;
  tg_lex *L = &r->ring[slot];
  lex_lookups(r, L);
  if (r->pend_ent[slot]) memo_part_in(r->pend_ent[slot], r->memo_kind, L);
  r->pend[slot] = 0;
}

static void lex_fill(tg_run *r, size_t j) {
  lex_head(r, j);
  lex_tail(r, j);
}

void prc_tg_lexemes(const tagger *t, const tag_token *toks, size_t n, tag_memo *memo, tg_lex *out) {
  tg_run r;
  prc_tg_run_init(&r, toks, n);
  r.words = &t->words;
  r.words_pos = t->kind == TAGGER_POS;
  r.wc = t->wc_rows ? t : NULL;
  r.lc = t->lc_slots && r.wc ? t : NULL;
  r.fold = t->kind == TAGGER_NER && t->has2;
  run_memo(&r, memo, t);
  for (size_t j = 0; j < n; j++) {
    r.pre_done = j; /* (no look-up started ahead) */
    lex_fill(&r, j);
    out[j] = r.ring[j % TG_RING];
  }
}

void prc_tg_lex_of(const tag_token *t, const model_lex *dict, const model_lex *clus, tg_lex *out) {
  tg_run r;
  prc_tg_run_init(&r, t, 1);
  r.dict = dict;
  r.clus = clus;
  lex_fill(&r, 0);
  *out = r.ring[0];
}

static void gaz_fill(tg_run *r, size_t s) {
  tg_lex *L = &r->ring[s % TG_RING];
  uint64_t h = 0;
  for (int len = 1; len <= 4 && s + (size_t)len <= r->n; len++) {
    h = prc_tg_gaz_key(h, r->ring[(s + len - 1) % TG_RING].lower, len);
    uint32_t v = r->words ? (len == 1 ? L->gzv : model_lex_get(r->words, h)) : model_lex_get(r->gaz, h);
    L->gz[len - 1] = (uint8_t)(v & 15u);
    if (len == 1) L->fname = (v & TG_GAZ_FIRST) != 0;
    if (!(v & TG_GAZ_PREFIX)) break; /* no longer phrase starts with these words */
  }
}

/* Starts the lexeme-cache look-up of token j: normalises it and fetches
 * its slot into the cache; lex_fill finishes it.  (Only a prefetch: the
 * result is the same whether or not a token was started.) */
#define LEX_AHEAD 4
static void lex_start(tg_run *r, size_t j) {
  const size_t k = j % TG_RING;
  const tag_token *t = &r->toks[j];
  char *b = r->pre_b[k];
  size_t m = normalize(t->s, t->len, b);
  uint64_t h = lc_hash(b, m);
  r->pre_tok[k] = j;
  r->pre_m[k] = (uint32_t)m;
  r->pre_h[k] = h;
  PC_PREFETCH(&r->lc->lc_slots[(uint32_t)h & r->lc->lc_mask]);
}

/* The slot of token j (started a step earlier) has probably arrived: fetch
 * its lexeme too. */
static inline void lex_start2(tg_run *r, size_t j) {
  const size_t k = j % TG_RING;
  if (r->pre_tok[k] != j) return;
  const tagger *t = r->lc;
  const tg_lc_slot *s = &t->lc_slots[(uint32_t)r->pre_h[k] & t->lc_mask];
  if (s->key == r->pre_h[k]) {
    const char *p = (const char *)&t->lc_lex[s->idx];
    PC_PREFETCH(p);
    PC_PREFETCH(p + 64);
    PC_PREFETCH(p + sizeof(tg_lex) - 1);
  }
}

/* Lexemes are made LEX_BATCH tokens at a time: the hashes of each
 * (lex_head, which starts the loads of their lexicon slots), then their
 * look-ups (lex_tail), whose cache misses overlap.  (The ring holds the
 * decoders' window, from 3 tokens back to 6 ahead, and these.) */
#define LEX_BATCH 8

static void ensure_lex(tg_run *r, size_t upto) {
  while (r->lex_done <= upto && r->lex_done < r->n) {
    size_t j = r->lex_done++;
    if (r->lc) {
      size_t lim = j + LEX_AHEAD < r->n ? j + LEX_AHEAD : r->n;
      while (r->pre_done < lim) lex_start(r, r->pre_done++);
      if (j + 2 < r->pre_done) lex_start2(r, j + 2);
      lex_fill(r, j);
    } else {
      if (j >= r->head_done) {
        size_t lim = j + LEX_BATCH < r->n ? j + LEX_BATCH : r->n;
        for (size_t k = j; k < lim; k++) lex_head(r, k);
        for (size_t k = j; k < lim; k++) lex_tail(r, k);
        r->head_done = lim;
      }
    }
    if (r->gaz) {
      if (j >= 3) gaz_fill(r, j - 3);
      if (j == r->n - 1)
        for (size_t s = j >= 2 ? j - 2 : 0; s <= j; s++) gaz_fill(r, s);
    }
  }
}

static inline const tg_lex *lex_at(tg_run *r, long j) {
  if (j < 0) return &lex_bos;
  if ((size_t)j >= r->n) return &lex_eos;
  return &r->ring[(size_t)j % TG_RING];
}

void prc_tg_run_init(tg_run *r, const tag_token *toks, size_t n) {
  r->toks = toks;
  r->n = n;
  r->dict = r->gaz = r->clus = r->words = NULL;
  r->wc = NULL;
  r->lc = NULL;
  r->words_pos = 0;
  r->lex_done = 0;
  r->head_done = 0;
  r->pre_done = 0;
  r->pos_in = NULL;
  r->pos_model = NULL;
  r->pos_done = 0;
  r->docf = NULL;
  r->ndocf = NULL;
  r->wc_pass2 = 0;
  r->save = NULL;
  r->save_base = 0;
  r->fold = 0;
  r->memo = NULL;
  r->memo_kind = 0;
  int lower = 0, letters = 0;
  for (size_t i = 0; i < n && !lower; i++)
    for (uint32_t k = 0; k < toks[i].len; k++) {
      unsigned char c = (unsigned char)toks[i].s[k];
      if (c >= 'a' && c <= 'z') {
        lower = 1;
        break;
      }
      if (c >= 'A' && c <= 'Z') letters++;
    }
  r->caps_sentence = !lower && letters > 3;
}

/* ---- features ---------------------------------------------------------------------- */

static inline size_t clus_feats(uint32_t tmpl, uint32_t v, uint64_t *f) {
  if (!v) return 0;
  uint32_t len = TG_CLUS_LEN(v), bits = v & 0xffffffu;
  static const uint32_t pref[4] = {4, 8, 12, 20};
  size_t k = 0;
  for (int q = 0; q < 4; q++) {
    uint32_t l = pref[q] < len ? pref[q] : len;
    f[k++] = pc_feat2(tmpl + (uint32_t)q, l, bits >> (24 - l));
    if (l == len) break;
  }
  return k;
}

size_t prc_tg_pos_internal(const tg_lex *c, uint64_t *f) {
  size_t k = 0;
  f[k++] = pc_feat1(TGF_POS_BIAS, 0);
  f[k++] = pc_feat1(TGF_POS_LOWER, c->lower);
  f[k++] = pc_feat1(TGF_POS_WORD, c->word);
  for (int s = 0; s < 4; s++) f[k++] = pc_feat1(TGF_POS_SUF + s, c->suf[s]);
  for (int s = 0; s < 3; s++) f[k++] = pc_feat1(TGF_POS_PRE + s, c->pre[s]);
  f[k++] = pc_feat1(TGF_POS_SHAPE, c->shape);
  f[k++] = pc_feat1(TGF_POS_DICT, c->dict & 0x1ffffu);
  k += clus_feats(TGF_POS_CLUS, c->clus, f + k);
  return k;
}

/* Features of the neighbours that depend on the neighbour alone ("roles"):
 * like the internal ones, the run time adds them from the word cache. */
static size_t pos_role(int role, const tg_lex *w, uint64_t *f) {
  size_t k = 0;
  switch (role) {
  case TG_ROLE_C:
    return prc_tg_pos_internal(w, f);
  case TG_ROLE_L1:
    f[k++] = pc_feat1(TGF_POS_L1_LOWER, w->lower);
    f[k++] = pc_feat1(TGF_POS_L1_SUF3, w->suf[2]);
    f[k++] = pc_feat1(TGF_POS_L1_SHAPE, w->shape);
    f[k++] = pc_feat1(TGF_POS_L1_WORD, w->word);
    f[k++] = pc_feat1(TGF_POS_L1_SUF1, w->suf[0]);
    k += clus_feats(TGF_POS_L1_CLUS, w->clus, f + k);
    break;
  case TG_ROLE_L2:
    f[k++] = pc_feat1(TGF_POS_L2_LOWER, w->lower);
    break;
  case TG_ROLE_R1:
    f[k++] = pc_feat1(TGF_POS_R1_LOWER, w->lower);
    f[k++] = pc_feat1(TGF_POS_R1_SUF3, w->suf[2]);
    f[k++] = pc_feat1(TGF_POS_R1_SHAPE, w->shape);
    f[k++] = pc_feat1(TGF_POS_R1_DICT, w->dict & 0x1ffffu);
    k += clus_feats(TGF_POS_R1_CLUS, w->clus, f + k);
    f[k++] = pc_feat1(TGF_POS_R1_WORD, w->word);
    f[k++] = pc_feat1(TGF_POS_R1_SUF2, w->suf[1]);
    f[k++] = pc_feat1(TGF_POS_R1_PRE1, w->pre[0]);
    f[k++] = pc_feat1(TGF_POS_R1_FLAGS, w->flags);
    break;
  case TG_ROLE_R2:
    f[k++] = pc_feat1(TGF_POS_R2_LOWER, w->lower);
    f[k++] = pc_feat1(TGF_POS_R2_DICT, w->dict & 0x1ffffu);
    k += clus_feats(TGF_POS_R2_CLUS, w->clus, f + k);
    break;
  }
  return k;
}

/* Features that combine tokens. */
static size_t pos_pairs(tg_run *r, size_t i, uint64_t *f) {
  long li = (long)i;
  const tg_lex *c = lex_at(r, li), *l1 = lex_at(r, li - 1), *r1 = lex_at(r, li + 1),
               *r2 = lex_at(r, li + 2);
  size_t k = 0;
  f[k++] = pc_feat1(TGF_POS_FLAGS, c->flags | (i == 0 ? F_FIRST : 0));
  f[k++] = pc_feat2(TGF_POS_LOWER_R1LOWER, c->lower, r1->lower);
  f[k++] = pc_feat2(TGF_POS_L1LOWER_LOWER, l1->lower, c->lower);
  f[k++] = pc_feat2(TGF_POS_DICT_R1DICT, c->dict & 0x1ffffu, r1->dict & 0x1ffffu);
  f[k++] = pc_feat2(TGF_POS_LOWER_R1DICT, c->lower, r1->dict & 0x1ffffu);
  f[k++] = pc_feat2(TGF_POS_L1LOWER_R1LOWER, l1->lower, r1->lower);
  f[k++] = pc_feat3(TGF_POS_SHAPE3, l1->shape, c->shape, r1->shape);
  f[k++] = pc_feat2(TGF_POS_SUF3_R1LOWER, c->suf[2], r1->lower);
  f[k++] = pc_feat2(TGF_POS_LOWER_R2LOWER, c->lower, r2->lower);
  return k;
}

static const long role_off[TG_NROLES] = {0, -1, -2, 1, 2};

/* Static features of token i; with cached word rows (rows != NULL) the
 * role features of words that have a cache row are replaced by the rows. */
static size_t pos_static_rows(tg_run *r, size_t i, uint64_t *f, const int8_t **rows,
                              int *nrows) {
  size_t k = 0;
  for (int role = 0; role < TG_NROLES; role++) {
    const tg_lex *w = lex_at(r, (long)i + role_off[role]);
    if (rows && (w->wmask >> role) & 1u)
      rows[(*nrows)++] = r->wc->wc_rows + w->wofs + role * TG_ROW_BYTES;
    else
      k += pos_role(role, w, f + k);
  }
  return k + pos_pairs(r, i, f + k);
}

size_t prc_tg_pos_static(tg_run *r, size_t i, uint64_t *f) {
  ensure_lex(r, i + 2);
  return pos_static_rows(r, i, f, NULL, NULL);
}

/* The dynamic features but P1 and P1_P2 (whose rows the run time finds in
 * the tagger's lrow). */
static size_t pos_dyn_word(tg_run *r, size_t i, int p1, uint64_t *f) {
  const tg_lex *c = lex_at(r, (long)i), *r1 = lex_at(r, (long)i + 1);
  size_t k = 0;
  f[k++] = pc_feat2(TGF_POS_P1_LOWER, (uint64_t)p1, c->lower);
  f[k++] = pc_feat2(TGF_POS_P1_R1DICT, (uint64_t)p1, r1->dict & 0x1ffffu);
  f[k++] = pc_feat2(TGF_POS_P1_SUF3, (uint64_t)p1, c->suf[2]);
  return k;
}

size_t prc_tg_pos_dynamic(tg_run *r, size_t i, int p1, int p2, uint64_t *f) {
  ensure_lex(r, i + 2);
  f[0] = pc_feat1(TGF_POS_P1, (uint64_t)p1);
  f[1] = pc_feat2(TGF_POS_P1_P2, (uint64_t)p1, (uint64_t)p2);
  return 2 + pos_dyn_word(r, i, p1, f + 2);
}

size_t prc_tg_pos_feats(tg_run *r, size_t i, int p1, int p2, uint64_t *f) {
  size_t k = prc_tg_pos_static(r, i, f);
  return k + prc_tg_pos_dynamic(r, i, p1, p2, f + k);
}

/* POS tag of token j for NER features. */
#define POS_BOS 20
#define POS_EOS 21
#define POS_NONE 22
static int pos_step(const tagger *t, tg_run *r, size_t i, int p1, int p2);

static int pos_of(tg_run *r, long j) {
  if (j < 0) return POS_BOS;
  if ((size_t)j >= r->n) return POS_EOS;
  if (r->pos_in) return r->pos_in[j];
  if (!r->pos_model) return POS_NONE;
  while (r->pos_done <= (size_t)j) {
    size_t i = r->pos_done;
    int p1 = i >= 1 ? r->posr[(i - 1) % TG_RING] : TAG_UPOS_COUNT;
    int p2 = i >= 2 ? r->posr[(i - 2) % TG_RING] : TAG_UPOS_COUNT;
    r->posr[i % TG_RING] = (uint8_t)pos_step(r->pos_model, r, i, p1, p2);
    r->pos_done++;
  }
  return r->posr[(size_t)j % TG_RING];
}

static size_t ner_pairs(tg_run *r, size_t i, uint64_t *f, int nopos);
static size_t ner_static_rows(tg_run *r, size_t i, uint64_t *f, const int8_t **rows, int *nrows, int nopos);

size_t prc_tg_ner_internal(const tg_lex *c, uint64_t *f) {
  size_t k = 0;
  f[k++] = pc_feat1(TGF_NER_BIAS, 0);
  f[k++] = pc_feat1(TGF_NER_WORD, c->word);
  f[k++] = pc_feat1(TGF_NER_LOWER, c->lower);
  for (int s = 0; s < 4; s++) f[k++] = pc_feat1(TGF_NER_SUF + s, c->suf[s]);
  for (int s = 0; s < 4; s++) f[k++] = pc_feat1(TGF_NER_PRE + s, c->pre[s]);
  f[k++] = pc_feat1(TGF_NER_SHAPE, c->shape);
  f[k++] = pc_feat1(TGF_NER_LSHAPE, c->lshape);
  k += clus_feats(TGF_NER_CLUS, c->clus, f + k);
  return k;
}

size_t prc_tg_ner_static(tg_run *r, size_t i, uint64_t *f) {
  ensure_lex(r, i + 3);
  return ner_static_rows(r, i, f, NULL, NULL, 0);
}

static size_t ner_role(int role, const tg_lex *w, uint64_t *f) {
  size_t k = 0;
  switch (role) {
  case TG_ROLE_C:
    return prc_tg_ner_internal(w, f);
  case TG_ROLE_L1:
    f[k++] = pc_feat1(TGF_NER_L1_LOWER, w->lower);
    f[k++] = pc_feat1(TGF_NER_L1_WORD, w->word);
    f[k++] = pc_feat1(TGF_NER_L1_SHAPE, w->shape);
    f[k++] = pc_feat1(TGF_NER_L1_SUF3, w->suf[2]);
    f[k++] = pc_feat1(TGF_NER_L1_SUF4, w->suf[3]);
    f[k++] = pc_feat1(TGF_NER_L1_PRE3, w->pre[2]);
    k += clus_feats(TGF_NER_L1_CLUS, w->clus, f + k);
    break;
  case TG_ROLE_L2:
    f[k++] = pc_feat1(TGF_NER_L2_LOWER, w->lower);
    break;
  case TG_ROLE_R1:
    f[k++] = pc_feat1(TGF_NER_R1_LOWER, w->lower);
    f[k++] = pc_feat1(TGF_NER_R1_SHAPE, w->shape);
    f[k++] = pc_feat1(TGF_NER_R1_SUF3, w->suf[2]);
    f[k++] = pc_feat1(TGF_NER_R1_SUF4, w->suf[3]);
    f[k++] = pc_feat1(TGF_NER_R1_PRE3, w->pre[2]);
    k += clus_feats(TGF_NER_R1_CLUS, w->clus, f + k);
    break;
  case TG_ROLE_R2:
    f[k++] = pc_feat1(TGF_NER_R2_LOWER, w->lower);
    break;
  }
  return k;
}

/* (nopos: without the four features of POS tags alone, POS, L1POS, R1POS
 * and POS_R1POS, whose rows the caller takes from a tg_ptab) */
static size_t ner_pairs(tg_run *r, size_t i, uint64_t *f, int nopos) {
  long li = (long)i;
  const tg_lex *c = lex_at(r, li), *l1 = lex_at(r, li - 1), *r1 = lex_at(r, li + 1);
  uint64_t P0 = (uint64_t)pos_of(r, li), Pl = (uint64_t)pos_of(r, li - 1),
           Pr = (uint64_t)pos_of(r, li + 1);
  uint32_t fl = c->flags | (i == 0 ? F_FIRST : 0) | (r->caps_sentence ? F_CAPSSENT : 0);
  size_t k = 0;
  f[k++] = pc_feat3(TGF_NER_SHAPE3, l1->shape, c->shape, r1->shape);
  f[k++] = pc_feat1(TGF_NER_FLAGS, fl);
  if (!nopos) {
    f[k++] = pc_feat1(TGF_NER_POS, P0);
    f[k++] = pc_feat1(TGF_NER_L1POS, Pl);
    f[k++] = pc_feat1(TGF_NER_R1POS, Pr);
    f[k++] = pc_feat2(TGF_NER_POS_R1POS, P0, Pr);
  }
  f[k++] = pc_feat2(TGF_NER_POS_SHAPE, P0, c->shape);
  f[k++] = pc_feat2(TGF_NER_L1LOWER_LOWER, l1->lower, c->lower);
  f[k++] = pc_feat2(TGF_NER_LOWER_R1LOWER, c->lower, r1->lower);
  f[k++] = pc_feat2(TGF_NER_LOWER_CAPSSENT, c->lower, (uint64_t)(r->caps_sentence));
  f[k++] = pc_feat3(TGF_NER_POS3, Pl, P0, Pr);
  f[k++] = pc_feat2(TGF_NER_LOWER_R1POS, c->lower, Pr);
  f[k++] = pc_feat2(TGF_NER_L1LOWER_POS, l1->lower, P0);
  f[k++] = pc_feat2(TGF_NER_FNAME_R1CAP, c->fname, (r1->flags & F_INITCAP) != 0);
  f[k++] = pc_feat2(TGF_NER_L1FNAME_CAP, l1->fname, (c->flags & F_INITCAP) != 0);
  /* gazetteer matches covering token i (at most 32 features) */
  if (r->gaz) {
    size_t k0 = k;
    for (long s = li - 3; s <= li; s++) {
      if (s < 0) continue;
      const tg_lex *S = lex_at(r, s);
      for (long len = li - s + 1; len <= 4; len++) {
        uint32_t m = S->gz[len - 1];
        if (!m) continue;
        int part = len == 1 ? TAG_NER_U : s == li ? TAG_NER_B : s + len - 1 == li ? TAG_NER_L : TAG_NER_I;
        for (int t = 0; t < 4; t++)
          if ((m & (1u << t)) && k - k0 + 2 <= 32) {
            f[k++] = pc_feat1(TGF_NER_GAZ, (uint64_t)(t * 4 + part));
            f[k++] = pc_feat2(TGF_NER_GAZ_LEN, (uint64_t)(t * 4 + part), (uint64_t)len);
          }
      }
    }
  }
  return k;
}

static size_t ner_static_rows(tg_run *r, size_t i, uint64_t *f, const int8_t **rows,
                              int *nrows, int nopos) {
  size_t k = 0;
  const size_t half = r->wc_pass2 ? (size_t)TG_NROLES * TG_ROW_BYTES : 0;
  for (int role = 0; role < TG_NROLES; role++) {
    const tg_lex *w = lex_at(r, (long)i + role_off[role]);
    if (rows && (w->wmask >> role) & 1u)
      rows[(*nrows)++] = r->wc->wc_rows + w->wofs + half + role * TG_ROW_BYTES;
    else
      k += ner_role(role, w, f + k);
  }
  k += ner_pairs(r, i, f + k, nopos);
  if (r->docf) {
    const uint64_t *d = r->docf + i * TG_DOCF;
    for (int q = 0; q < r->ndocf[i]; q++) f[k++] = d[q];
  }
  return k;
}

/* The dynamic features of token i but P1 and P1_P2 (see pos_dyn_word),
 * from its hashes and POS tag. */
static inline size_t ner_dyn_word(int p1, uint64_t lower, uint64_t shape, int pos, uint64_t *f) {
  f[0] = pc_feat2(TGF_NER_P1_LOWER, (uint64_t)p1, lower);
  f[1] = pc_feat2(TGF_NER_P1_SHAPE, (uint64_t)p1, shape);
  f[2] = pc_feat2(TGF_NER_P1_POS, (uint64_t)p1, (uint64_t)pos);
  return 3;
}

size_t prc_tg_ner_dynamic(tg_run *r, size_t i, int p1, int p2, uint64_t *f) {
  const tg_lex *c = lex_at(r, (long)i);
  f[0] = pc_feat1(TGF_NER_P1, (uint64_t)p1);
  f[1] = pc_feat2(TGF_NER_P1_P2, (uint64_t)p1, (uint64_t)p2);
  return 2 + ner_dyn_word(p1, c->lower, c->shape, pos_of(r, (long)i), f + 2);
}

size_t prc_tg_ner_feats(tg_run *r, size_t i, int p1, int p2, uint64_t *f) {
  size_t k = prc_tg_ner_static(r, i, f);
  return k + prc_tg_ner_dynamic(r, i, p1, p2, f + k);
}

uint32_t prc_tg_ner_allowed(int prev, int last) {
  uint32_t m;
  if (prev <= 0 || prev >= TAG_NER_COUNT || TAG_NER_PART(prev) == TAG_NER_L ||
      TAG_NER_PART(prev) == TAG_NER_U) {
    m = 1u; /* O */
    for (int t = 0; t < TAG_ENT_COUNT; t++)
      m |= (1u << TAG_NER_LABEL(t, TAG_NER_U)) | (last ? 0 : 1u << TAG_NER_LABEL(t, TAG_NER_B));
  } else {
    int t = TAG_NER_TYPE(prev);
    m = (1u << TAG_NER_LABEL(t, TAG_NER_L)) | (last ? 0 : 1u << TAG_NER_LABEL(t, TAG_NER_I));
  }
  return m;
}

/* ---- document-level evidence (second NER pass) --------------------------------------- */

/* A table entry: key (0 = empty) and counts by first-pass type (0..3 = PER
 * ORG LOC MISC, 4 = O), c[5..8]: types of the multi-token entities that
 * contain the word. */
typedef struct tg_dslot {
  uint64_t key;
  uint16_t c[9];
  uint16_t fl;   /* DK_WORD: DW_* */
  uint32_t last; /* DK_WORD: the word's last capitalised occurrence so far, + 1 (0: none) */
} tg_dslot;

/* DK_WORD flags: the word occurs in a capitalised run ending in an
 * organisation word (not as that word), in a score position (a run
 * followed by a number, at the start of its sentence or after a number or
 * a punctuation mark: "Harlequins 75 Gloucester 19", "SEATTLE 68 61"). */
enum { DW_ORGRUN = 1, DW_SCORE = 2 };

enum { DK_WORD = 1, DK_PHRASE = 2, DK_INIT = 3, DK_ACRO = 4 };

static size_t dtab_cap(size_t n) {
  size_t cap = 16;
  while (cap < 6 * n + 16) cap <<= 1;
  return cap;
}

size_t prc_tg_ner_doc_scratch(size_t n) {
  return dtab_cap(n) * sizeof(tg_dslot) + n * (2 * sizeof(uint64_t) + 2) + 8 + (n + 1) * sizeof(tag_span) +
         n * 2 * sizeof(uint32_t) + 8;
}

static tg_dslot *dtab_get(tg_dslot *tab, size_t mask, int kind, uint64_t h, int add) {
  uint64_t key = pc_feat2(TGF_NER_D_KEY, (uint64_t)kind, h);
  if (!key) key = 1;
  for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
    if (tab[i].key == key) return &tab[i];
    if (!tab[i].key) {
      if (!add) return NULL;
      tab[i].key = key;
      return &tab[i];
    }
  }
}

/* An uppercase first letter (ASCII, Latin-1 and the common Latin Extended-A capitals). */
static int cap_first(const tag_token *t) {
  const unsigned char *p = (const unsigned char *)t->s;
  if (!t->len) return 0;
  if (p[0] >= 'A' && p[0] <= 'Z') return 1;
  if (t->len >= 2 && p[0] == 0xC3) return p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97;
  if (t->len >= 2 && (p[0] == 0xC4 || p[0] == 0xC5)) {
    unsigned cp = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return cp & 1;
    return !(cp & 1);
  }
  return 0;
}

/* 2..6 ASCII capitals (an acronym): writes them to out, returns the length or 0. */
static size_t acro_of(const tag_token *t, char *out) {
  if (t->len < 2 || t->len > 6) return 0;
  for (uint32_t k = 0; k < t->len; k++) {
    unsigned char c = (unsigned char)t->s[k];
    if (c < 'A' || c > 'Z') return 0;
    out[k] = (char)c;
  }
  return t->len;
}

static uint64_t lower_word_hash(const char *w) { return prc_tg_lower_hash(w, strlen(w)); }

/* Organisation words (lowercased) that end or lead a capitalised name. */
static const char *const org_suffix[] = {
    "inc", "corp", "corporation", "ltd", "plc", "co", "company", "party", "committee", "council",
    "association", "university", "ministry", "department", "bank", "group", "fc", "club", "union",
    "agency", "commission", "institute", "federation", "league", "board", "authority", "airlines",
    "airways", "holdings", "industries", "international", "foundation", "society", "organisation",
    "organization", "office", "court", "parliament", "assembly", "front", "movement", "army",
    "police", "times", "post", "news", "exchange", "fund", "trust", "motors", "systems", "services",
    "united", "city", "rovers", "athletic", "college", "school", "church", "congress", "senate",
    "house", "agency", "network", "press", "ag", "sa", "nv", "gmbh", "spa", "bhd", "llc", "lp", NULL};
static const char *const org_prefix[] = {
    "university", "ministry", "department", "bank", "council", "committee", "association", "institute",
    "federation", "union", "league", "office", "board", "court", "house", "church", "party", NULL};

static int in_list(uint64_t h, const uint64_t *l, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (l[i] == h) return 1;
  return 0;
}

/* Joining words inside a capitalised name ("Bank of England", "Citizens for a Safer America"). */
static int joiner(const tag_token *t) {
  static const char *const j[] = {"of", "for", "and", "&", "de", "the", "a", "on", NULL};
  for (int i = 0; j[i]; i++)
    if (t->len == strlen(j[i]) && !memcmp(t->s, j[i], t->len)) return 1;
  return 0;
}

/* An integer or a score ("75", "2-1"). */
static int score_num(const tag_token *t) {
  int dig = 0;
  for (uint32_t k = 0; k < t->len; k++) {
    unsigned char c = (unsigned char)t->s[k];
    if (c >= '0' && c <= '9') dig = 1;
    else if (c != '-' || !dig || k + 1 == t->len) return 0;
  }
  return dig;
}

/* A token that may precede a score line's name: a number or punctuation. */
static int score_lead(const tag_token *t) {
  unsigned char c = t->len ? (unsigned char)t->s[0] : 0;
  return (c >= '0' && c <= '9') || (c < 0x80 && c != 0 && !((c | 32) >= 'a' && (c | 32) <= 'z'));
}

static int maj_type(const uint16_t *c, int n, int *total) {
  int best = -1, tot = 0;
  for (int t = 0; t < n; t++) {
    tot += c[t];
    if (c[t] && (best < 0 || c[t] > c[best])) best = t;
  }
  if (total) *total = tot;
  return best;
}

void prc_tg_ner_doc_feats(const tag_token *toks, size_t n, const uint32_t *sb, size_t ns,
                          const uint8_t *p1, const uint64_t *lower, void *scratch, uint64_t *df, uint8_t *ndf) {
  const size_t capmax = dtab_cap(n); /* (the layout: the table takes at most this) */
  tg_dslot *tab = scratch;
  uint64_t *lw = (uint64_t *)(void *)(tab + capmax);
  uint64_t *runkey = lw + n;
  uint8_t *capf = (uint8_t *)(runkey + n);
  uint8_t *runf = capf + n; /* bits 0..1: place in the run (0 alone, 1 first, 2 inside, 3 last);
                               4: the run ends in an organisation word, 8: one leads it;
                               16: the run is in a score position; 32/64: first/last token of
                               its sentence */
  tag_span *sp = (tag_span *)(void *)(((uintptr_t)(runf + n) + 7) & ~(uintptr_t)7);
  /* the previous / next capitalised occurrence of the same word, + 1 (0: none) */
  uint32_t *prevo = (uint32_t *)(void *)(((uintptr_t)(sp + n + 1) + 7) & ~(uintptr_t)7);
  uint32_t *nexto = prevo + n;
  uint64_t sufh[96], preh[32];
  size_t nsuf = 0, npre = 0;
  for (int i = 0; org_suffix[i]; i++) sufh[nsuf++] = lower_word_hash(org_suffix[i]);
  for (int i = 0; org_prefix[i]; i++) preh[npre++] = lower_word_hash(org_prefix[i]);
  size_t ncap = 0, nent = 0;
  for (size_t j = 0; j < n; j++) {
    lw[j] = lower ? lower[j] : prc_tg_lower_hash(toks[j].s, toks[j].len);
    capf[j] = (uint8_t)cap_first(&toks[j]);
    ncap += capf[j];
    nent += p1[j] != TAG_NER_O;
    runkey[j] = 0;
    runf[j] = 0;
    ndf[j] = 0;
    prevo[j] = nexto[j] = 0;
  }
  /* The table holds at most a word and an acronym a capitalised token, a
   * phrase a first-pass span (each has a token tagged) and the initials of
   * a run of two capitalised tokens or more: sized for that (a load of at
   * most 1/4) rather than for n, it is zeroed in a fraction of the time and
   * pages (where an entry lies does not change what is found). */
  size_t cap = 16;
  while (cap < 4 * (2 * ncap + ncap / 2 + nent) + 16 && cap < capmax) cap <<= 1;
  const size_t mask = cap - 1;
  memset(tab, 0, cap * sizeof *tab);
  for (size_t s = 0; s < ns; s++)
    if (sb[s + 1] > sb[s]) {
      runf[sb[s]] |= 32;
      runf[sb[s + 1] - 1] |= 64;
    }
  /* word counts, acronyms */
  for (size_t j = 0; j < n; j++) {
    if (!capf[j]) continue;
    int ty = p1[j] ? TAG_NER_TYPE(p1[j]) : 4;
    tg_dslot *W = dtab_get(tab, mask, DK_WORD, lw[j], 1);
    W->c[ty]++;
    if (W->last) {
      prevo[j] = W->last;
      nexto[W->last - 1] = (uint32_t)j + 1;
    }
    W->last = (uint32_t)j + 1;
    char a[8];
    size_t al = acro_of(&toks[j], a);
    if (al) dtab_get(tab, mask, DK_ACRO, prc_pc_hash_bytes(a, al), 1)->c[ty]++;
  }
  /* first-pass spans: phrases and words inside longer entities (spans may
   * span sentences only if p1 says so; spans are taken per sentence) */
  for (size_t s = 0; s < ns; s++) {
    size_t b = sb[s], len = sb[s + 1] - b;
    size_t k = prc_tagger_ner_spans(p1 + b, len, sp, len + 1);
    for (size_t q = 0; q < k; q++) {
      size_t x = b + sp[q].begin, e = b + sp[q].end;
      if (e - x > 8) continue;
      uint64_t h = 0;
      for (size_t j = x; j < e; j++) h = pc_feat2(TGF_NER_D_KEY, h, lw[j]);
      dtab_get(tab, mask, DK_PHRASE, h, 1)->c[sp[q].type]++;
      if (e - x >= 2)
        for (size_t j = x; j < e; j++)
          if (capf[j]) dtab_get(tab, mask, DK_WORD, lw[j], 1)->c[5 + sp[q].type]++;
    }
  }
  /* capitalised runs: initials, organisation words */
  for (size_t s = 0; s < ns; s++) {
    size_t b = sb[s], e = sb[s + 1];
    for (size_t j = b; j < e;) {
      if (!capf[j] || (toks[j].len == 3 && !memcmp(toks[j].s, "The", 3))) {
        j++;
        continue;
      }
      size_t x = j, last = j;
      for (size_t q = j + 1; q < e && q - x < 10; q++) {
        if (capf[q]) last = q;
        else if (!joiner(&toks[q]) || q + 1 >= e || !capf[q + 1]) break;
      }
      char ini[8];
      size_t ni = 0, ncap = 0;
      for (size_t q = x; q <= last; q++)
        if (capf[q]) {
          ncap++;
          if (ni < 7) ini[ni++] = (char)(toks[q].s[0] & 0x7f);
        }
      uint8_t fl = 0;
      if (ncap >= 2 && in_list(lw[last], sufh, nsuf)) fl |= 4;
      if (ncap >= 2 && in_list(lw[x], preh, npre)) fl |= 8;
      uint64_t key = 0;
      if (ncap >= 2 && ni <= 6) {
        key = prc_pc_hash_bytes(ini, ni);
        int ty = p1[x] ? TAG_NER_TYPE(p1[x]) : 4;
        dtab_get(tab, mask, DK_INIT, key, 1)->c[ty]++;
      }
      int score = last + 1 < e && score_num(&toks[last + 1]) && (x == b || score_lead(&toks[x - 1]));
      for (size_t q = x; q <= last; q++) {
        runkey[q] = key;
        runf[q] = (uint8_t)((runf[q] & 96) | fl | (x == last ? 0 : q == x ? 1 : q == last ? 3 : 2) |
                            (score ? 16 : 0));
        if (!capf[q]) continue;
        uint16_t dw = (uint16_t)(((fl & 4) && q < last ? DW_ORGRUN : 0) | (score ? DW_SCORE : 0));
        if (dw) dtab_get(tab, mask, DK_WORD, lw[q], 1)->fl |= dw;
      }
      j = last + 1;
    }
  }
  /* the features */
  for (size_t s = 0; s < ns; s++) {
    size_t b = sb[s], e = sb[s + 1];
    size_t k = prc_tagger_ner_spans(p1 + b, e - b, sp, e - b + 1);
    size_t q = 0;
    for (size_t j = b; j < e; j++) {
      uint64_t *f = df + j * TG_DOCF;
      int m = 0;
      int own = p1[j], ot = own ? TAG_NER_TYPE(own) : 4;
      int l1 = j > b ? p1[j - 1] : TAG_NER_COUNT, r1 = j + 1 < e ? p1[j + 1] : TAG_NER_COUNT;
      f[m++] = pc_feat1(TGF_NER_D_P1, (uint64_t)own);
      f[m++] = pc_feat3(TGF_NER_D_P1_3, (uint64_t)l1, (uint64_t)own, (uint64_t)r1);
      while (q < k && b + sp[q].end <= j) q++;
      int inspan = q < k && b + sp[q].begin <= j;
      if (capf[j]) {
        const tg_dslot *W = dtab_get(tab, mask, DK_WORD, lw[j], 0);
        if (W) {
          uint16_t c[5];
          memcpy(c, W->c, sizeof c);
          c[ot]--;
          int tot, mj = maj_type(c, 5, &tot);
          int agree = tot && mj >= 0 && c[mj] == tot;
          f[m++] = pc_feat3(TGF_NER_D_WORD, (uint64_t)(mj < 0 ? 5 : mj), (uint64_t)agree, (uint64_t)ot);
          int ne, me = maj_type(c, 4, &ne);
          /* the share of the other occurrences tagged as entities, in quarters: a
           * word that is mostly O ("Mr.") is not an entity for a few odd tags */
          int share = tot ? (4 * ne + tot / 2) / tot : 0;
          f[m++] = pc_feat3(TGF_NER_D_WORD_ENT, (uint64_t)(me < 0 ? 5 : me), (uint64_t)share, (uint64_t)ot);
          uint16_t cl[4];
          memcpy(cl, W->c + 5, sizeof cl);
          if (inspan && sp[q].end - sp[q].begin >= 2) cl[sp[q].type]--;
          int ml = maj_type(cl, 4, NULL);
          if (ml >= 0)
            f[m++] = pc_feat2(TGF_NER_D_INLONG, (uint64_t)ml, (uint64_t)(own ? TAG_NER_PART(own) : 4));
          if (W->fl & DW_ORGRUN)
            f[m++] = pc_feat2(TGF_NER_D_WORD_ORGRUN, (uint64_t)ot, (uint64_t)((runf[j] & 4) != 0));
          if (W->fl & DW_SCORE)
            f[m++] = pc_feat2(TGF_NER_D_WORD_SCORE, (uint64_t)ot, (uint64_t)((runf[j] & 16) != 0));
        }
        if (runkey[j]) {
          /* the initials of this run are an acronym of the document */
          const tg_dslot *A = dtab_get(tab, mask, DK_ACRO, runkey[j], 0);
          int ma = A ? maj_type(A->c, 5, NULL) : -1;
          if (ma >= 0) f[m++] = pc_feat2(TGF_NER_D_ACRO_REV, (uint64_t)ma, (uint64_t)ot);
        }
        {
          /* the contexts of the word's other occurrences, nearest first, up to 3 (their
           * left and right neighbours, each once: "Ruch 's shares", "for Ruch newsstand") */
          uint32_t occ[3];
          int no = 0;
          for (uint32_t o = prevo[j], p = nexto[j]; no < 3 && (o || p);) {
            if (o) {
              occ[no++] = o - 1;
              o = prevo[o - 1];
            }
            if (p && no < 3) {
              occ[no++] = p - 1;
              p = nexto[p - 1];
            }
          }
          uint64_t seen[6];
          int nseen = 0;
          for (int k = 0; k < no; k++) {
            size_t o = occ[k];
            uint64_t cl = pc_feat1(TGF_NER_D_CTX_L, o == 0 || (runf[o] & 32) ? 1 : lw[o - 1]);
            uint64_t cr = pc_feat1(TGF_NER_D_CTX_R, o + 1 >= n || (runf[o] & 64) ? 2 : lw[o + 1]);
            int dl = 0, dr = 0;
            for (int z = 0; z < nseen; z++) {
              dl |= seen[z] == cl;
              dr |= seen[z] == cr;
            }
            if (!dl) f[m++] = seen[nseen++] = cl;
            if (!dr) f[m++] = seen[nseen++] = cr;
          }
        }
        if (runf[j] & 12) f[m++] = pc_feat2(TGF_NER_D_ORGRUN, (runf[j] >> 2) & 3, runf[j] & 3);
        char a[8];
        size_t al = acro_of(&toks[j], a);
        if (al) {
          const tg_dslot *I = dtab_get(tab, mask, DK_INIT, prc_pc_hash_bytes(a, al), 0);
          int mi = I ? maj_type(I->c, 5, NULL) : -1;
          if (mi >= 0) f[m++] = pc_feat2(TGF_NER_D_ACRO, (uint64_t)mi, (uint64_t)ot);
        }
      }
      if (inspan && sp[q].end - sp[q].begin <= 8) {
        uint64_t h = 0;
        for (size_t x = b + sp[q].begin; x < b + sp[q].end; x++) h = pc_feat2(TGF_NER_D_KEY, h, lw[x]);
        const tg_dslot *P = dtab_get(tab, mask, DK_PHRASE, h, 0);
        if (P) {
          uint16_t c[4];
          memcpy(c, P->c, sizeof c);
          c[sp[q].type]--;
          int mp = maj_type(c, 4, NULL);
          f[m++] = pc_feat3(TGF_NER_D_PHRASE, (uint64_t)(mp < 0 ? 5 : mp), (uint64_t)ot,
                            (uint64_t)TAG_NER_PART(own));
        }
      }
      ndf[j] = (uint8_t)m;
    }
  }
}

/* ---- tagging --------------------------------------------------------------------------- */

static int pos_step(const tagger *t, tg_run *r, size_t i, int p1, int p2) {
  ensure_lex(r, i + 2);
  const tg_lex *c = lex_at(r, (long)i);
  if (c->dict & TG_DICT_SURE) return (int)TG_DICT_TAG(c->dict);
  uint64_t f[TG_MAXF];
  int32_t sc[TG_MAX_LABELS];
  size_t nf = prc_tg_pos_feats(r, i, p1, p2, f);
  prc_tg_score(t, 0, f, nf, sc);
  int best = 0;
  for (int y = 1; y < t->nlabels; y++)
    if (sc[y] > sc[best]) best = y;
  return best;
}

/* Software pipelining: while token i is decided, the slots of token i+2's
 * static features are being fetched and token i+1's entries too. */
typedef struct stage {
  uint64_t f[TG_MAXF];
  size_t nf;
  int sure;                        /* POS: tag known from the dictionary (-1 = no) */
  int nrows;                       /* word-cache rows standing for role features (and, NER,
                                      the rows of the POS features from a tg_ptab after them) */
  int nwc, ptab;                   /* NER first pass: of which word-cache rows; ptab: the
                                      POS features' rows are there */
  size_t ntot;                     /* after the probe: all rows found so far */
  /* the rows to add up: [0, nrows) word-cache rows, then (stage_probe) the
   * weight rows of the static features found, then (decision) those of
   * the dynamic features */
  const int8_t *rows[TG_NROLES + TG_MAXF + 8];
} stage;

/* A row of 18 bytes (34 for a wide one: its pointer is odd) may cross a
 * cache line: both lines. */
#define TG_PREFETCH_ROW(row)                                                          \
  do {                                                                               \
    PC_PREFETCH(row);                                                                \
    PC_PREFETCH((const char *)(row) + TG_ROW_BYTES - 1 + 16 * ((uintptr_t)(row) & 1u)); \
  } while (0)

static inline void stage_rows_prefetch(const stage *st) {
  for (int q = 0; q < st->nrows; q++) TG_PREFETCH_ROW(st->rows[q]);
}

/* Always inlined, so that the AVX2 copies of the decoders below get AVX2
 * code for the helpers too. */
#if defined(__GNUC__)
#define TG_INLINE static inline __attribute__((always_inline))
#else
#define TG_INLINE static inline
#endif

/* Scores of one decision: sc[c] = sum over the rows of row[c] for the
 * nl classes (int32 sums of the rows' values, int8 codes x 2^sh or the
 * int16 values of a wide row (a tagged pointer: TG_ROW_BYTES): exact, so
 * the order of the rows and the vector width do not change the result).
 * Every row has exactly TG_WC_STRIDE (>= nl) values; nothing is read past
 * a row.  sc[nl..] are not written.  The shifts are at most 15 (checked
 * in images from outside), the rows at most TG_NROLES + TG_MAXF + 8, so
 * no sum leaves int32. */
#define TG_IS_WIDE(p) (((uintptr_t)(p) & 1u) != 0)
#define TG_WIDE_ROW(p) ((const unsigned char *)(p) - 1)
static inline int32_t tg_q8w(int8_t c, unsigned sh) { return (int32_t)c * (int32_t)(1u << sh); }
static inline int32_t tg_rd_wide(const unsigned char *w, int c) {
  int16_t v;
  memcpy(&v, w + 2 * c, sizeof v);
  return v;
}
#ifdef PC_HAVE_VECTORS
typedef int8_t tg_v16b __attribute__((vector_size(16)));
typedef int16_t tg_v8h __attribute__((vector_size(16)));
typedef int32_t tg_v8i __attribute__((vector_size(32)));
typedef int32_t tg_v16i __attribute__((vector_size(64)));
typedef uint32_t tg_v16u __attribute__((vector_size(64)));
#endif
TG_INLINE void sum_rows(const int8_t *const *rows, size_t nr, int nl, int32_t *sc) {
#ifdef PC_HAVE_VECTORS
  if (nl == TG_WC_STRIDE) { /* 16 lanes and the 17th (both taggers have 17 labels) */
    tg_v16i a = {0};
    int32_t last = 0;
    for (size_t q = 0; q < nr; q++) {
      const int8_t *p = rows[q];
      if (__builtin_expect(TG_IS_WIDE(p), 0)) {
        const unsigned char *w = TG_WIDE_ROW(p);
        tg_v8h x, y;
        memcpy(&x, w, sizeof x);
        memcpy(&y, w + 16, sizeof y);
        tg_v8i xi = __builtin_convertvector(x, tg_v8i), yi = __builtin_convertvector(y, tg_v8i);
        tg_v16i v;
        memcpy(&v, &xi, sizeof xi);
        memcpy((char *)&v + sizeof xi, &yi, sizeof yi);
        a += v;
        last += tg_rd_wide(w, 16);
        continue;
      }
      tg_v16b x;
      memcpy(&x, p, sizeof x);
      const unsigned sh = (uint8_t)p[TG_WC_STRIDE];
      /* (the shift on unsigned lanes: the two's complement of code x 2^sh) */
      a += (tg_v16i)((tg_v16u)__builtin_convertvector(x, tg_v16i) << sh);
      last += tg_q8w(p[16], sh);
    }
    memcpy(sc, &a, sizeof a);
    sc[16] = last;
    return;
  }
#endif
  for (int c = 0; c < nl; c++) sc[c] = 0;
  for (size_t q = 0; q < nr; q++) {
    const int8_t *p = rows[q];
    if (TG_IS_WIDE(p)) {
      for (int c = 0; c < nl; c++) sc[c] += tg_rd_wide(TG_WIDE_ROW(p), c);
    } else {
      const unsigned sh = (uint8_t)p[TG_WC_STRIDE];
      for (int c = 0; c < nl; c++) sc[c] += tg_q8w(p[c], sh);
    }
  }
}

#if defined(__GNUC__) && defined(__x86_64__) && defined(PC_HAVE_VECTORS) && !defined(TG_NO_AVX2)
#define TG_HAVE_AVX2 1
#include <immintrin.h>
/* sum_rows for nl = 17 with AVX2: two sign-extending loads of 8 codes
 * (vpmovsxbd from memory) and one shift each; the 17th value apart (shlx).
 * Inlined into the decoders' AVX2 copies (TG_AVX2_TARGET). */
#define TG_AVX2_TARGET "avx2,bmi,bmi2,popcnt"
__attribute__((target(TG_AVX2_TARGET))) static inline void sum_rows_avx2(const int8_t *const *rows,
                                                                         size_t nr, int32_t *sc) {
  __m256i a = _mm256_setzero_si256(), b = a;
  int32_t last = 0;
  for (size_t q = 0; q < nr; q++) {
    const int8_t *p = rows[q];
    if (__builtin_expect(TG_IS_WIDE(p), 0)) {
      const unsigned char *w = TG_WIDE_ROW(p);
      a = _mm256_add_epi32(a, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)w)));
      b = _mm256_add_epi32(b, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(w + 16))));
      last += tg_rd_wide(w, 16);
      continue;
    }
    const unsigned sh = (uint8_t)p[TG_WC_STRIDE];
    const __m128i n = _mm_cvtsi32_si128((int)sh);
    a = _mm256_add_epi32(a, _mm256_sll_epi32(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)p)), n));
    b = _mm256_add_epi32(b, _mm256_sll_epi32(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(p + 8))), n));
    last += (int32_t)((uint32_t)(int32_t)p[16] << sh); /* (code x 2^sh in two's complement) */
  }
  _mm256_storeu_si256((__m256i *)(void *)sc, a);
  _mm256_storeu_si256((__m256i *)(void *)(sc + 8), b);
  sc[16] = last;
}
static atomic_int avx2_state = -1; /* -1: not probed yet; every thread that races here stores the same value */
static int have_avx2(void) {
  atomic_int *const v = &avx2_state;
  int x = atomic_load_explicit(v, memory_order_relaxed);
  if (x < 0) {
    __builtin_cpu_init();
    x = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") &&
                __builtin_cpu_supports("popcnt")
            ? 1
            : 0;
    atomic_store_explicit(v, x, memory_order_relaxed);
  }
  return x;
}

void prc_tg_force_generic(int on) { atomic_store_explicit(&avx2_state, on ? 0 : -1, memory_order_relaxed); }
#define SUM_ROWS(rows, nr, nl, sc, avx2)                              \
  do {                                                                \
    if ((avx2) && (nl) == 17) sum_rows_avx2((rows), (nr), (sc));      \
    else sum_rows((rows), (nr), (nl), (sc));                          \
  } while (0)
#else
#define SUM_ROWS(rows, nr, nl, sc, avx2) sum_rows((rows), (nr), (nl), (sc))
#endif

/* pc_probe, but writes the weight rows of the features found (and starts
 * loading them). */
TG_INLINE size_t probe_rows(const pc_model *m, const uint64_t *feats, size_t nf,
                            const int8_t **out) {
  const uint32_t mask = m->mask;
  const uint32_t *keys = m->keys, *rdir = m->rdir, *wdir = m->wdir;
  const int8_t *base = m->rows8;
  size_t n = 0;
  for (size_t f = 0; f < nf; f++) {
    uint64_t h = feats[f];
    uint32_t key = pc_key32(h), i = (uint32_t)h & mask;
    for (;;) {
      const uint32_t k = keys[i];
      if (k == key) {
        const uint32_t r = tg_dir_rank(rdir, i); /* the row's number (tagger_features.h, "Weight slots") */
        const int8_t *row = base + (size_t)r * TG_ROW_BYTES;
        if (wdir && __builtin_expect(tg_dir_bit(wdir, r), 0))
          row = (const int8_t *)(const void *)(m->rowsx + (size_t)tg_dir_rank(wdir, r) * TG_WC_STRIDE) + 1;
        TG_PREFETCH_ROW(row);
        out[n++] = row;
        break;
      }
      if (k == 0) break;
      i = (i + 1) & mask;
    }
  }
  return n;
}

/* pc_prefetch_slots for the keys and the rank directory. */
static inline void tg_prefetch_keys(const pc_model *m, const uint64_t *feats, size_t nf) {
  for (size_t f = 0; f < nf; f++) {
    const uint32_t i = (uint32_t)feats[f] & m->mask;
    PC_PREFETCH(&m->keys[i]);
  }
}

int prc_tg_q8_row(const int32_t *v, int8_t *row) {
  int64_t m = 0;
  for (int c = 0; c < TG_WC_STRIDE; c++) {
    int64_t a = v[c] < 0 ? -(int64_t)v[c] : v[c];
    if (a > m) m = a;
  }
  int sh = 0;
  while (((m + (((int64_t)1 << sh) >> 1)) >> sh) > 127) sh++;
  for (int c = 0; c < TG_WC_STRIDE; c++) {
    int64_t a = v[c] < 0 ? -(int64_t)v[c] : v[c];
    a = (a + (((int64_t)1 << sh) >> 1)) >> sh; /* half away from zero */
    row[c] = (int8_t)(v[c] < 0 ? -a : a);
  }
  row[TG_WC_STRIDE] = (int8_t)sh;
  return sh;
}

int32_t prc_tg_row_value(const int8_t *row, int c) {
  if (TG_IS_WIDE(row)) return tg_rd_wide(TG_WIDE_ROW(row), c);
  return tg_q8w(row[c], (uint8_t)row[TG_WC_STRIDE]);
}

void prc_tg_score(const tagger *t, int pass, const uint64_t *f, size_t nf, int32_t *sc) {
  const pc_model *w = pass ? &t->w2 : &t->w;
  const int nl = t->nlabels;
  for (int c = 0; c < nl; c++) sc[c] = 0;
  while (nf) {
    const int8_t *rows[64];
    int32_t part[TG_MAX_LABELS];
    size_t n = nf < 64 ? nf : 64;
    sum_rows(rows, probe_rows(w, f, n, rows), nl, part);
    for (int c = 0; c < nl; c++) sc[c] += part[c];
    f += n;
    nf -= n;
  }
}

size_t prc_tg_static_rows(const tagger *t, tg_run *r, size_t i, uint64_t *f, const int8_t **rows, int *nrows) {
  *nrows = 0;
  ensure_lex(r, i + 3);
  return t->kind == TAGGER_POS ? pos_static_rows(r, i, f, r->wc ? rows : NULL, nrows)
                               : ner_static_rows(r, i, f, r->wc ? rows : NULL, nrows, 0);
}

const int8_t *prc_tg_row(const tagger *t, int pass, uint64_t f) {
  const int8_t *row = NULL;
  probe_rows(pass ? &t->w2 : &t->w, &f, 1, &row);
  return row;
}

/* The rows of P1 and P1_P2 for labels p1, p2 (lr: a pass's half of
 * tagger.lrow) appended to out; returns how many. */
typedef const int8_t *const tg_lrow[TG_LROW_N + 1];
TG_INLINE size_t lrow_add(const tg_lrow *lr, int p1, int p2, const int8_t **out) {
  size_t n = 0;
  const int8_t *a = lr[p1][0], *b = lr[p1][1 + p2];
  if (a) out[n++] = a;
  if (b) out[n++] = b;
  return n;
}

static void pos_prepare(const tagger *t, tg_run *r, size_t i, stage *st) {
  st->nf = 0;
  st->sure = -1;
  st->nrows = 0;
  if (i >= r->n) return;
  ensure_lex(r, i + 2);
  const tg_lex *c = lex_at(r, (long)i);
  if (c->dict & TG_DICT_SURE) {
    st->sure = (int)TG_DICT_TAG(c->dict);
    return;
  }
  st->nf = pos_static_rows(r, i, st->f, r->wc ? st->rows : NULL, &st->nrows);
  stage_rows_prefetch(st);
  tg_prefetch_keys(&t->w, st->f, st->nf);
}

TG_INLINE void stage_probe(const tagger *t, stage *st) {
  st->ntot = (size_t)st->nrows + probe_rows(&t->w, st->f, st->nf, st->rows + st->nrows);
}

/* The greedy decoders (avx2: sum the rows with AVX2). */
TG_INLINE void pos_decode_b(const tagger *t, tg_run *r, uint8_t *out, int avx2) {
  (void)avx2;
  const size_t n = r->n;
  const int nl = t->nlabels;
  int p1 = TAG_UPOS_COUNT, p2 = TAG_UPOS_COUNT;
  const tg_lrow *lr = t->has_lrow ? t->lrow[0] : NULL;
  stage st[3];
  uint64_t f[8];
  size_t nf = 0;
  int32_t sc[TG_MAX_LABELS];
  pos_prepare(t, r, 0, &st[0]);
  pos_prepare(t, r, 1, &st[1]);
  stage_probe(t, &st[0]);
  /* The dynamic features of token i are hashed as soon as its previous
   * tags are known, at the end of step i - 1, and their slots (then rows)
   * load while the next tokens are prepared. */
  if (n && st[0].sure < 0) {
    nf = lr ? pos_dyn_word(r, 0, p1, f) : prc_tg_pos_dynamic(r, 0, p1, p2, f);
    tg_prefetch_keys(&t->w, f, nf);
  }
  for (size_t i = 0; i < n; i++) {
    pos_prepare(t, r, i + 2, &st[(i + 2) % 3]);
    stage *cur = &st[i % 3];
    size_t nd = 0;
    if (cur->sure < 0) nd = probe_rows(&t->w, f, nf, cur->rows + cur->ntot);
    stage_probe(t, &st[(i + 1) % 3]);
    int y;
    if (cur->sure >= 0) {
      y = cur->sure;
    } else {
      if (lr) nd += lrow_add(lr, p1, p2, cur->rows + cur->ntot + nd);
      SUM_ROWS(cur->rows, cur->ntot + nd, nl, sc, avx2);
      y = 0;
      for (int k = 1; k < nl; k++)
        if (sc[k] > sc[y]) y = k;
    }
    out[i] = (uint8_t)y;
    p2 = p1;
    p1 = y;
    if (i + 1 < n && st[(i + 1) % 3].sure < 0) {
      nf = lr ? pos_dyn_word(r, i + 1, p1, f) : prc_tg_pos_dynamic(r, i + 1, p1, p2, f);
      tg_prefetch_keys(&t->w, f, nf);
    }
  }
}
#ifdef TG_HAVE_AVX2
/* The decoder for AVX2 hosts (and BMI2, popcnt: have_avx2): the sums with
 * AVX2, the ranks of the weight slots with popcnt. */
__attribute__((target(TG_AVX2_TARGET), noinline)) static void pos_decode_avx2(const tagger *t, tg_run *r, uint8_t *out) {
  pos_decode_b(t, r, out, 1);
}
#endif
static void pos_decode(const tagger *t, tg_run *r, uint8_t *out, int avx2) {
#ifdef TG_HAVE_AVX2
  if (avx2) {
    pos_decode_avx2(t, r, out);
    return;
  }
#endif
  pos_decode_b(t, r, out, 0);
}

/* The rows of the POS features of a token with tags pl, p0, pr (all <
 * TG_NPOS) appended to out; returns how many. */
TG_INLINE int ptab_add(const tg_ptab *pt, int pl, int p0, int pr, const int8_t **out) {
  const int8_t *v[4] = {pt->p1[0][p0], pt->p1[1][pl], pt->p1[2][pr], pt->p2[p0][pr]};
  int n = 0;
  for (int q = 0; q < 4; q++)
    if (v[q]) out[n++] = v[q];
  return n;
}

/* pt: the pass's POS rows (tagger.ptab), or NULL. */
static void ner_prepare(const pc_model *w, const tg_ptab *pt, tg_run *r, size_t i, stage *st) {
  st->nf = 0;
  st->nrows = st->nwc = st->ptab = 0;
  if (i >= r->n) return;
  ensure_lex(r, i + 3);
  int pl = 0, p0 = 0, pr = 0;
  if (pt) {
    pl = pos_of(r, (long)i - 1);
    p0 = pos_of(r, (long)i);
    pr = pos_of(r, (long)i + 1);
    st->ptab = pl < TG_NPOS && p0 < TG_NPOS && pr < TG_NPOS; /* (tags given from outside may be anything) */
  }
  st->nf = ner_static_rows(r, i, st->f, r->wc ? st->rows : NULL, &st->nrows, st->ptab);
  st->nwc = st->nrows;
  if (st->ptab) st->nrows += ptab_add(pt, pl, p0, pr, st->rows + st->nrows);
  stage_rows_prefetch(st);
  tg_prefetch_keys(w, st->f, st->nf);
}

#define TG_SAVE_PTAB 0x80 /* tg_save.nrows: the POS features' rows come from a tg_ptab */

/* The first pass keeps what the second needs of each token: its static
 * features, word-cache rows and hashes (the second pass has the same
 * static features and reads the second half of the same word-cache blocks). */
static inline void save_token(tg_save *sv, size_t j, const stage *st, const tg_lex *c) {
  sv->foff[j] = (uint32_t)sv->nf;
  size_t nf = st->nf <= sv->cap - sv->nf ? st->nf : sv->cap - sv->nf; /* (never short in practice) */
  memcpy(sv->f + sv->nf, st->f, nf * sizeof *st->f);
  sv->nf += nf;
  sv->foff[j + 1] = (uint32_t)sv->nf;
  sv->nrows[j] = (uint8_t)(st->nwc | (st->ptab ? TG_SAVE_PTAB : 0));
  for (int q = 0; q < st->nwc; q++) sv->rows[j * TG_NROLES + q] = st->rows[q];
  sv->lower[j] = c->lower;
  sv->shape[j] = c->shape;
}

/* Token j's POS tag as pos_of gives it in a sentence [b, e) (pos: the
 * document's tags, or NULL). */
static inline int pos_in_sent(const uint8_t *pos, size_t j, size_t b, size_t e, int d) {
  if (d < 0 && j == b) return POS_BOS;
  if (d > 0 && j + 1 >= e) return POS_EOS;
  return pos ? pos[j + (size_t)(long)d] : POS_NONE;
}

/* pt: the second pass's POS rows (tagger.ptab + 1), for a token whose first
 * pass took them from its table; b, pos: its sentence's start, the tags. */
static void pass2_prepare(const pc_model *w, const tg_ptab *pt, const tg_save *sv, size_t j, size_t b, size_t end,
                          const uint8_t *pos, const uint64_t *docf, const uint8_t *ndocf, stage *st) {
  st->nf = 0;
  st->nrows = 0;
  if (j >= end) return;
  const size_t half = (size_t)TG_NROLES * TG_ROW_BYTES;
  st->nrows = sv->nrows[j] & ~TG_SAVE_PTAB;
  for (int q = 0; q < st->nrows; q++) st->rows[q] = sv->rows[j * TG_NROLES + q] + half;
  if (sv->nrows[j] & TG_SAVE_PTAB)
    st->nrows += ptab_add(pt, pos_in_sent(pos, j, b, end, -1), pos_in_sent(pos, j, b, end, 0),
                          pos_in_sent(pos, j, b, end, 1), st->rows + st->nrows);
  size_t nf = sv->foff[j + 1] - sv->foff[j];
  memcpy(st->f, sv->f + sv->foff[j], nf * sizeof *st->f);
  for (int q = 0; q < ndocf[j]; q++) st->f[nf++] = docf[j * TG_DOCF + q];
  st->nf = nf;
  stage_rows_prefetch(st);
  tg_prefetch_keys(w, st->f, st->nf);
}

/* The second pass over the sentence of tokens [b, e) of the document,
 * from what the first pass saved. */
/* A title before a name: "Mr." "Mrs" "Ms." "Dr." (CoNLL-2003, Reuters copy, has
 * almost none, and never inside an entity). */
typedef struct tg_word {
  const char *s;
  size_t n;
} tg_word;
#define TG_WORD(s) {s, sizeof s - 1}

static int word_in(const tag_token *t, const tg_word *w, size_t nw) {
  for (size_t i = 0; i < nw; i++)
    if (t->len == w[i].n && !memcmp(t->s, w[i].s, t->len)) return 1;
  return 0;
}

static int is_honorific(const tag_token *t) {
  static const tg_word h[] = {TG_WORD("Mr"),  TG_WORD("Mrs"),  TG_WORD("Ms"),  TG_WORD("Dr"),
                              TG_WORD("Mr."), TG_WORD("Mrs."), TG_WORD("Ms."), TG_WORD("Dr.")};
  if (t->len < 2 || t->len > 4) return 0;
  return word_in(t, h, sizeof h / sizeof *h);
}

/* A lower-case word that is not one of the joining words of names ("Bank of
 * England", "Citizens for a Safer America", "University of California at Berkeley"). */
static int lower_outside(const tag_token *t) {
  static const tg_word j[] = {TG_WORD("of"),  TG_WORD("for"), TG_WORD("and"), TG_WORD("de"),  TG_WORD("the"),
                              TG_WORD("a"),   TG_WORD("on"),  TG_WORD("at"),  TG_WORD("in"),  TG_WORD("du"),
                              TG_WORD("van"), TG_WORD("von"), TG_WORD("der"), TG_WORD("den"), TG_WORD("la"),
                              TG_WORD("le"),  TG_WORD("y"),   TG_WORD("del"), TG_WORD("da"),  TG_WORD("di"),
                              TG_WORD("dos"), TG_WORD("das"), TG_WORD("al"),  TG_WORD("el")};
  if (!t->len || t->s[0] < 'a' || t->s[0] > 'z') return 0;
  return !word_in(t, j, sizeof j / sizeof *j);
}

TG_INLINE void ner_decode2_b(const pc_model *w, const tg_lrow *lr, const tg_ptab *pt, const tg_save *sv,
                        const tag_token *toks, size_t b,
                        size_t e, const uint8_t *pos, const uint64_t *docf, const uint8_t *ndocf, uint8_t *out,
                        int avx2) {
  (void)avx2;
  int p1 = TAG_NER_COUNT, p2 = TAG_NER_COUNT;
  stage st[3];
  uint64_t f[8];
  int32_t sc[TG_MAX_LABELS];
  size_t nf = 0;
  pass2_prepare(w, pt, sv, b, b, e, pos, docf, ndocf, &st[0]);
  pass2_prepare(w, pt, sv, b + 1, b, e, pos, docf, ndocf, &st[1]);
  st[0].ntot = (size_t)st[0].nrows + probe_rows(w, st[0].f, st[0].nf, st[0].rows + st[0].nrows);
  /* (the dynamic features of token j hashed at the end of step j - 1: see pos_decode) */
#define NER2_DYN(j)                                                                        \
  do {                                                                                     \
    nf = 0;                                                                                \
    if (!lr) {                                                                             \
      f[0] = pc_feat1(TGF_NER_P1, (uint64_t)p1);                                           \
      f[1] = pc_feat2(TGF_NER_P1_P2, (uint64_t)p1, (uint64_t)p2);                          \
      nf = 2;                                                                              \
    }                                                                                      \
    nf += ner_dyn_word(p1, sv->lower[(j)], sv->shape[(j)], pos ? pos[(j)] : POS_NONE, f + nf); \
    tg_prefetch_keys(w, f, nf);                                                           \
  } while (0)
  if (b < e) NER2_DYN(b);
  for (size_t j = b; j < e; j++) {
    const size_t i = j - b;
    pass2_prepare(w, pt, sv, j + 2, b, e, pos, docf, ndocf, &st[(i + 2) % 3]);
    stage *cur = &st[i % 3];
    size_t nd = probe_rows(w, f, nf, cur->rows + cur->ntot);
    stage *nx = &st[(i + 1) % 3];
    nx->ntot = (size_t)nx->nrows + probe_rows(w, nx->f, nx->nf, nx->rows + nx->nrows);
    if (lr) nd += lrow_add(lr, p1, p2, cur->rows + cur->ntot + nd);
    SUM_ROWS(cur->rows, cur->ntot + nd, TAG_NER_COUNT, sc, avx2);
    uint32_t allow = prc_tg_ner_allowed(p1, j + 1 == e);
    /* the second pass learnt its label patterns on Reuters copy, which has no
     * titles: a title the first pass left out stays out */
    if (out[j] == TAG_NER_O && (allow & 1u) && is_honorific(&toks[j])) allow = 1u;
    /* nor may an entity run on over a lower-case word the first pass left
     * out (other than a joining word): the greedy second pass cannot close
     * an entity once inside it, so it must not go on past here */
    if (j + 1 < e && out[j + 1] == TAG_NER_O && lower_outside(&toks[j + 1])) {
      uint32_t cont = 0;
      for (int ty = 0; ty < TAG_ENT_COUNT; ty++)
        cont |= (1u << TAG_NER_LABEL(ty, TAG_NER_B)) | (1u << TAG_NER_LABEL(ty, TAG_NER_I));
      if (allow & ~cont) allow &= ~cont;
    }
    int best = -1;
    for (int y = 0; y < TAG_NER_COUNT; y++)
      if ((allow >> y) & 1u)
        if (best < 0 || sc[y] > sc[best]) best = y;
    out[j] = (uint8_t)best;
    p2 = p1;
    p1 = best;
    if (j + 1 < e) NER2_DYN(j + 1);
  }
#undef NER2_DYN
}
#ifdef TG_HAVE_AVX2
/* The decoder for AVX2 hosts (and BMI2, popcnt: have_avx2): the sums with
 * AVX2, the ranks of the weight slots with popcnt. */
__attribute__((target(TG_AVX2_TARGET), noinline)) static void ner_decode2_avx2(const pc_model *w, const tg_lrow *lr, const tg_ptab *pt, const tg_save *sv, const tag_token *toks, size_t b, size_t e,
    const uint8_t *pos, const uint64_t *docf, const uint8_t *ndocf, uint8_t *out) {
  ner_decode2_b(w, lr, pt, sv, toks, b, e, pos, docf, ndocf, out, 1);
}
#endif
static void ner_decode2(const pc_model *w, const tg_lrow *lr, const tg_ptab *pt, const tg_save *sv, const tag_token *toks, size_t b, size_t e,
    const uint8_t *pos, const uint64_t *docf, const uint8_t *ndocf, uint8_t *out, int avx2) {
#ifdef TG_HAVE_AVX2
  if (avx2) {
    ner_decode2_avx2(w, lr, pt, sv, toks, b, e, pos, docf, ndocf, out);
    return;
  }
#endif
  ner_decode2_b(w, lr, pt, sv, toks, b, e, pos, docf, ndocf, out, 0);
}

/* w: the weights of the pass (t->w, or t->w2 with r->wc_pass2 and r->docf),
 * lr: the pass's label rows (tagger.lrow) or NULL. */
TG_INLINE void ner_decode_b(const pc_model *w, const tg_lrow *lr, const tg_ptab *pt, tg_run *r, uint8_t *out,
                       int avx2) {
  (void)avx2;
  const size_t n = r->n;
  int p1 = TAG_NER_COUNT, p2 = TAG_NER_COUNT;
  stage st[3];
  uint64_t f[8];
  int32_t sc[TG_MAX_LABELS];
  size_t nf = 0;
  ner_prepare(w, pt, r, 0, &st[0]);
  ner_prepare(w, pt, r, 1, &st[1]);
  st[0].ntot = (size_t)st[0].nrows + probe_rows(w, st[0].f, st[0].nf, st[0].rows + st[0].nrows);
  /* (the dynamic features of token i hashed at the end of step i - 1: see pos_decode) */
#define NER_DYN(i)                                                            \
  do {                                                                        \
    if (lr) {                                                                 \
      const tg_lex *c_ = lex_at(r, (long)(i));                                \
      nf = ner_dyn_word(p1, c_->lower, c_->shape, pos_of(r, (long)(i)), f);   \
    } else {                                                                  \
      nf = prc_tg_ner_dynamic(r, (i), p1, p2, f);                             \
    }                                                                         \
    tg_prefetch_keys(w, f, nf);                                              \
  } while (0)
  if (n) NER_DYN(0);
  for (size_t i = 0; i < n; i++) {
    ner_prepare(w, pt, r, i + 2, &st[(i + 2) % 3]);
    stage *cur = &st[i % 3];
    size_t nd = probe_rows(w, f, nf, cur->rows + cur->ntot);
    stage *nx = &st[(i + 1) % 3];
    nx->ntot = (size_t)nx->nrows + probe_rows(w, nx->f, nx->nf, nx->rows + nx->nrows);
    if (lr) nd += lrow_add(lr, p1, p2, cur->rows + cur->ntot + nd);
    SUM_ROWS(cur->rows, cur->ntot + nd, TAG_NER_COUNT, sc, avx2);
    if (r->save) save_token(r->save, r->save_base + i, cur, lex_at(r, (long)i));
    uint32_t allow = prc_tg_ner_allowed(p1, i + 1 == n);
    int best = -1;
    for (int y = 0; y < TAG_NER_COUNT; y++)
      if ((allow >> y) & 1u)
        if (best < 0 || sc[y] > sc[best]) best = y;
    out[i] = (uint8_t)best;
    p2 = p1;
    p1 = best;
    if (i + 1 < n) NER_DYN(i + 1);
  }
#undef NER_DYN
}
#ifdef TG_HAVE_AVX2
/* The decoder for AVX2 hosts (and BMI2, popcnt: have_avx2): the sums with
 * AVX2, the ranks of the weight slots with popcnt. */
__attribute__((target(TG_AVX2_TARGET), noinline)) static void ner_decode_avx2(const pc_model *w, const tg_lrow *lr, const tg_ptab *pt, tg_run *r, uint8_t *out) {
  ner_decode_b(w, lr, pt, r, out, 1);
}
#endif
static void ner_decode(const pc_model *w, const tg_lrow *lr, const tg_ptab *pt, tg_run *r, uint8_t *out, int avx2) {
#ifdef TG_HAVE_AVX2
  if (avx2) {
    ner_decode_avx2(w, lr, pt, r, out);
    return;
  }
#endif
  ner_decode_b(w, lr, pt, r, out, 0);
}

void prc_tagger_pos(const tagger *t, const tag_token *toks, size_t n, uint8_t *out) {
  prc_tagger_pos_memo(t, toks, n, out, NULL);
}

void prc_tagger_pos_memo(const tagger *t, const tag_token *toks, size_t n, uint8_t *out, tag_memo *memo) {
  if (!t || t->kind != TAGGER_POS) {
    memset(out, TAG_UPOS_X, n);
    return;
  }
  tg_run r;
  prc_tg_run_init(&r, toks, n);
  r.words = &t->words;
  r.words_pos = 1;
  r.wc = t->wc_rows ? t : NULL;
  r.lc = t->lc_slots && r.wc ? t : NULL;
  run_memo(&r, memo, t); /* (the configuration above is the memo's: prc_tg_lexemes) */
#ifdef TG_HAVE_AVX2
  pos_decode(t, &r, out, have_avx2());
#else
  pos_decode(t, &r, out, 0);
#endif
}

/* One NER pass over one sentence (pass2: the second pass, with the
 * sentence's document features docf/ndocf; memo: the document's lexemes,
 * or NULL). */
static void ner_sentence(const tagger *t, const tag_token *toks, const uint8_t *pos, size_t n,
                         int pass2, const uint64_t *docf, const uint8_t *ndocf, uint8_t *out,
                         tg_save *save, size_t save_base, tag_memo *memo) {
  uint8_t posbuf[512];
  tg_run r;
  prc_tg_run_init(&r, toks, n);
  r.save = save;
  r.save_base = save_base;
  r.fold = t->has2;
  if (pass2) {
    r.docf = docf;
    r.ndocf = ndocf;
    r.wc_pass2 = 1;
  }
  r.words = &t->words;
  r.wc = t->wc_rows ? t : NULL;
  r.gaz = t->gaz.e ? &t->gaz : NULL; /* gaz_fill runs only if there is a gazetteer */
  r.lc = t->lc_slots && r.wc ? t : NULL;
  run_memo(&r, memo, t); /* (the configuration above is the memo's: prc_tg_lexemes) */
  if (!pos) {
    const tagger *pm = prc_tagger_builtin_pos();
    if (pm && n <= sizeof posbuf) {
      prc_tagger_pos(pm, toks, n, posbuf);
      pos = posbuf;
    } else if (pm) { /* very long sentence: tag POS lazily in the window */
      r.pos_model = pm;
      r.words = NULL; /* separate lexicons and no word cache, as in training */
      r.wc = NULL;
      r.lc = NULL;
      r.dict = &pm->dict;
      r.clus = t->clus.e ? &t->clus : NULL;
      r.memo = NULL; /* (another configuration) */
    }
  }
  r.pos_in = pos;
  const pc_model *w = pass2 ? &t->w2 : &t->w;
  const tg_lrow *lr = t->has_lrow ? t->lrow[pass2 ? 1 : 0] : NULL;
  /* (the POS rows stand for features only where the first pass saves what
   * the second needs, or in a pass alone) */
  const tg_ptab *pt = t->ptab && !pass2 ? t->ptab : NULL;
#ifdef TG_HAVE_AVX2
  ner_decode(w, lr, pt, &r, out, have_avx2());
#else
  ner_decode(w, lr, pt, &r, out, 0);
#endif
}

void prc_tagger_ner(const tagger *t, const tag_token *toks, const uint8_t *pos, size_t n, uint8_t *out) {
  if (!t || t->kind != TAGGER_NER) {
    memset(out, TAG_NER_O, n);
    return;
  }
  ner_sentence(t, toks, pos, n, 0, NULL, NULL, out, NULL, 0, NULL);
}

/* Scratch of prc_tagger_ner_doc: POS tags when none are given; document
 * features; what the first pass keeps for the second (tg_save: up to
 * TG_SAVEF static features a token); the tables of prc_tg_ner_doc_feats. */
#define TG_SAVEF (TG_MAXF - TG_DOCF - 8)
size_t prc_tagger_ner_doc_scratch(const tagger *t, size_t n) {
  if (!t || !t->has2) return 1;
  return 64 + n * (1 + TG_DOCF * sizeof(uint64_t) + 1) + n * TG_SAVEF * sizeof(uint64_t) +
         (n + 1) * sizeof(uint32_t) + n * (TG_NROLES * sizeof(int8_t *) + 1 + 2 * sizeof(uint64_t)) +
         prc_tg_ner_doc_scratch(n);
}

#define ALIGN8(p) ((void *)(((uintptr_t)(p) + 7) & ~(uintptr_t)7))

/* The document features (df below) come first in the scratch and are
 * written only after the first pass. */
size_t prc_tagger_ner_doc_room(const tagger *t, size_t n) {
  return t && t->kind == TAGGER_NER && t->has2 ? n * TG_DOCF * sizeof(uint64_t) : 0;
}

void prc_tagger_ner_doc(const tagger *t, const tag_token *toks, const uint8_t *pos, size_t n,
                        const uint32_t *sb, size_t ns, void *scratch, uint8_t *out) {
  prc_tagger_ner_doc_memo(t, toks, pos, n, sb, ns, scratch, out, NULL);
}

void prc_tagger_ner_doc_memo(const tagger *t, const tag_token *toks, const uint8_t *pos, size_t n,
                             const uint32_t *sb, size_t ns, void *scratch, uint8_t *out, tag_memo *memo) {
  if (!t || t->kind != TAGGER_NER) {
    memset(out, TAG_NER_O, n);
    return;
  }
  if (!t->has2 || !n) {
    for (size_t s = 0; s < ns; s++)
      ner_sentence(t, toks + sb[s], pos ? pos + sb[s] : NULL, sb[s + 1] - sb[s], 0, NULL, NULL, out + sb[s], NULL, 0, NULL);
    return;
  }
  uint64_t *df = ALIGN8(scratch);
  tg_save sv;
  sv.f = df + n * TG_DOCF;
  sv.lower = sv.f + n * TG_SAVEF;
  sv.shape = sv.lower + n;
  sv.rows = (const int8_t **)(void *)(sv.shape + n);
  sv.foff = ALIGN8(sv.rows + n * TG_NROLES);
  sv.nrows = (uint8_t *)(sv.foff + n + 1);
  uint8_t *ndf = sv.nrows + n;
  uint8_t *posb = ndf + n;
  void *tabs = ALIGN8(posb + n);
  sv.nf = 0;
  sv.cap = n * TG_SAVEF;
  if (!pos) {
    const tagger *pm = prc_tagger_builtin_pos();
    for (size_t s = 0; s < ns; s++) prc_tagger_pos_memo(pm, toks + sb[s], sb[s + 1] - sb[s], posb + sb[s], memo);
    pos = posb;
  }
  for (size_t s = 0; s < ns; s++) {
    size_t b = sb[s], e = sb[s + 1];
    for (size_t j = b; j <= e; j++) sv.foff[j] = (uint32_t)sv.nf; /* (empty sentences) */
    ner_sentence(t, toks + b, pos + b, e - b, 0, NULL, NULL, out + b, &sv, b, memo);
  }
  prc_tg_ner_doc_feats(toks, n, sb, ns, out, sv.lower, tabs, df, ndf);

#ifdef TG_HAVE_AVX2
  const int avx2 = have_avx2();
#else
  const int avx2 = 0;
#endif
  for (size_t s = 0; s < ns; s++)
    ner_decode2(&t->w2, t->has_lrow ? t->lrow[1] : NULL, t->ptab ? t->ptab + 1 : NULL, &sv, toks, sb[s],
                sb[s + 1], pos, df, ndf, out, avx2);
}

size_t prc_tagger_ner_spans(const uint8_t *labels, size_t n, tag_span *spans, size_t max) {
  size_t ns = 0;
  long open = -1;
  int otype = -1;
#define EMIT(b, e, ty)                    \
  do {                                    \
    if (ns < max) {                       \
      spans[ns].begin = (uint32_t)(b);    \
      spans[ns].end = (uint32_t)(e);      \
      spans[ns].type = (uint8_t)(ty);     \
    }                                     \
    ns++;                                 \
  } while (0)
  for (size_t i = 0; i < n; i++) {
    int l = labels[i];
    if (l <= 0 || l >= TAG_NER_COUNT) {
      if (open >= 0) EMIT(open, i, otype);
      open = -1;
      continue;
    }
    int ty = TAG_NER_TYPE(l), part = TAG_NER_PART(l);
    int cont = open >= 0 && otype == ty && (part == TAG_NER_I || part == TAG_NER_L);
    if (!cont && open >= 0) {
      EMIT(open, i, otype);
      open = -1;
    }
    if (part == TAG_NER_U) {
      EMIT(i, i + 1, ty);
    } else if (part == TAG_NER_L) {
      EMIT(cont ? (size_t)open : i, i + 1, ty);
      open = -1;
    } else if (!cont) {
      open = (long)i;
      otype = ty;
    }
  }
  if (open >= 0) EMIT(open, n, otype);
#undef EMIT
  return ns;
}

/* ---- loading ------------------------------------------------------------------------------ */

static void tagger_destroy(tagger *t) {
  if (!t) return;
  free(t->ptab);
  prc_model_free_labels(t->labels, t->nlabels);
  if (t->inplace) { /* the tables lie in the image */
    for (int i = 0; i < t->nnotes; i++) {
      free(t->note_key[i]);
      free(t->note_val[i]);
    }
    if (t->own_mapped) prc_model_unmap(t->own, t->own_len);
    else free(t->own);
    free(t);
    return;
  }
  for (int i = 0; i < 2; i++) { /* (owned here: tg_quantize) */
    pc_model *w = i ? &t->w2 : &t->w;
    free((void *)w->rows8);
    free((void *)w->rowsx);
    free((void *)w->keys);
    free((void *)w->rdir);
    free((void *)w->wdir);
  }
  prc_pc_model_free(&t->w);
  prc_pc_model_free(&t->w2);
  prc_model_lex_free(&t->dict);
  prc_model_lex_free(&t->gaz);
  prc_model_lex_free(&t->clus);
  prc_model_lex_free(&t->words);
  prc_model_lex_free(&t->wc_index);
  free(t->wc_rows);
  free(t->lc_slots); /* one block with lc_lex, lc_off, lc_text */
  for (int i = 0; i < t->nnotes; i++) {
    free(t->note_key[i]);
    free(t->note_val[i]);
  }
  free(t);
}

static int words_add(model_lex *w, uint64_t key, const uint32_t *val, const uint32_t *pad) {
  uint32_t i = (uint32_t)key & w->mask;
  while (w->e[i].key && w->e[i].key != key) i = (i + 1) & w->mask;
  w->e[i].key = key;
  if (val) w->e[i].val = *val;
  if (pad) w->e[i].pad = *pad;
  return 0;
}

/* The word cache and the lexeme cache (see struct tagger), from the
 * vocabulary section "VOCB" (u32 count, then count x {u16 length, bytes}).
 * Needs the merged lexicon (build_words).  Each word's tg_lex is computed
 * once, by the run-time lex_fill (so a cached lexeme is exactly what
 * lex_fill computes; the role features read no field that differs from the
 * separate-lexicon form used in training: dict, clus and the hashes agree,
 * gzv and the word-cache fields are not features).  exact (the trainers'
 * loads): no word is cached, every role is summed from its int16 rows. */
static int build_caches(tagger *t, const model_section *s, int exact, precis_error *err) {
  if (s->n < 4) goto bad;
  uint32_t n = pc_rd32(s->p);
  if (n > s->n / 2) goto bad;
  uint32_t cap = pc_cap_for(n);
  t->wc_index.mask = cap - 1;
  t->wc_index.e = prc_pc_table_alloc((size_t)cap * sizeof *t->wc_index.e);
  const size_t bstride = (size_t)(t->has2 ? 2 : 1) * TG_NROLES * TG_ROW_BYTES; /* a block (bytes) */
  t->wc_rows = prc_pc_table_alloc((size_t)(n ? n : 1) * bstride);
  t->lc_mask = cap - 1;
  /* one zeroed block (huge pages when large): slots, lexemes, offsets, text */
  size_t sz_slots = (size_t)cap * sizeof *t->lc_slots, sz_lex = (size_t)(n ? n : 1) * sizeof *t->lc_lex;
  size_t sz_off = ((size_t)n + 2) * sizeof *t->lc_off;
  /* normalising never lengthens a word, so the text fits in the section's size */
  size_t sz_text = (size_t)n * NORM_MAX < s->n ? (size_t)n * NORM_MAX : s->n;
  unsigned char *blk0 = prc_pc_table_alloc(sz_slots + sz_lex + sz_off + sz_text + 1);
  if (blk0) {
    t->lc_slots = (tg_lc_slot *)(void *)blk0;
    t->lc_lex = (tg_lex *)(void *)(blk0 + sz_slots);
    t->lc_off = (uint32_t *)(void *)(blk0 + sz_slots + sz_lex);
    t->lc_text = (char *)(blk0 + sz_slots + sz_lex + sz_off);
  }
  if (!t->wc_index.e || !t->wc_rows || !blk0) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return -1;
  }
  size_t off = 4, textlen = 0;
  uint32_t nb = 0, nl = 0;
  t->lc_off[0] = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (s->n - off < 2) goto bad;
    uint32_t len = pc_rd16(s->p + off);
    off += 2;
    if (s->n - off < len) goto bad;
    tag_token tok = {(const char *)s->p + off, len};
    off += len;
    /* lexeme cache: key = normalised bytes */
    char b[NORM_MAX + 4];
    size_t m = normalize(tok.s, tok.len, b);
    uint64_t h = lc_hash(b, m);
    uint32_t lj = (uint32_t)h & t->lc_mask;
    int dup = 0;
    for (; t->lc_slots[lj].key; lj = (lj + 1) & t->lc_mask)
      if (t->lc_slots[lj].key == h && t->lc_slots[lj].len == m &&
          !memcmp(t->lc_text + t->lc_off[t->lc_slots[lj].idx], b, m)) {
        dup = 1;
        break;
      }
    if (dup) continue; /* same normalised word twice: same lexeme, same word key */
    tg_run r;
    prc_tg_run_init(&r, &tok, 1);
    memset(&r.ring[0], 0, sizeof r.ring[0]); /* its padding goes into images: zero */
    r.words = &t->words;
    r.words_pos = t->kind == TAGGER_POS;
    r.fold = t->kind == TAGGER_NER && t->has2;
    lex_fill(&r, 0);
    tg_lex *L = &t->lc_lex[nl];
    *L = r.ring[0];
    memcpy(t->lc_text + textlen, b, m);
    textlen += m;
    t->lc_off[nl + 1] = (uint32_t)textlen;
    t->lc_slots[lj].key = h;
    t->lc_slots[lj].idx = nl;
    t->lc_slots[lj].len = (uint32_t)m;
    nl++;
    /* word cache: key = cased word hash */
    uint64_t key = L->word ? L->word : 1;
    uint32_t j = (uint32_t)key & t->wc_index.mask;
    while (t->wc_index.e[j].key && t->wc_index.e[j].key != key) j = (j + 1) & t->wc_index.mask;
    if (t->wc_index.e[j].key) continue; /* (64-bit hash collision) keeps the first */
    uint32_t mask = 0;
    int8_t *blk = t->wc_rows + (size_t)nb * bstride;
    for (int role = 0; role < TG_NROLES; role++) {
      uint64_t f[TG_MAXF];
      size_t nf = t->kind == TAGGER_POS ? pos_role(role, L, f) : ner_role(role, L, f);
      int fits = 1;
      for (int pass = 0; pass < (t->has2 ? 2 : 1); pass++) {
        /* the exact sum of the file's int16 weights (the weights are
         * still int16 here: tg_quantize comes after), coded in int8 */
        int32_t sc[TG_MAX_LABELS];
        memset(sc, 0, sizeof sc); /* classes past nlabels stay 0 */
        pc_model_score(pass ? &t->w2 : &t->w, f, nf, sc);
        for (int c = 0; c < TG_WC_STRIDE; c++)
          if (sc[c] > INT16_MAX || sc[c] < -INT16_MAX) fits = 0;
        int8_t *row = blk + (size_t)pass * TG_NROLES * TG_ROW_BYTES + role * TG_ROW_BYTES;
        prc_tg_q8_row(sc, row); /* (a shift of at most 9: the sum fits in int16) */
      }
      if (!fits) { /* rare: this role falls back to the features (in both passes) */
        for (int pass = 0; pass < (t->has2 ? 2 : 1); pass++)
          memset(blk + (size_t)pass * TG_NROLES * TG_ROW_BYTES + role * TG_ROW_BYTES, 0, TG_ROW_BYTES);
        continue;
      }
      if (!exact) mask |= 1u << role; /* exact: the features' int16 sums, never the int8 cache row */
    }
    t->wc_index.e[j].key = key;
    t->wc_index.e[j].val = nb++;
    t->wc_index.e[j].pad = mask;
    t->wc_index.n++;
  }
  if (off != s->n) goto bad;
  t->lc_n = nl;
  /* the word-cache fields of the lexemes, as lex_fill finds them */
  for (uint32_t i = 0; i < nl; i++) {
    tg_lex *L = &t->lc_lex[i];
    const model_lex_entry *e = model_lex_find(&t->wc_index, L->word);
    L->wofs = e ? (uint64_t)e->val * bstride : 0;
    L->wmask = e ? e->pad : 0;
  }
  return 0;
bad:
  prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, s->off, "model corrupt: bad vocabulary section");
  return -1;
}

/* The run-time form of weights read from a model file: the dense rows
 * repacked to TG_WC_STRIDE values (the generic pc_model pads them to 32).
 * The slot table keeps the file's capacity (a load of about 1/3): folded to
 * 3/4 (prc_pc_fold) it saved 4 MB but cost the engine 4-7% of its time
 * (docs/models.md "Capacities"). */
static int tg_compact(pc_model *w) {
  if (w->nclasses > TG_WC_STRIDE) return -1; /* (the label sets have 17) */
  int16_t *r = prc_pc_table_alloc((size_t)(w->nfeat ? w->nfeat : 1) * TG_WC_STRIDE * sizeof *r);
  if (!r) return -1;
  for (size_t f = 0; f < w->nfeat; f++)
    memcpy(r + f * TG_WC_STRIDE, w->rows + f * (size_t)w->stride, (size_t)w->nclasses * sizeof *r);
  free(w->rows);
  w->rows = r;
  w->stride = TG_WC_STRIDE;
  return 0;
}

/* The int8 rows (TG_ROW_BYTES) of the compact int16 rows of w, replacing
 * them, and the slot table replaced by its keys and rank directories
 * (tagger_features.h, "Weight slots"): the rows in slot order; a row whose
 * shift would pass maxsh stays int16 in rowsx (its rank marked in wdir). */
static int tg_quantize(pc_model *w, int maxsh) {
  const size_t n = w->nfeat;
  const uint32_t cap = w->mask + 1;
  int8_t tmp[TG_ROW_BYTES];
  uint32_t nx = 0;
  for (size_t f = 0; f < n; f++) {
    int32_t v[TG_WC_STRIDE] = {0};
    for (int c = 0; c < w->nclasses; c++) v[c] = w->rows[f * TG_WC_STRIDE + (size_t)c];
    nx += prc_tg_q8_row(v, tmp) > maxsh;
  }
  int8_t *r8 = prc_pc_table_alloc((n ? n : 1) * TG_ROW_BYTES); /* (a wide row's int8 row: zeros, never read) */
  uint32_t *keys = prc_pc_table_alloc((size_t)cap * sizeof *keys);
  uint32_t *rdir = prc_pc_table_alloc(TG_DIR_N(cap) * 2 * sizeof *rdir);
  uint32_t *wdir = nx ? prc_pc_table_alloc(TG_DIR_N(n) * 2 * sizeof *wdir) : NULL;
  int16_t *rx = nx ? prc_pc_table_alloc((size_t)nx * TG_WC_STRIDE * sizeof *rx) : NULL;
  if (!r8 || !keys || !rdir || (nx && (!wdir || !rx))) goto oom;
  uint32_t r = 0, ix = 0;
  for (uint32_t i = 0; i < cap; i++) {
    if (!(i & 31)) rdir[2 * (i >> 5) + 1] = r;
    const pc_slot *sl = &w->slots[i];
    if (!sl->key) continue;
    if (r >= n || sl->start >= n) goto oom; /* (a table read by prc_pc_model_read has nfeat occupied slots) */
    keys[i] = sl->key;
    rdir[2 * (i >> 5)] |= 1u << (i & 31);
    const int16_t *src = w->rows + (size_t)sl->start * TG_WC_STRIDE;
    int32_t v[TG_WC_STRIDE] = {0};
    for (int c = 0; c < w->nclasses; c++) v[c] = src[c];
    if (wdir && !(r & 31)) wdir[2 * (r >> 5) + 1] = ix;
    if (prc_tg_q8_row(v, tmp) > maxsh) {
      wdir[2 * (r >> 5)] |= 1u << (r & 31);
      memcpy(rx + (size_t)ix++ * TG_WC_STRIDE, src, TG_WC_STRIDE * sizeof *rx);
    } else {
      memcpy(r8 + (size_t)r * TG_ROW_BYTES, tmp, TG_ROW_BYTES);
    }
    r++;
  }
  if (r != n) goto oom;
  free(w->slots);
  w->slots = NULL;
  free(w->rows);
  w->rows = NULL;
  w->rows8 = r8;
  w->rowsx = rx;
  w->nwide = nx;
  w->keys = keys;
  w->rdir = rdir;
  w->wdir = wdir;
  w->stride = TG_ROW_BYTES;
  return 0;
oom:
  free(r8);
  free(keys);
  free(rdir);
  free(wdir);
  free(rx);
  return -1;
}

/* The merged run-time lexicon: (dict or gazetteer) + clusters. */
static int build_words(tagger *t) {
  const model_lex *a = t->kind == TAGGER_POS ? &t->dict : &t->gaz;
  size_t n = (size_t)a->n + t->clus.n;
  uint32_t cap = 16;
  while (cap < n * 2 + 16) cap <<= 1;
  t->words.mask = cap - 1;
  t->words.e = prc_pc_table_alloc((size_t)cap * sizeof *t->words.e);
  if (!t->words.e) return -1;
  if (a->e)
    for (uint32_t i = 0; i <= a->mask; i++)
      if (a->e[i].key) words_add(&t->words, a->e[i].key, &a->e[i].val, NULL);
  if (t->clus.e)
    for (uint32_t i = 0; i <= t->clus.mask; i++)
      if (t->clus.e[i].key) words_add(&t->words, t->clus.e[i].key, NULL, &t->clus.e[i].val);
  for (uint32_t i = 0; i <= t->words.mask; i++) t->words.n += t->words.e[i].key != 0;
  return prc_model_lex_shrink(&t->words); /* sized for the sum of both: to the union's count */
}

/* ---- in-place images ----------------------------------------------------------------------- */

static const model_lex *tg_lexes(const tagger *t, int i) {
  switch (i) {
  case TG_LX_DICT: return &t->dict;
  case TG_LX_GAZ: return &t->gaz;
  case TG_LX_CLUS: return &t->clus;
  case TG_LX_WORDS: return &t->words;
  default: return &t->wc_index;
  }
}

static const char *const tg_lx_tags[TG_NLX] = {"LXDI", "LXGZ", "LXCL", "LXWD", "LXWC"};

int prc_tagger_image(const tagger *t, tg_img_head *h, model_img_sec *s) {
  memset(h, 0, sizeof *h);
  int k = 0;
#define SEC(tg, ptr, len) (memcpy(s[k].tag, tg, 5), s[k].p = (ptr), s[k].n = (len), k++)
  h->mark = MODEL_IMAGE_MARK;
  h->kind = (uint32_t)t->kind;
  h->has2 = (uint32_t)t->has2;
  h->nlabels = (uint32_t)t->nlabels;
  SEC("TGHD", h, sizeof *h);
  for (int i = 0; i < 1 + t->has2; i++) {
    const pc_model *w = i ? &t->w2 : &t->w;
    h->nclasses[i] = (uint32_t)w->nclasses;
    h->nfeat[i] = w->nfeat;
    h->cap[i] = w->mask + 1;
    h->stride[i] = (uint32_t)w->stride;
    h->scale[i] = w->scale;
    SEC(i ? "WKY1" : "WKY0", w->keys, (size_t)h->cap[i] * sizeof *w->keys);
    SEC(i ? "WRD1" : "WRD0", w->rdir, TG_DIR_N(h->cap[i]) * 2 * sizeof *w->rdir);
    h->nwide[i] = w->nwide;
    if (w->nwide) SEC(i ? "WWD1" : "WWD0", w->wdir, TG_DIR_N(w->nfeat) * 2 * sizeof *w->wdir);
    SEC(i ? "WRW1" : "WRW0", w->rows8, (size_t)w->nfeat * TG_ROW_BYTES);
    if (w->nwide) SEC(i ? "WRX1" : "WRX0", w->rowsx, (size_t)w->nwide * TG_WC_STRIDE * sizeof *w->rowsx);
  }
  for (int i = 0; i < TG_NLX; i++) {
    const model_lex *x = tg_lexes(t, i);
    if (!x->e) continue;
    h->lx_cap[i] = x->mask + 1;
    h->lx_n[i] = x->n;
    SEC(tg_lx_tags[i], x->e, (size_t)h->lx_cap[i] * sizeof *x->e);
  }
  const size_t bstride = (size_t)(t->has2 ? 2 : 1) * TG_NROLES * TG_ROW_BYTES;
  if (t->wc_rows) {
    h->has_wc = 1;
    SEC("WCRW", t->wc_rows, (size_t)t->wc_index.n * bstride);
  }
  /* No lexeme cache in images (docs/models.md "Capacities"): 6.7 MB of
   * images for about 4% of the instructions and no measurable time; a
   * tagger loaded from a model file still builds one at load. */
#undef SEC
  return k;
}

/* A hash table of cap slots must have an empty one (else a probe for an
 * absent key never ends). */
#define TG_BAD(msg)                                                                                     \
  do {                                                                                                  \
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: %s", msg);          \
    return -1;                                                                                          \
  } while (0)

/* The checks of an image's contents that the scoring code relies on: every
 * index in range, every hash table with an empty slot.  For images from
 * outside (files); the built-in ones were made and checksummed at build time. */
static int tg_check_contents(const tagger *t, const tg_img_head *h, precis_error *err) {
  for (int i = 0; i < 1 + t->has2; i++) {
    const pc_model *w = i ? &t->w2 : &t->w;
    /* the directories agree with the keys: every rank < nfeat, every
     * wide row's number < nwide, every narrow one's < nfeat - nwide */
    uint32_t r = 0;
    for (uint32_t j = 0; j <= w->mask; j++) {
      if (!(j & 31) && w->rdir[2 * (j >> 5) + 1] != r) TG_BAD("weight rank directory does not match the slots");
      if ((w->keys[j] != 0) != tg_dir_bit(w->rdir, j)) TG_BAD("weight rank directory does not match the slots");
      r += w->keys[j] != 0;
    }
    for (uint32_t j = w->mask + 1; j < TG_DIR_N(w->mask + 1) * 32; j++)
      if (tg_dir_bit(w->rdir, j)) TG_BAD("weight rank directory does not match the slots");
    if (r != w->nfeat) TG_BAD("weight slot count does not match the rows");
    if (r > w->mask) TG_BAD("weight table full");
    if (w->nwide) {
      uint32_t x = 0;
      for (uint32_t j = 0; j < TG_DIR_N(w->nfeat) * 32; j++) {
        if (!(j & 31) && w->wdir[2 * (j >> 5) + 1] != x) TG_BAD("wide-row directory out of range");
        if (tg_dir_bit(w->wdir, j)) {
          if (j >= w->nfeat) TG_BAD("wide-row directory out of range");
          x++;
        }
      }
      if (x != w->nwide) TG_BAD("wide-row directory out of range");
    }
    for (size_t j = 0; j < (size_t)w->nfeat; j++)
      if ((uint8_t)w->rows8[j * TG_ROW_BYTES + TG_WC_STRIDE] > 15) TG_BAD("weight row shift out of range");
  }
  if (t->wc_rows) {
    const size_t nrows = (size_t)t->wc_index.n * (t->has2 ? 2 : 1) * TG_NROLES;
    for (size_t j = 0; j < nrows; j++)
      if ((uint8_t)t->wc_rows[j * TG_ROW_BYTES + TG_WC_STRIDE] > 15) TG_BAD("word-cache row shift out of range");
  }
  for (int i = 0; i < TG_NLX; i++) {
    const model_lex *x = tg_lexes(t, i);
    if (!x->e) continue;
    uint32_t used = 0;
    for (uint32_t j = 0; j <= x->mask; j++)
      if (x->e[j].key) {
        used++;
        if (i == TG_LX_WC && x->e[j].val >= h->lx_n[TG_LX_WC]) TG_BAD("word-cache entry out of range");
      }
    if (used >= x->mask + 1) TG_BAD("lexicon full");
  }
  return 0;
}

/* A tagger whose tables are those of the image in v (format 2).  check:
 * also check the contents (tg_check_contents). */
/* Fills t->lrow (see struct tagger) from the weights. */
static void label_rows(tagger *t) {
  t->has_lrow = t->nlabels < TG_LROW_N;
  if (!t->has_lrow) return;
  const int pos = t->kind == TAGGER_POS;
  for (int pass = 0; pass < 1 + t->has2; pass++) {
    const pc_model *w = pass ? &t->w2 : &t->w;
    for (int p1 = 0; p1 <= t->nlabels; p1++)
      for (int p2 = -1; p2 <= t->nlabels; p2++) {
        uint64_t f = p2 < 0 ? pc_feat1(pos ? TGF_POS_P1 : TGF_NER_P1, (uint64_t)p1)
                            : pc_feat2(pos ? TGF_POS_P1_P2 : TGF_NER_P1_P2, (uint64_t)p1, (uint64_t)p2);
        const int8_t *row = NULL;
        probe_rows(w, &f, 1, &row);
        t->lrow[pass][p1][1 + p2] = row;
      }
  }
  if (t->kind != TAGGER_NER || !(t->ptab = calloc(2, sizeof *t->ptab))) return; /* (without: the features) */
  static const uint32_t tmpl1[3] = {TGF_NER_POS, TGF_NER_L1POS, TGF_NER_R1POS};
  for (int pass = 0; pass < 1 + t->has2; pass++) {
    const pc_model *w = pass ? &t->w2 : &t->w;
    tg_ptab *pt = &t->ptab[pass];
    for (int a = 0; a < TG_NPOS; a++) {
      for (int q = 0; q < 3; q++) {
        uint64_t f = pc_feat1(tmpl1[q], (uint64_t)a);
        probe_rows(w, &f, 1, &pt->p1[q][a]);
      }
      for (int b = 0; b < TG_NPOS; b++) {
        uint64_t f = pc_feat2(TGF_NER_POS_R1POS, (uint64_t)a, (uint64_t)b);
        probe_rows(w, &f, 1, &pt->p2[a][b]);
      }
    }
  }
}

static tagger *load_inplace(const model_view *v, int check, precis_error *err) {
  if (v->featset != TG_FEATSET_POS && v->featset != TG_FEATSET_NER && v->featset != TG_FEATSET_NER2) {
    prc_error_set(err, PRECIS_ERROR_MODEL_KIND, 12, "model has feature set 0x%08x; this build reads POS 0x%08x and NER 0x%08x (retrain it)",
                  (unsigned)v->featset, TG_FEATSET_POS, TG_FEATSET_NER);
    return NULL;
  }
  const tg_img_head *h = prc_model_table(v, "TGHD", sizeof *h, 1, 8, 1, err);
  if (!h) return NULL;
  if (h->mark != MODEL_IMAGE_MARK) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, prc_model_find(v, "TGHD")->off,
                  "model image made for another byte order or layout (rebuild it)");
    return NULL;
  }
  tagger *t = calloc(1, sizeof *t);
  if (!t) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return NULL;
  }
  t->inplace = 1;
  const char *const *expect;
  int nexpect;
  if (v->featset == TG_FEATSET_POS && h->kind == TAGGER_POS && !h->has2) {
    t->kind = TAGGER_POS;
    expect = prc_tg_upos_names;
    nexpect = TAG_UPOS_COUNT;
  } else if ((v->featset == TG_FEATSET_NER || v->featset == TG_FEATSET_NER2) && h->kind == TAGGER_NER &&
             h->has2 == (v->featset == TG_FEATSET_NER2)) {
    t->kind = TAGGER_NER;
    t->has2 = (int)h->has2;
    expect = prc_tg_ner_names;
    nexpect = TAG_NER_COUNT;
  } else {
    prc_error_set(err, PRECIS_ERROR_MODEL_KIND, 12, "model has feature set 0x%08x; this build reads POS 0x%08x and NER 0x%08x (retrain it)",
                  (unsigned)v->featset, TG_FEATSET_POS, TG_FEATSET_NER);
    free(t);
    return NULL;
  }
  const model_section *labl = prc_model_find(v, "LABL");
  int nl = prc_model_read_labels(labl, t->labels, TG_MAX_LABELS);
  if (nl < 0) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl ? labl->off : PRECIS_NO_OFFSET, "model corrupt: missing or bad label set");
    goto fail;
  }
  t->nlabels = nl;
  if (nl != nexpect || h->nlabels != (uint32_t)nl) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl->off, "model label set does not match this build");
    goto fail;
  }
  for (int i = 0; i < nl; i++)
    if (strcmp(t->labels[i], expect[i])) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl->off, "model label set does not match this build");
      goto fail;
    }
  for (int i = 0; i < 1 + t->has2; i++) {
    pc_model *w = i ? &t->w2 : &t->w;
    uint32_t C = h->nclasses[i], cap = h->cap[i];
    if (C != (uint32_t)nl || h->stride[i] != TG_ROW_BYTES || cap < 16 || (cap & (cap - 1)) ||
        h->nfeat[i] >= cap || h->nwide[i] > h->nfeat[i] || !(h->scale[i] > 0) || h->scale[i] != h->scale[i]) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, prc_model_find(v, "TGHD")->off,
                    "model corrupt: bad weight table header");
      goto fail;
    }
    w->nclasses = (int)C;
    w->scale = h->scale[i];
    w->nfeat = h->nfeat[i];
    w->mask = cap - 1;
    w->stride = (int)h->stride[i];
    w->nwide = h->nwide[i];
    if (!(w->keys = (const uint32_t *)prc_model_table(v, i ? "WKY1" : "WKY0", sizeof(uint32_t), cap, 64, 1, err)) ||
        !(w->rdir = (const uint32_t *)prc_model_table(v, i ? "WRD1" : "WRD0", 2 * sizeof(uint32_t), TG_DIR_N(cap), 64, 1, err)) ||
        (w->nwide && !(w->wdir = (const uint32_t *)prc_model_table(v, i ? "WWD1" : "WWD0", 2 * sizeof(uint32_t),
                                                                   TG_DIR_N(w->nfeat), 64, 1, err))) ||
        !(w->rows8 = (const int8_t *)prc_model_table(v, i ? "WRW1" : "WRW0", TG_ROW_BYTES,
                                                     (uint64_t)w->nfeat, 64, 1, err)) ||
        (w->nwide && !(w->rowsx = (const int16_t *)prc_model_table(v, i ? "WRX1" : "WRX0", TG_WC_STRIDE * sizeof(int16_t),
                                                                   w->nwide, 64, 1, err))))
      goto fail;
  }
  for (int i = 0; i < TG_NLX; i++) {
    model_lex *x = (model_lex *)tg_lexes(t, i);
    uint32_t cap = h->lx_cap[i];
    if (!cap) continue;
    if (cap < 16 || (cap & (cap - 1)) || h->lx_n[i] >= cap) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, prc_model_find(v, "TGHD")->off, "model corrupt: bad lexicon header");
      goto fail;
    }
    x->mask = cap - 1;
    x->n = h->lx_n[i];
    if (!(x->e = (model_lex_entry *)prc_model_table(v, tg_lx_tags[i], sizeof *x->e, cap, 64, 1, err))) goto fail;
  }
  if (!t->words.e) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: no merged lexicon");
    goto fail;
  }
  if (h->has_wc) {
    const size_t bstride = (size_t)(t->has2 ? 2 : 1) * TG_NROLES * TG_ROW_BYTES;
    if (!t->wc_index.e) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: word cache without index");
      goto fail;
    }
    if (!(t->wc_rows = (int8_t *)prc_model_table(v, "WCRW", bstride, (uint64_t)t->wc_index.n, 64, 1, err)))
      goto fail;
  }
  if (h->has_lc) { /* (the layout of 0.8.0 before 0x01020306 carried a lexeme cache) */
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, prc_model_find(v, "TGHD")->off, "model corrupt: bad lexeme cache header");
    goto fail;
  }
  if (check && tg_check_contents(t, h, err) < 0) goto fail;
  if (prc_model_read_notes(prc_model_find(v, "NOTE"), t->note_key, t->note_val, TG_MAX_NOTES, &t->nnotes, err) < 0)
    goto fail;
  label_rows(t);
  return t;
fail:
  tagger_destroy(t);
  return NULL;
}

/* embedded: MODEL_EMBEDDED, a model compiled into the library (checksum
 * verified at build time); MODEL_FROM_MAP, a file's mapping, which an image
 * keeps (the caller unmaps it unless t->own is buf); 0, the caller's buffer. */
static tagger *load(const void *buf, size_t n, int embedded, int exact, precis_error *err) {
  model_view v;
  void *own;
  int mapped;
  if (prc_model_open(buf, n, embedded, &v, &own, &mapped, err) < 0) return NULL;
  if (v.version == MODEL_FORMAT_INPLACE) {
    tagger *t = load_inplace(&v, embedded != MODEL_EMBEDDED, err);
    if (!t) {
      if (!mapped) free(own);
      return NULL;
    }
    t->own = own; /* NULL for a built-in image */
    t->own_len = n;
    t->own_mapped = mapped;
    return t;
  }
  tagger *t = calloc(1, sizeof *t);
  if (!t) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    return NULL;
  }
  const char *const *expect;
  int nexpect;
  if (v.featset == TG_FEATSET_POS) {
    t->kind = TAGGER_POS;
    expect = prc_tg_upos_names;
    nexpect = TAG_UPOS_COUNT;
  } else if (v.featset == TG_FEATSET_NER || v.featset == TG_FEATSET_NER2) {
    t->kind = TAGGER_NER;
    t->has2 = v.featset == TG_FEATSET_NER2;
    expect = prc_tg_ner_names;
    nexpect = TAG_NER_COUNT;
  } else {
    prc_error_set(err, PRECIS_ERROR_MODEL_KIND, 12,
                  "model has feature set 0x%08x; this build reads POS 0x%08x and NER 0x%08x (retrain it)",
                  (unsigned)v.featset, TG_FEATSET_POS, TG_FEATSET_NER);
    free(t);
    return NULL;
  }
  const model_section *labl = prc_model_find(&v, "LABL");
  int nl = prc_model_read_labels(labl, t->labels, TG_MAX_LABELS);
  if (nl < 0) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl ? labl->off : PRECIS_NO_OFFSET, "model corrupt: missing or bad label set");
    goto fail;
  }
  t->nlabels = nl;
  if (nl != nexpect) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl->off, "model label set does not match this build");
    goto fail;
  }
  for (int i = 0; i < nl; i++)
    if (strcmp(t->labels[i], expect[i])) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, labl->off, "model label set does not match this build");
      goto fail;
    }
  const model_section *w = prc_model_find(&v, "WGHT");
  if (!w) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: no weight section");
    goto fail;
  }
  if (prc_pc_model_read(w->p, w->n, w->off, nl, &t->w, err) < 0) goto fail;
  if (t->w.nclasses != nl) {
    prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, w->off, "model corrupt: weight classes do not match the label set");
    goto fail;
  }
  const model_section *s;
  if (t->has2) {
    const model_section *w2 = prc_model_find(&v, "WGH2");
    if (!w2) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, PRECIS_NO_OFFSET, "model corrupt: no second-pass weights");
      goto fail;
    }
    if (prc_pc_model_read(w2->p, w2->n, w2->off, nl, &t->w2, err) < 0) goto fail;
    if (t->w2.nclasses != nl || t->w2.stride != t->w.stride) {
      prc_error_set(err, PRECIS_ERROR_MODEL_FORMAT, w2->off, "model corrupt: second-pass weights do not match the label set");
      goto fail;
    }
  }
  if (tg_compact(&t->w) < 0 || (t->has2 && tg_compact(&t->w2) < 0)) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    goto fail;
  }
  if ((s = prc_model_find(&v, "DICT")) && prc_model_lex_read(s, &t->dict, err) < 0) goto fail;
  if ((s = prc_model_find(&v, "GAZT")) && prc_model_lex_read(s, &t->gaz, err) < 0) goto fail;
  if ((s = prc_model_find(&v, "CLUS")) && prc_model_lex_read(s, &t->clus, err) < 0) goto fail;
  if (build_words(t) < 0) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    goto fail;
  }
  if ((s = prc_model_find(&v, "VOCB")) && build_caches(t, s, exact, err) < 0) goto fail;
  /* (after the word cache, whose sums are those of the exact weights) */
  /* exact (the trainers): every row stays int16, the weights as trained */
  const int maxsh = exact ? -1 : t->kind == TAGGER_NER ? TG_W_MAXSH_NER : TG_W_MAXSH_POS;
  if (tg_quantize(&t->w, maxsh) < 0 || (t->has2 && tg_quantize(&t->w2, maxsh) < 0)) {
    prc_error_set(err, PRECIS_ERROR_OUT_OF_MEMORY, PRECIS_NO_OFFSET, "out of memory");
    goto fail;
  }
  if (prc_model_read_notes(prc_model_find(&v, "NOTE"), t->note_key, t->note_val, TG_MAX_NOTES, &t->nnotes,
                           err) < 0)
    goto fail;
  label_rows(t);
  return t;
fail:
  tagger_destroy(t);
  return NULL;
}

tagger *prc_tagger_load_memory(const void *buf, size_t n, precis_error *err) {
  return load(buf, n, 0, 0, err);
}

tagger *prc_tagger_load_memory_exact(const void *buf, size_t n, precis_error *err) {
  return load(buf, n, 0, 1, err);
}

static tagger *load_file(const char *path, int exact, precis_error *err) {
  const unsigned char *buf;
  size_t n;
  if (prc_model_map_file(path, &buf, &n, err) < 0) return NULL;
  prc_error_clear(err);
  tagger *t = load(buf, n, MODEL_FROM_MAP, exact, err);
  if (!t || t->own != buf) prc_model_unmap(buf, n); /* decoded (format 1), or refused */
  return t;
}

tagger *prc_tagger_load_file(const char *path, precis_error *err) {
  return load_file(path, 0, err);
}

tagger *prc_tagger_load_file_exact(const char *path, precis_error *err) {
  return load_file(path, 1, err);
}

void prc_tagger_free(tagger *t) {
  if (t && !t->builtin) tagger_destroy(t);
}

int prc_tagger_kind(const tagger *t) { return t ? t->kind : 0; }
int prc_tagger_nlabels(const tagger *t) { return t ? t->nlabels : 0; }

const char *prc_tagger_label_name(const tagger *t, int id) {
  if (!t || id < 0 || id >= t->nlabels) return "?";
  return t->labels[id];
}

const char *prc_tagger_note(const tagger *t, const char *key) {
  if (!t) return "";
  for (int i = 0; i < t->nnotes; i++)
    if (!strcmp(t->note_key[i], key)) return t->note_val[i];
  return "";
}

/* ---- built-in models ------------------------------------------------------------------------ */

/* Defined in the generated models_embedded.c (tools/bin2c.c); length 0 = not compiled in. */
extern const unsigned char precis_model_pos_data[];
extern const size_t precis_model_pos_size;
extern const unsigned char precis_model_ner_data[];
extern const size_t precis_model_ner_size;

/* Decoded on first use, under a lock; final once decoded or once it failed
 * for good (not compiled in).  A decode that ran out of memory is not final:
 * the next analysis tries again. */
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int builtin_final[2];
static tagger *builtin[2];
static precis_error builtin_err[2];

static void load_builtin(int i) { /* with builtin_lock held */
  const unsigned char *data = i ? precis_model_ner_data : precis_model_pos_data;
  size_t size = i ? precis_model_ner_size : precis_model_pos_size;
  if (!size) {
    prc_error_set(&builtin_err[i], PRECIS_ERROR_MODEL_MISSING, PRECIS_NO_OFFSET,
                  "no built-in %s model (models/%s.bin was missing at build time)",
                  i ? "NER" : "POS", i ? "ner" : "pos");
  } else {
    prc_model_builtin_count();
    builtin[i] = load(data, size, MODEL_EMBEDDED, 0, &builtin_err[i]);
    if (builtin[i] && builtin[i]->kind != (i ? TAGGER_NER : TAGGER_POS)) {
      tagger_destroy(builtin[i]);
      builtin[i] = NULL;
      prc_error_set(&builtin_err[i], PRECIS_ERROR_MODEL_MISSING, PRECIS_NO_OFFSET,
                    "the built-in %s model is of the wrong kind", i ? "NER" : "POS");
    }
    if (builtin[i]) builtin[i]->builtin = 1;
  }
  if (builtin[i] || builtin_err[i].code != PRECIS_ERROR_OUT_OF_MEMORY)
    atomic_store_explicit(&builtin_final[i], 1, memory_order_release);
}

const tagger *prc_tagger_builtin(int kind, precis_error *err) {
  int i = kind == TAGGER_NER ? 1 : 0;
  if (atomic_load_explicit(&builtin_final[i], memory_order_acquire)) {
    if (!builtin[i] && err) *err = builtin_err[i];
    return builtin[i];
  }
  pthread_mutex_lock(&builtin_lock);
  if (!atomic_load_explicit(&builtin_final[i], memory_order_relaxed)) load_builtin(i);
  const tagger *t = builtin[i];
  if (!t && err) *err = builtin_err[i];
  pthread_mutex_unlock(&builtin_lock);
  return t;
}

const tagger *prc_tagger_builtin_pos(void) { return prc_tagger_builtin(TAGGER_POS, NULL); }
const tagger *prc_tagger_builtin_ner(void) { return prc_tagger_builtin(TAGGER_NER, NULL); }
