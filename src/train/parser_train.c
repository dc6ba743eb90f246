/* parser_train.c - the dependency parser's trainer and evaluator (see
 * parser_train.h): CoNLL-U treebanks, pseudo-projective lifting, the
 * dynamic oracle, and greedy training with exploration. */
#define _GNU_SOURCE
#include "parser_train.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "model/tagger_features.h"
#include "model_write.h"
#include "perceptron_train.h"
#include "train_util.h"
#include "train.h"

/* ---- treebanks ------------------------------------------------------------------------------ */

int prc_ud_label(ud_corpus *c, const char *name) {
  for (int i = 0; i < c->nlabels; i++)
    if (!strcmp(c->labels[i], name)) return i;
  if (c->nlabels >= (int)(sizeof c->labels / sizeof c->labels[0])) return -1;
  c->labels[c->nlabels] = strdup(name);
  if (!c->labels[c->nlabels]) prc_tr_die_oom();
  return c->nlabels++;
}

void prc_ud_free(ud_corpus *c) {
  free(c->text);
  free(c->off);
  free(c->len);
  free(c->upos);
  free(c->head);
  free(c->rel);
  free(c->sent);
  for (int i = 0; i < c->nlabels; i++) free(c->labels[i]);
  memset(c, 0, sizeof *c);
}

const char *prc_ud_upos_name(int upos) {
  return upos >= 0 && upos < TAG_UPOS_COUNT ? prc_tg_upos_names[upos] : "X";
}

static int upos_id(const char *s) {
  for (int i = 0; i < TAG_UPOS_COUNT; i++)
    if (!strcmp(prc_tg_upos_names[i], s)) return i;
  return -1;
}

/* Checks the sentence [b, ntok): heads in range (already made relative), one
 * root, no cycle.  Returns NULL or the reason. */
static const char *check_tree(const ud_corpus *c, size_t b) {
  size_t n = c->ntok - b, roots = 0;
  const int32_t *h = c->head + b;
  for (size_t i = 0; i < n; i++) {
    if (h[i] < -1 || h[i] >= (int32_t)n) return "HEAD out of range";
    roots += h[i] < 0;
  }
  if (roots != 1) return roots ? "more than one root" : "no root (HEAD 0)";
  for (size_t i = 0; i < n; i++) { /* a walk up from i must reach the root within n steps */
    int32_t x = (int32_t)i;
    size_t steps = 0;
    while (x >= 0 && steps <= n) {
      x = h[x];
      steps++;
    }
    if (x >= 0) return "a cycle";
  }
  return NULL;
}

int prc_ud_read(const char *path, ud_corpus *c, precis_error *err) {
  memset(c, 0, sizeof *c);
  FILE *f = fopen(path, "r");
  if (!f) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot open %s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0, lineno = 0, sent_line = 0, b = 0;
  ssize_t len;
  const char *why = NULL;
  c->csent = 1024;
  c->sent = prc_tr_xrealloc(NULL, c->csent * sizeof *c->sent);
  for (;;) {
    len = getline(&line, &cap, f);
    if (len >= 0) lineno++;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
    if (len <= 0) { /* blank line or end of file: a sentence ends */
      if (c->ntok > b) {
        if ((why = check_tree(c, b))) {
          lineno = sent_line;
          goto bad;
        }
        if (c->nsent + 2 > c->csent) c->sent = prc_tr_xrealloc(c->sent, (c->csent *= 2) * sizeof *c->sent);
        c->sent[c->nsent++] = (uint32_t)b;
        b = c->ntok;
      }
      if (len < 0) break;
      continue;
    }
    if (line[0] == '#') continue;
    char *col[10];
    int nc = prc_tr_split_tabs(line, col, 10);
    if (nc < 10) {
      why = "not CoNLL-U (expected 10 tab-separated columns)";
      goto bad;
    }
    if (strchr(col[0], '-') || strchr(col[0], '.')) continue;
    if (c->ntok == b) sent_line = lineno;
    char *end;
    long id = strtol(col[0], &end, 10);
    if (*end || id != (long)(c->ntok - b) + 1) {
      why = "ID out of sequence";
      goto bad;
    }
    int y = upos_id(col[3]);
    if (y < 0) y = TAG_UPOS_X; /* e.g. "_" in an unannotated file */
    long hd = strtol(col[6], &end, 10);
    if (*end || end == col[6] || hd < 0) {
      why = "HEAD is not a number";
      goto bad;
    }
    int r = prc_ud_label(c, col[7]);
    if (r < 0) {
      why = "too many distinct DEPREL values";
      goto bad;
    }
    if (c->ntok == c->ctok) {
      c->ctok = c->ctok ? c->ctok * 2 : 65536;
      c->off = prc_tr_xrealloc(c->off, c->ctok * sizeof *c->off);
      c->len = prc_tr_xrealloc(c->len, c->ctok * sizeof *c->len);
      c->upos = prc_tr_xrealloc(c->upos, c->ctok);
      c->head = prc_tr_xrealloc(c->head, c->ctok * sizeof *c->head);
      c->rel = prc_tr_xrealloc(c->rel, c->ctok * sizeof *c->rel);
    }
    size_t fl = strlen(col[1]);
    if (c->ntext + fl + 1 > c->ctext) {
      c->ctext = (c->ctext + fl + 1) * 2;
      c->text = prc_tr_xrealloc(c->text, c->ctext);
    }
    memcpy(c->text + c->ntext, col[1], fl + 1);
    c->off[c->ntok] = (uint32_t)c->ntext;
    c->len[c->ntok] = (uint32_t)fl;
    c->ntext += fl + 1;
    c->upos[c->ntok] = (uint8_t)y;
    c->head[c->ntok] = (int32_t)hd - 1;
    c->rel[c->ntok] = (int16_t)r;
    c->ntok++;
  }
  c->sent[c->nsent] = (uint32_t)c->ntok;
  free(line);
  fclose(f);
  if (!c->ntok) {
    prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s: no tokens", path);
    prc_ud_free(c);
    return -1;
  }
  return 0;
bad:
  prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s:%zu: %s", path, lineno, why);
  free(line);
  fclose(f);
  prc_ud_free(c);
  return -1;
}

/* ---- pseudo-projective lifting -------------------------------------------------------------- */

/* Is a a (reflexive) ancestor of x?  (-1 = the root, ancestor of all.) */
static int dominates(const int32_t *head, size_t n, int32_t a, int32_t x) {
  if (a < 0) return 1;
  for (size_t steps = 0; x >= 0 && steps <= n; steps++) {
    if (x == a) return 1;
    x = head[x];
  }
  return 0;
}

/* The arc (head[d], d) is non-projective: a token between them is not dominated by the head. */
static int arc_nonproj(const int32_t *head, size_t n, int32_t d) {
  int32_t h = head[d];
  if (h < 0) return 0;
  int32_t lo = h < d ? h : d, hi = h < d ? d : h;
  for (int32_t k = lo + 1; k < hi; k++)
    if (!dominates(head, n, h, k)) return 1;
  return 0;
}

int prc_ps_is_projective(const int32_t *head, size_t n) {
  for (size_t d = 0; d < n; d++)
    if (arc_nonproj(head, n, (int32_t)d)) return 0;
  return 1;
}

int prc_ps_projectivize(ud_corpus *c, int32_t *head, int16_t *rel, size_t n) {
  int lifted = 0;
  for (;;) {
    int32_t best = -1, bestlen = 0;
    for (size_t d = 0; d < n; d++) {
      if (!arc_nonproj(head, n, (int32_t)d)) continue;
      int32_t l = head[d] > (int32_t)d ? head[d] - (int32_t)d : (int32_t)d - head[d];
      if (best < 0 || l < bestlen) {
        best = (int32_t)d;
        bestlen = l;
      }
    }
    if (best < 0) return lifted;
    int32_t h = head[best];
    const char *dl = c->labels[rel[best]];
    if (!strstr(dl, PS_LIFT_SEP)) { /* the first lift records the original head's relation */
      const char *hl = c->labels[rel[h]];
      const char *hs = strstr(hl, PS_LIFT_SEP);
      size_t hn = hs ? (size_t)(hs - hl) : strlen(hl);
      char name[256];
      snprintf(name, sizeof name, "%s%s%.*s", dl, PS_LIFT_SEP, (int)hn, hl);
      int r = prc_ud_label(c, name);
      if (r < 0) return -1;
      rel[best] = (int16_t)r;
    }
    head[best] = head[h];
    lifted++;
  }
}

/* ---- the dynamic oracle --------------------------------------------------------------------- */

void prc_ps_costs(const ps_state *st, const int32_t *gh, const uint8_t *onstack, int cost[PS_NACTIONS]) {
  const int32_t n = (int32_t)st->n, b = (int32_t)st->b;
  unsigned valid = ps_valid(st);
  for (int a = 0; a < PS_NACTIONS; a++) cost[a] = -1;
  int32_t s0 = st->sp >= 1 ? st->stack[st->sp - 1] : -1;
  int32_t s1 = st->sp >= 2 ? st->stack[st->sp - 2] : -1;
  if (valid & (1u << PS_SHIFT)) {
    /* b can no longer take dependents from the stack, nor a head below s0 */
    int c = 0;
    for (size_t k = 0; k < st->sp; k++) {
      int32_t x = st->stack[k];
      c += gh[x] == b;
      c += gh[b] == x && x != s0;
    }
    cost[PS_SHIFT] = c;
  }
  if (valid & ((1u << PS_LEFT) | (1u << PS_RIGHT))) {
    /* s0 leaves: its dependents still in the buffer are lost */
    int deps = 0;
    for (int32_t x = b; x < n; x++) deps += gh[x] == s0;
    if (valid & (1u << PS_LEFT)) /* head b; a head s1 or further in the buffer is lost */
      cost[PS_LEFT] = deps + (gh[s0] != b && (gh[s0] == s1 || gh[s0] >= b));
    if (valid & (1u << PS_RIGHT)) /* head s1; a head in the buffer is lost */
      cost[PS_RIGHT] = deps + (gh[s0] != s1 && gh[s0] >= b);
  }
  (void)onstack;
}

/* ---- training ------------------------------------------------------------------------------- */

#define PARSE_EPOCHS 15
#define PARSE_RUNS 3     /* training runs averaged into the model */
#define LIFT_MIN 20      /* a lifted label seen fewer times is trained as its plain relation */
#define PARSE_PRUNE 1.5f /* averaged weights below this are dropped (model size; see docs/parsing.md) */
#define EXPLORE_FROM 1   /* epochs (0-based) from which training follows its own predictions */
#define EXPLORE_P 0.9    /* ... with this probability on a mistake */

static void tokens_of(const ud_corpus *c, size_t b, size_t n, tag_token *tt) {
  for (size_t i = 0; i < n; i++) {
    tt[i].s = c->text + c->off[b + i];
    tt[i].len = c->len[b + i];
  }
}

/* POS tags of the whole corpus from a tagger, one sentence at a time. */
static void tag_corpus(const tagger *pos, const ud_corpus *c, uint8_t *out) {
  size_t maxn = 0;
  for (size_t s = 0; s < c->nsent; s++)
    if (c->sent[s + 1] - c->sent[s] > maxn) maxn = c->sent[s + 1] - c->sent[s];
  tag_token *tt = prc_tr_xrealloc(NULL, (maxn + 1) * sizeof *tt);
  for (size_t s = 0; s < c->nsent; s++) {
    size_t b = c->sent[s], n = c->sent[s + 1] - b;
    tokens_of(c, b, n, tt);
    prc_tagger_pos(pos, tt, n, out + b);
  }
  free(tt);
}

/* Jackknifed POS tags: the corpus in k folds; each fold is tagged by a POS
 * tagger trained (prc_tagger_train_pos, same seed) on the other folds, so
 * the parser trains on tags as wrong as the ones it will see at run time
 * (a tagger tags its own training data ~99.9% right, new text ~95%). */
/* Folds are contiguous runs of sentences, so that a document's sentences
 * mostly share a fold: a tagger trained on sentences of the same documents
 * would tag better than it does on new text. */
static int fold_of(size_t s, size_t nsent, int k) { return (int)(s * (size_t)k / nsent); }

static int jackknife_tags(const parser_train_opts *o, const ud_corpus *c, int k, uint8_t *out,
                          precis_error *err) {
  char dir[] = "/tmp/precis-jackknife-XXXXXX";
  if (!mkdtemp(dir)) {
    prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot make a temporary folder: %s", strerror(errno));
    return -1;
  }
  char tpath[64], mpath[64];
  snprintf(tpath, sizeof tpath, "%s/train.conllu", dir);
  snprintf(mpath, sizeof mpath, "%s/pos.bin", dir);
  /* the data folder for the word clusters, as the POS trainer finds it for the real file */
  char tdir[4096];
  if (o->text_dir) {
    snprintf(tdir, sizeof tdir, "%s", o->text_dir);
  } else {
    snprintf(tdir, sizeof tdir, "%s", o->train_path);
    for (int up = 0; up < 2; up++) {
      char *sl = strrchr(tdir, '/');
      if (sl) *sl = 0;
      else snprintf(tdir, sizeof tdir, "%s", up ? ".." : ".");
    }
  }
  int rc = 0;
  for (int fold = 0; fold < k && rc == 0; fold++) {
    FILE *f = fopen(tpath, "w");
    if (!f) {
      prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot write %s: %s", tpath, strerror(errno));
      rc = -1;
      break;
    }
    for (size_t s = 0; s < c->nsent; s++) {
      if (fold_of(s, c->nsent, k) == fold) continue;
      for (size_t i = c->sent[s]; i < c->sent[s + 1]; i++)
        fprintf(f, "%zu\t%s\t_\t%s\t_\t_\t_\t_\t_\t_\n", i - c->sent[s] + 1, c->text + c->off[i],
                prc_tg_upos_names[c->upos[i]]);
      fputc('\n', f);
    }
    if (fclose(f) != 0) {
      prc_error_set(err, PRECIS_ERROR_IO, PRECIS_NO_OFFSET, "cannot write %s", tpath);
      rc = -1;
      break;
    }
    tagger_train_opts to = {0};
    to.train_path = tpath;
    to.dev_path = o->dev_path;
    to.out_path = mpath;
    to.seed = o->seed ? o->seed : 1;
    to.text_dir = tdir;
    double acc = 0;
    if (prc_tagger_train_pos(&to, &acc, err) < 0) {
      rc = -1;
      break;
    }
    tagger *t = prc_tagger_load_file_exact(mpath, err);
    if (!t) {
      rc = -1;
      break;
    }
    size_t maxn = 0;
    for (size_t s = 0; s < c->nsent; s++)
      if (c->sent[s + 1] - c->sent[s] > maxn) maxn = c->sent[s + 1] - c->sent[s];
    tag_token *tt = prc_tr_xrealloc(NULL, (maxn + 1) * sizeof *tt);
    for (size_t s = 0; s < c->nsent; s++) {
      if (fold_of(s, c->nsent, k) != fold) continue;
      size_t b = c->sent[s], n = c->sent[s + 1] - b;
      tokens_of(c, b, n, tt);
      prc_tagger_pos(t, tt, n, out + b);
    }
    free(tt);
    prc_tagger_free(t);
    if (o->verbose) fprintf(stderr, "  jackknife fold %d/%d: POS dev accuracy %.2f%%\n", fold + 1, k, 100 * acc);
  }
  remove(tpath);
  remove(mpath);
  rmdir(dir);
  return rc;
}

/* Label classes: model label k <-> corpus label index. */
typedef struct label_map {
  int n;
  int to_corpus[PS_MAX_LABELS];
  int16_t *of_corpus; /* corpus label -> model label (-1: not a model label) */
  uint8_t dep_of[PS_MAX_LABELS]; /* model label -> PRC_DEP_* of its dependent part (as parser.c) */
  int root;
} label_map;

typedef struct trainer_ctx {
  pc_trainer *act, *lab;
  const label_map *lm;
  pc_rng rng;
  int explore;
  size_t steps, errors;
} trainer_ctx;

static void train_sentence(trainer_ctx *tc, const tag_token *tt, const uint8_t *upos, size_t n,
                           const int32_t *head, const int16_t *mrel, const model_lex *clus,
                           const model_lex *dict,
                           void *scratch, int32_t *gh, uint8_t *onstack) {
  const label_map *lm = tc->lm;
  ps_state st;
  prc_ps_state_init(&st, scratch, tt, upos, n, clus, dict);
  for (size_t i = 0; i < n; i++) gh[i] = head[i] < 0 ? (int32_t)n : head[i];
  memset(onstack, 0, n + 1);
  uint64_t f[PS_MAXF], g[2][PS_MAXF];
  size_t ng[2];
  float sa[PS_NACTIONS], sl[2][PS_MAX_LABELS];
  const int L = lm->n;
  while (!ps_terminal(&st)) {
    unsigned valid = ps_valid(&st);
    int cost[PS_NACTIONS];
    prc_ps_costs(&st, gh, onstack, cost);
    int act, lab = -1;
    int root_left = (valid & (1u << PS_LEFT)) && st.b >= n;
    if (valid == (1u << PS_SHIFT) || (valid == (1u << PS_LEFT) && root_left)) {
      act = valid == (1u << PS_SHIFT) ? PS_SHIFT : PS_LEFT;
      lab = act == PS_LEFT ? lm->root : -1;
    } else {
      size_t nf = prc_ps_action_feats(&st, f);
      memset(sa, 0, sizeof sa);
      prc_pc_trainer_score(tc->act, f, nf, sa);
      /* best labels of the two arcs, model's view and the oracle's */
      int pl[2] = {-1, -1}, gl[2] = {-1, -1};
      for (int a = PS_LEFT; a <= PS_RIGHT; a++) {
        int k = a - PS_LEFT;
        if (!(valid & (1u << a))) continue;
        if (a == PS_LEFT && root_left) {
          pl[k] = gl[k] = lm->root;
          sl[k][lm->root] = 0;
          ng[k] = 0;
          continue;
        }
        ng[k] = prc_ps_label_feats(&st, a, g[k]);
        memset(sl[k], 0, sizeof(float) * (size_t)L);
        prc_pc_trainer_score(tc->lab, g[k], ng[k], sl[k]);
        for (int l = 0; l < L; l++) {
          if (l == lm->root) continue;
          if (pl[k] < 0 || sl[k][l] > sl[k][pl[k]]) pl[k] = l;
        }
        int32_t h, d;
        ps_arc(&st, a, &h, &d);
        gl[k] = gh[d] == h ? mrel[d] : pl[k]; /* wrong head: any label costs nothing more */
        if (gl[k] < 0 || gl[k] == lm->root) gl[k] = pl[k];
      }
      /* predicted and oracle (minimum cost, best scoring) moves */
      int pa = -1, ga = -1;
      float ps = 0, gs = 0;
      int gc = 0;
      for (int a = 0; a < PS_NACTIONS; a++) {
        if (!(valid & (1u << a))) continue;
        float s = sa[a] + (a == PS_SHIFT ? 0 : sl[a - PS_LEFT][pl[a - PS_LEFT]]);
        if (pa < 0 || s > ps) {
          pa = a;
          ps = s;
        }
        float s2 = sa[a] + (a == PS_SHIFT ? 0 : sl[a - PS_LEFT][gl[a - PS_LEFT]]);
        if (ga < 0 || cost[a] < gc || (cost[a] == gc && s2 > gs)) {
          ga = a;
          gc = cost[a];
          gs = s2;
        }
      }
      int plab = pa == PS_SHIFT ? -1 : pl[pa - PS_LEFT];
      int glab = ga == PS_SHIFT ? -1 : gl[ga - PS_LEFT];
      int pcost = cost[pa];
      if (pa != PS_SHIFT) {
        int32_t h, d;
        ps_arc(&st, pa, &h, &d);
        if (gh[d] == h && plab != mrel[d] && mrel[d] >= 0) pcost++;
      }
      tc->steps++;
      if (pcost > gc) {
        tc->errors++;
        if (pa != ga) {
          prc_pc_trainer_update(tc->act, f, nf, ga, 1.0f);
          prc_pc_trainer_update(tc->act, f, nf, pa, -1.0f);
        }
        if (ga != PS_SHIFT && ng[ga - PS_LEFT]) prc_pc_trainer_update(tc->lab, g[ga - PS_LEFT], ng[ga - PS_LEFT], glab, 1.0f);
        if (pa != PS_SHIFT && ng[pa - PS_LEFT]) prc_pc_trainer_update(tc->lab, g[pa - PS_LEFT], ng[pa - PS_LEFT], plab, -1.0f);
      }
      prc_pc_trainer_tick(tc->act);
      prc_pc_trainer_tick(tc->lab);
      if (pcost > gc && !(tc->explore && prc_pc_rng_below(&tc->rng, 1000) < (uint64_t)(EXPLORE_P * 1000))) {
        act = ga;
        lab = glab;
      } else {
        act = pa;
        lab = plab;
      }
    }
    if (act == PS_SHIFT) onstack[st.b] = 1;
    else onstack[st.stack[st.sp - 1]] = 0;
    prc_ps_apply(&st, act, lab, lab >= 0 ? lm->dep_of[lab] : 0);
  }
}

/* Writes the label names of the model's classes (relation strings). */
static int export_pc(pc_trainer *t, float prune, pc_buf *out, int verbose, const char *what) {
  pc_model m;
  if (prc_pc_trainer_export(t, prune, &m) < 0) return -1;
  if (verbose)
    fprintf(stderr, "  %s weights: %u features, %u weights kept\n", what, m.nfeat, m.nentries);
  int rc = prc_pc_model_write(&m, out);
  prc_pc_model_free(&m);
  return rc;
}

/* A lexicon of the POS tagger (its word clusters, its tag dictionary) as a
 * section of the parser model, sorted by key. */
typedef struct kv {
  uint64_t k;
  uint32_t v;
} kv;
static int kv_cmp(const void *a, const void *b) {
  uint64_t x = ((const kv *)a)->k, y = ((const kv *)b)->k;
  return x < y ? -1 : x > y;
}

/* A lexicon of the POS tagger (its word clusters, its tag dictionary) as a
 * section of the parser model, sorted by key (so the file does not depend on
 * the table's layout); values masked with mask. */
static void write_lexicon(model_writer *w, const model_lex *cl, const char *tag, uint32_t mask) {
  if (!cl->e) return;
  size_t cnt = 0;
  for (uint32_t i = 0; i <= cl->mask; i++) cnt += cl->e[i].key != 0;
  kv *e = prc_tr_xrealloc(NULL, cnt * sizeof *e);
  size_t j = 0;
  for (uint32_t i = 0; i <= cl->mask; i++)
    if (cl->e[i].key) {
      e[j].k = cl->e[i].key;
      e[j++].v = cl->e[i].val & mask;
    }
  qsort(e, cnt, sizeof *e, kv_cmp);
  uint64_t *k = prc_tr_xrealloc(NULL, cnt * sizeof *k);
  uint32_t *v = prc_tr_xrealloc(NULL, cnt * sizeof *v);
  for (size_t q = 0; q < cnt; q++) {
    k[q] = e[q].k;
    v[q] = e[q].v;
  }
  prc_model_lex_write(prc_model_writer_section(w, tag), k, v, cnt);
  free(e);
  free(k);
  free(v);
}

int prc_parser_train(const parser_train_opts *o, parser_eval *dev, precis_error *err) {
  int rc = -1;
  const tagger *pos = o->pos ? o->pos : prc_tagger_builtin(TAGGER_POS, err);
  if (!pos) return -1;
  ud_corpus tr, dv;
  if (prc_ud_read(o->train_path, &tr, err) < 0) return -1;
  if (prc_ud_read(o->dev_path, &dv, err) < 0) {
    prc_ud_free(&tr);
    return -1;
  }
  double t0 = prc_tr_wall_seconds();
  /* the original trees (the punctuation model learns from them) */
  int32_t *ohead = prc_tr_xrealloc(NULL, tr.ntok * sizeof *ohead);
  uint8_t *orel = prc_tr_xrealloc(NULL, tr.ntok);
  memcpy(ohead, tr.head, tr.ntok * sizeof *ohead);
  for (size_t i = 0; i < tr.ntok; i++) orel[i] = (uint8_t)prc_dep_id(tr.labels[tr.rel[i]], strlen(tr.labels[tr.rel[i]]));
  /* projectivize the training trees */
  size_t nonproj = 0, nlifted = 0;
  for (size_t s = 0; s < tr.nsent; s++) {
    size_t b = tr.sent[s], n = tr.sent[s + 1] - b;
    if (prc_ps_is_projective(tr.head + b, n)) continue;
    nonproj++;
    int l = prc_ps_projectivize(&tr, tr.head + b, tr.rel + b, n);
    if (l < 0) {
      prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s: too many lifted labels", o->train_path);
      goto fail;
    }
    nlifted += (size_t)l;
  }
  { /* how often lowering gives back the original tree (verbose report) */
    size_t exact = 0, maxn0 = 0;
    for (size_t s = 0; s < tr.nsent; s++)
      if (tr.sent[s + 1] - tr.sent[s] > maxn0) maxn0 = tr.sent[s + 1] - tr.sent[s];
    int32_t *h = prc_tr_xrealloc(NULL, (maxn0 + 1) * sizeof *h), *work = prc_tr_xrealloc(NULL, (2 * maxn0 + 2) * sizeof *work);
    uint8_t *dep = prc_tr_xrealloc(NULL, maxn0 + 1), *lift = prc_tr_xrealloc(NULL, maxn0 + 1);
    for (size_t s = 0; s < tr.nsent && nonproj; s++) {
      size_t b = tr.sent[s], n = tr.sent[s + 1] - b;
      if (!memcmp(tr.head + b, ohead + b, n * sizeof *h)) continue;
      memcpy(h, tr.head + b, n * sizeof *h);
      for (size_t i = 0; i < n; i++) {
        const char *l = tr.labels[tr.rel[b + i]], *sep = strstr(l, PS_LIFT_SEP);
        dep[i] = (uint8_t)prc_dep_id(l, sep ? (size_t)(sep - l) : strlen(l));
        lift[i] = sep ? (uint8_t)prc_dep_id(sep + 2, strlen(sep + 2)) : 0;
      }
      prc_ps_lower(n, h, dep, lift, work);
      exact += !memcmp(h, ohead + b, n * sizeof *h);
    }
    if (o->verbose)
      fprintf(stderr, "parse: lifting round trip: %zu of %zu non-projective trees restored exactly\n", exact, nonproj);
    free(h);
    free(work);
    free(dep);
    free(lift);
  }
  /* model labels: every plain relation, and lifted labels seen at least twice
   * (a rarer lifted label is trained as its plain relation) */
  label_map lm;
  memset(&lm, 0, sizeof lm);
  lm.of_corpus = prc_tr_xrealloc(NULL, (size_t)tr.nlabels * sizeof *lm.of_corpus);
  {
    size_t *cnt = calloc((size_t)tr.nlabels, sizeof *cnt);
    if (!cnt) prc_tr_die_oom();
    for (size_t i = 0; i < tr.ntok; i++) cnt[tr.rel[i]]++;
    /* plain labels first, in name order; then lifted ones, in name order */
    for (int pass = 0; pass < 2; pass++) {
      int start = lm.n;
      for (int i = 0; i < tr.nlabels; i++) {
        int lifted = strstr(tr.labels[i], PS_LIFT_SEP) != NULL;
        if (lifted != pass || (lifted && cnt[i] < LIFT_MIN) || !cnt[i]) continue;
        if (lm.n >= PS_MAX_LABELS) break;
        int q = lm.n++;
        while (q > start && strcmp(tr.labels[lm.to_corpus[q - 1]], tr.labels[i]) > 0) {
          lm.to_corpus[q] = lm.to_corpus[q - 1];
          q--;
        }
        lm.to_corpus[q] = i;
      }
    }
    free(cnt);
  }
  for (int i = 0; i < tr.nlabels; i++) lm.of_corpus[i] = -1;
  for (int k = 0; k < lm.n; k++) lm.of_corpus[lm.to_corpus[k]] = (int16_t)k;
  for (int k = 0; k < lm.n; k++) {
    const char *s = tr.labels[lm.to_corpus[k]], *sep = strstr(s, PS_LIFT_SEP);
    lm.dep_of[k] = (uint8_t)prc_dep_id(s, sep ? (size_t)(sep - s) : strlen(s));
  }
  lm.root = -1;
  for (int k = 0; k < lm.n; k++)
    if (!strcmp(tr.labels[lm.to_corpus[k]], "root")) lm.root = k;
  if (lm.root < 0) {
    prc_error_set(err, PRECIS_ERROR_CORPUS, PRECIS_NO_OFFSET, "%s: no \"root\" relation", o->train_path);
    free(lm.of_corpus);
    goto fail;
  }
  /* model label of every training token (a rare lifted label -> its plain relation) */
  int16_t *mrel = prc_tr_xrealloc(NULL, tr.ntok * sizeof *mrel);
  for (size_t i = 0; i < tr.ntok; i++) {
    int16_t m = lm.of_corpus[tr.rel[i]];
    if (m < 0) {
      const char *s = tr.labels[tr.rel[i]], *sep = strstr(s, PS_LIFT_SEP);
      char plain[256];
      snprintf(plain, sizeof plain, "%.*s", (int)(sep ? (size_t)(sep - s) : strlen(s)), s);
      for (int k = 0; k < lm.n; k++)
        if (!strcmp(tr.labels[lm.to_corpus[k]], plain)) m = (int16_t)k;
    }
    mrel[i] = m;
  }
  /* predicted POS tags for training (the parser sees predicted tags at run time) */
  uint8_t *ptags = prc_tr_xrealloc(NULL, tr.ntok);
  if (o->jackknife > 1) {
    if (jackknife_tags(o, &tr, o->jackknife, ptags, err) < 0) {
      free(ptags);
      free(mrel);
      free(lm.of_corpus);
      goto fail;
    }
  } else {
    tag_corpus(pos, &tr, ptags);
  }
  size_t ptag_ok = 0;
  for (size_t i = 0; i < tr.ntok; i++) ptag_ok += ptags[i] == tr.upos[i];
  if (o->verbose)
    fprintf(stderr, "parse: %zu sentences, %zu tokens; %zu non-projective trees (%zu arcs lifted); "
            "%d labels; training tags %.2f%% right\n",
            tr.nsent, tr.ntok, nonproj, nlifted, lm.n, 100.0 * (double)ptag_ok / (double)tr.ntok);

  size_t maxn = 0;
  for (size_t s = 0; s < tr.nsent; s++)
    if (tr.sent[s + 1] - tr.sent[s] > maxn) maxn = tr.sent[s + 1] - tr.sent[s];
  void *scratch = prc_tr_xrealloc(NULL, prc_ps_scratch_size(maxn) + 64);
  tag_token *tt = prc_tr_xrealloc(NULL, (maxn + 1) * sizeof *tt);
  int32_t *gh = prc_tr_xrealloc(NULL, (maxn + 1) * sizeof *gh);
  uint8_t *onstack = prc_tr_xrealloc(NULL, maxn + 2);
  /* Several training runs (seeds seed, seed + 1000003, ...: other sentence
   * orders and explorations), their averaged weights averaged into one
   * model: an ensemble at the run-time cost of one model. */
  int nruns = o->runs > 0 ? o->runs : PARSE_RUNS;
  uint64_t seed = o->seed ? o->seed : 1;
  int epochs = o->epochs > 0 ? o->epochs : PARSE_EPOCHS;
  uint32_t *order = prc_tr_xrealloc(NULL, tr.nsent * sizeof *order);
  pc_trainer *sum_act = NULL, *sum_lab = NULL;
  if (nruns > 1) {
    sum_act = prc_pc_trainer_new(PS_NACTIONS);
    sum_lab = prc_pc_trainer_new(lm.n);
    if (!sum_act || !sum_lab) prc_tr_die_oom();
  }
  trainer_ctx tc;
  for (int run = 0; run < nruns; run++) {
    if (o->verbose && nruns > 1) fprintf(stderr, "  run %d/%d\n", run + 1, nruns);
    memset(&tc, 0, sizeof tc);
    tc.act = prc_pc_trainer_new(PS_NACTIONS);
    tc.lab = prc_pc_trainer_new(lm.n);
    if (!tc.act || !tc.lab) prc_tr_die_oom();
    tc.lm = &lm;
    prc_pc_rng_seed(&tc.rng, seed + (uint64_t)run * 1000003u);
    for (size_t s = 0; s < tr.nsent; s++) order[s] = (uint32_t)s;
    for (int ep = 0; ep < epochs; ep++) {
      prc_pc_shuffle(&tc.rng, order, tr.nsent);
      tc.explore = ep >= EXPLORE_FROM;
      tc.steps = tc.errors = 0;
      for (size_t q = 0; q < tr.nsent; q++) {
        size_t s = order[q], b = tr.sent[s], n = tr.sent[s + 1] - b;
        tokens_of(&tr, b, n, tt);
        train_sentence(&tc, tt, ptags + b, n, tr.head + b, mrel + b, &pos->clus, &pos->dict, scratch, gh, onstack);
      }
      if (o->verbose)
        fprintf(stderr, "  epoch %d: %.2f%% of decisions wrong, %zu + %zu features, %.0fs\n", ep + 1,
                100.0 * (double)tc.errors / (double)(tc.steps ? tc.steps : 1),
                prc_pc_trainer_nfeatures(tc.act), prc_pc_trainer_nfeatures(tc.lab), prc_tr_wall_seconds() - t0);
    }
    if (nruns > 1) {
      prc_pc_trainer_accumulate(sum_act, tc.act, 1.0f / (float)nruns);
      prc_pc_trainer_accumulate(sum_lab, tc.lab, 1.0f / (float)nruns);
      prc_pc_trainer_free(tc.act);
      prc_pc_trainer_free(tc.lab);
      tc.act = sum_act;
      tc.lab = sum_lab;
    }
  }

  /* the model file */
  model_writer w;
  prc_model_writer_init(&w, PRC_PARSER_FEATSET);
  {
    const char *names[PS_MAX_LABELS];
    for (int k = 0; k < lm.n; k++) names[k] = tr.labels[lm.to_corpus[k]];
    prc_model_writer_labels(&w, names, lm.n);
  }
  float prune = o->prune > 0 ? o->prune : PARSE_PRUNE;
  if (export_pc(tc.act, prune, prc_model_writer_section(&w, "WGHT"), o->verbose, "action") < 0 ||
      export_pc(tc.lab, prune, prc_model_writer_section(&w, "WLAB"), o->verbose, "label") < 0)
    prc_tr_die_oom();
  write_lexicon(&w, &pos->clus, "CLUS", 0xffffffffu);
  write_lexicon(&w, &pos->dict, "DICT", 0x1ffffu);
  prc_pc_trainer_free(tc.act);
  prc_pc_trainer_free(tc.lab);
  /* score the model as it will be shipped */
  pc_buf file = {0};
  if (prc_model_writer_finish(&w, &file) < 0) prc_tr_die_oom();
  parser *p = prc_parser_load_memory(file.p, file.n, err);
  free(file.p);
  if (!p) {
    prc_model_writer_free(&w);
    goto fail2;
  }
  parser_eval ev;
  prc_parser_eval_corpus(p, pos, &dv, 1, &ev, NULL, NULL);
  if (dev) *dev = ev;
  prc_parser_free(p);
  char date[32], note[2048], jk[96];
  if (o->jackknife > 1) snprintf(jk, sizeof jk, "jackknifed (%d folds, POS taggers trained on the other folds)", o->jackknife);
  else snprintf(jk, sizeof jk, "from the POS model");
  prc_tr_today(date, sizeof date);
  snprintf(note, sizeof note,
           "kind: parse (Universal Dependencies, arc-hybrid)\n"
           "data: Universal Dependencies English Web Treebank (%s)\n"
           "licence: CC BY-SA 4.0 (UD English EWT)\n"
           "date: %s\n"
           "dev: UAS %.4f LAS %.4f (predicted UPOS, punctuation included) on %s (%zu tokens)\n"
           "epochs: %d\nruns: %d\nseed: %llu\n"
           "features: greedy arc-hybrid, dynamic oracle with exploration, pseudo-projective "
           "lifting, factored action/label averaged perceptrons over hashed word/UPOS/cluster "
           "configuration features; training tags %s\n",
           prc_tr_base_name(o->train_path), date, ev.n ? (double)ev.uas / (double)ev.n : 0,
           ev.n ? (double)ev.las / (double)ev.n : 0, prc_tr_base_name(o->dev_path), ev.n, epochs,
           nruns, (unsigned long long)seed, jk);
  prc_pc_buf_put(prc_model_writer_section(&w, "NOTE"), note, strlen(note));
  rc = prc_model_writer_save(&w, o->out_path, err);
  prc_model_writer_free(&w);
fail2:
  free(order);
  free(scratch);
  free(tt);
  free(gh);
  free(onstack);
  free(ptags);
  free(mrel);
  free(lm.of_corpus);
fail:
  free(ohead);
  free(orel);
  prc_ud_free(&tr);
  prc_ud_free(&dv);
  return rc;
}

/* ---- evaluation ----------------------------------------------------------------------------- */

int prc_parser_eval_corpus(const parser *p, const tagger *pos, const ud_corpus *c, int repeat,
                           parser_eval *ev, int32_t *pred_head, uint8_t *pred_rel) {
  memset(ev, 0, sizeof *ev);
  int gold_tags = pos == PRC_PARSER_GOLD_TAGS;
  if (gold_tags) pos = NULL;
  else if (!pos) pos = prc_tagger_builtin(TAGGER_POS, NULL);
  size_t maxn = 0;
  for (size_t s = 0; s < c->nsent; s++)
    if (c->sent[s + 1] - c->sent[s] > maxn) maxn = c->sent[s + 1] - c->sent[s];
  uint8_t *tags = prc_tr_xrealloc(NULL, c->ntok);
  tag_corpus(pos, c, tags);
  if (gold_tags) memcpy(tags, c->upos, c->ntok); /* analysis only */
  tag_token *tt = prc_tr_xrealloc(NULL, c->ntok * sizeof *tt);
  tokens_of(c, 0, c->ntok, tt);
  void *scratch = prc_tr_xrealloc(NULL, prc_parser_scratch_size(maxn) + 64);
  int32_t *head = prc_tr_xrealloc(NULL, c->ntok * sizeof *head);
  uint8_t *rel = prc_tr_xrealloc(NULL, c->ntok);
  double best = -1;
  if (repeat < 1) repeat = 1;
  for (int r = 0; r < repeat; r++) {
    double t0 = prc_tr_cpu_seconds();
    for (size_t s = 0; s < c->nsent; s++) {
      size_t b = c->sent[s], n = c->sent[s + 1] - b;
      prc_parser_parse(p, tt + b, tags + b, n, scratch, head + b, rel + b);
    }
    double t = prc_tr_cpu_seconds() - t0;
    if (best < 0 || t < best) best = t;
  }
  ev->seconds = best;
  ev->nsent = c->nsent;
  int16_t gold_id[1024];
  for (int i = 0; i < c->nlabels; i++) gold_id[i] = (int16_t)prc_dep_id(c->labels[i], strlen(c->labels[i]));
  for (size_t i = 0; i < c->ntok; i++) {
    ev->n++;
    if (head[i] != c->head[i]) continue;
    ev->uas++;
    int g = gold_id[c->rel[i]];
    ev->las += prc_dep_base(g) == prc_dep_base(rel[i]);
    ev->las_full += g == rel[i];
  }
  if (pred_head) memcpy(pred_head, head, c->ntok * sizeof *head);
  if (pred_rel) memcpy(pred_rel, rel, c->ntok);
  free(tags);
  free(tt);
  free(scratch);
  free(head);
  free(rel);
  return 0;
}

int prc_parser_eval(const parser *p, const tagger *pos, const char *path, int repeat, parser_eval *ev,
                    precis_error *err) {
  ud_corpus c;
  if (prc_ud_read(path, &c, err) < 0) return -1;
  prc_parser_eval_corpus(p, pos, &c, repeat, ev, NULL, NULL);
  prc_ud_free(&c);
  return 0;
}
