/* precis web page: sends the article to POST /v1/analyze and shows the
 * result.  Spans in the JSON count Unicode code points of "text" (the
 * analysed text, asked for with "with_text"), so the text is split with
 * Array.from, never indexed as UTF-16.  No framework, nothing from elsewhere. */
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const NCOLOURS = 8;
  let lastJSON = null;

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const k of kids) if (k !== null && k !== undefined) e.append(k);
    return e;
  }

  function looksLikeHtml(s) {
    const head = s.slice(0, 4000);
    return /^\s*<(!doctype\s+html|html|head|body|article|main|div|p|section|h1|meta)[\s>]/i.test(head) ||
      /<\/(p|div|article|body|html)>/i.test(s.slice(0, 50000));
  }

  function setStatus(msg) { $('status').textContent = msg; }
  function showError(msg) {
    const e = $('error');
    e.textContent = msg;
    e.hidden = !msg;
  }

  /* ---- colours by speaker ---- */
  function speakerKey(q) { return q.speaker || ''; }
  function assignColours(quotes) {
    const counts = new Map();
    for (const q of quotes) {
      const k = speakerKey(q);
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const named = [...counts.keys()].filter((k) => k !== '');
    // most quoted first; the first mention breaks ties (Map keeps insertion order)
    named.sort((a, b) => counts.get(b) - counts.get(a));
    const cls = new Map();
    named.forEach((k, i) => cls.set(k, 's' + (i % NCOLOURS)));
    cls.set('', 'sn');
    return { cls, counts, order: named.concat(counts.has('') ? [''] : []) };
  }

  function describe(q) {
    const parts = [];
    parts.push(['Speaker', q.speaker || 'unresolved']);
    if (q.source) parts.push(['Source', q.source.text]);
    parts.push(['Cue', q.cue ? q.cue.text : 'none (continues the previous speaker)']);
    parts.push(['Kind', q.kind]);
    return parts;
  }

  /* ---- the article with its quotations ---- */
  function renderText(data, colours) {
    const box = $('text');
    box.replaceChildren();
    const cps = Array.from(data.text || '');
    const n = cps.length;
    const clamp = (x) => Math.max(0, Math.min(n, x | 0));
    const marks = [];
    const lastEnd = new Map(); // quote index -> end of its last content piece
    data.quotes.forEach((q, i) => {
      (q.content || []).forEach((c, k) => {
        marks.push({ s: clamp(c.span[0]), e: clamp(c.span[1]), t: 'content', q: i, k });
        lastEnd.set(i, Math.max(lastEnd.get(i) || 0, clamp(c.span[1])));
      });
      if (q.source && q.source.span) marks.push({ s: clamp(q.source.span[0]), e: clamp(q.source.span[1]), t: 'source', q: i });
      if (q.cue && q.cue.span) marks.push({ s: clamp(q.cue.span[0]), e: clamp(q.cue.span[1]), t: 'cue', q: i });
    });
    const cuts = new Set([0, n]);
    for (const m of marks) { cuts.add(m.s); cuts.add(m.e); }
    const pts = [...cuts].sort((a, b) => a - b);
    const descs = el('div', { hidden: true, id: 'quote-descriptions' });
    data.quotes.forEach((q, i) => {
      descs.append(el('span', { id: 'qd-' + i, text: 'Quotation ' + (i + 1) + '. ' + describe(q).map(([k, v]) => k + ': ' + v).join('; ') + '.' }));
    });
    const frag = document.createDocumentFragment();
    const begun = new Set();
    // a sweep over the cut points: the marks that cover each piece of text
    const byStart = marks.filter((m) => m.s < m.e).sort((x, y) => x.s - y.s);
    const endsAt = new Map(); // position -> quotations whose last piece ends there
    for (const [qi, e] of lastEnd) {
      if (!endsAt.has(e)) endsAt.set(e, []);
      endsAt.get(e).push(qi);
    }
    let active = [];
    let mi = 0;
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i], b = pts[i + 1];
      if (a >= b) continue;
      active = active.filter((m) => m.e > a);
      while (mi < byStart.length && byStart[mi].s <= a) {
        if (byStart[mi].e > a) active.push(byStart[mi]);
        mi++;
      }
      const cover = active; // every mark with s <= a < b <= e
      let node = document.createTextNode(cps.slice(a, b).join(''));
      const role = cover.find((m) => m.t === 'source') || cover.find((m) => m.t === 'cue');
      if (role) {
        node = el('span', { class: role.t === 'source' ? 'src' : 'cue', 'data-quote': role.q, 'data-role': role.t }, node);
      }
      let content = null;
      for (const m of cover) if (m.t === 'content' && (!content || m.s >= content.s)) content = m;
      if (content) {
        const q = data.quotes[content.q];
        const key = content.q + ':' + content.k;
        const mark = el('mark', {
          class: 'q ' + colours.cls.get(speakerKey(q)),
          'data-quote': content.q,
          'data-piece': content.k,
          'data-speaker': q.speaker || '',
          'data-kind': q.kind,
          'aria-describedby': 'qd-' + content.q,
          tabindex: begun.has(key) ? null : 0,
        }, node);
        if (!begun.has(key)) mark.dataset.first = '1';
        begun.add(key);
        node = mark;
      }
      frag.append(node);
      // after the last piece of a quotation: its speaker, readable without hovering
      for (const qi of endsAt.get(b) || []) {
        if (!cover.some((m) => m.t === 'content' && m.q === qi)) continue;
        const q = data.quotes[qi];
        frag.append(q.speaker
          ? el('span', { class: 'badge ' + colours.cls.get(speakerKey(q)), 'data-quote': qi },
            el('span', { class: 'sr-only', text: 'said by ' }), q.speaker)
          : el('span', { class: 'badge sn', 'data-quote': qi, title: 'speaker unresolved' },
            el('span', { class: 'sr-only', text: 'speaker unresolved ' }), el('span', { 'aria-hidden': 'true', text: '?' })));
      }
    }
    box.append(frag, descs);
  }

  /* ---- tooltip (hover and keyboard focus) ---- */
  function showTip(mark) {
    const i = +mark.dataset.quote;
    if (!lastJSON || !lastJSON.quotes[i]) return;
    const tip = $('tip');
    tip.replaceChildren();
    describe(lastJSON.quotes[i]).forEach(([k, v], j) => {
      if (j) tip.append(el('br'));
      tip.append(el('b', { text: k + ': ' }), v);
    });
    tip.hidden = false;
    const card = tip.parentElement.getBoundingClientRect();
    const r = mark.getBoundingClientRect();
    let left = r.left - card.left;
    const maxLeft = card.width - Math.min(tip.offsetWidth, card.width) - 8;
    tip.style.left = Math.max(8, Math.min(left, maxLeft)) + 'px';
    tip.style.top = (r.bottom - card.top + 6) + 'px';
  }
  function hideTip() { $('tip').hidden = true; }

  /* ---- lists ---- */
  function renderLists(data, colours) {
    const kp = $('keypoints');
    kp.replaceChildren();
    for (const k of data.keypoints) {
      const li = el('li', {}, k.claim);
      if (k.speaker) li.append(': ', el('span', { class: 'who', text: k.speaker }));
      else if (k.text !== k.claim) { li.replaceChildren(k.text); }
      kp.append(li);
    }
    if (!data.keypoints.length) kp.append(el('li', { text: 'No key points (too little text).' }));

    const sp = $('speakers');
    sp.replaceChildren();
    for (const key of colours.order) {
      const c = colours.counts.get(key);
      const ent = data.quotes.find((q) => speakerKey(q) === key && q.entity >= 0);
      const title = ent && data.entities[ent.entity] ? data.entities[ent.entity].title : null;
      sp.append(el('li', { 'data-speaker': key },
        el('span', { class: 'swatch ' + colours.cls.get(key), 'aria-hidden': 'true' }),
        el('span', {}, key || 'Unresolved', title ? el('span', { class: 'kind', text: ' (' + title + ')' }) : null),
        ' ', el('span', { class: 'count', text: c + (c === 1 ? ' quotation' : ' quotations') })));
    }
    if (!colours.order.length) sp.append(el('li', { text: 'No quotations found.' }));

    const en = $('entities');
    en.replaceChildren();
    const ents = data.entities.slice().sort((a, b) => b.mentions.length - a.mentions.length);
    for (const e of ents) {
      en.append(el('li', {}, el('strong', { text: e.name }), ' ',
        el('span', { class: 'kind', text: e.type + (e.title ? ', ' + e.title : '') + ' · ' +
          e.mentions.length + (e.mentions.length === 1 ? ' mention' : ' mentions') })));
    }
    if (!ents.length) en.append(el('li', { text: 'No names found.' }));

    const fg = $('figures');
    fg.replaceChildren();
    for (const f of data.figures) {
      const val = typeof f.value === 'number' ? f.value.toLocaleString('en') : f.value;
      fg.append(el('li', {}, el('strong', { text: f.text }), ' ',
        el('span', { class: 'kind', text: f.kind + ': ' + val + (f.unit ? ' ' + f.unit : '') })));
    }
    if (!data.figures.length) fg.append(el('li', { text: 'No figures found.' }));
  }

  function render(data) {
    lastJSON = data;
    const colours = assignColours(data.quotes);
    renderLists(data, colours);
    renderText(data, colours);
    $('json').textContent = JSON.stringify(data, null, 2);
    $('results').hidden = false;
    const nsp = colours.order.filter((k) => k !== '').length;
    setStatus('Done: ' + data.keypoints.length + ' key points, ' + data.quotes.length + ' quotations from ' +
      nsp + (nsp === 1 ? ' speaker' : ' speakers') + ', ' + data.entities.length + ' names, ' +
      data.figures.length + ' figures.');
  }

  async function analyse(ev) {
    ev.preventDefault();
    showError('');
    const text = $('article').value;
    if (!text.trim()) {
      showError('Paste an article first.');
      $('article').focus();
      return;
    }
    const kind = $('kind').value === 'auto' ? (looksLikeHtml(text) ? 'html' : 'text') : $('kind').value;
    const body = { with_text: true };
    body[kind] = text;
    const max = parseInt($('max').value, 10);
    if (max > 0) body.max_keypoints = max;
    const btn = $('analyse');
    btn.disabled = true;
    setStatus('Analysing…');
    try {
      const r = await fetch('/v1/analyze', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(body),
      });
      const data = await r.json().catch(() => null);
      if (!r.ok || !data) throw new Error((data && data.error) || 'HTTP ' + r.status);
      if (typeof data.text !== 'string') data.text = kind === 'text' ? text : '';
      render(data);
    } catch (e) {
      setStatus('');
      showError('The analysis failed: ' + e.message);
    } finally {
      btn.disabled = false;
    }
  }

  async function loadFile(file) {
    if (!file) return;
    const t = await file.text();
    $('article').value = t;
    $('kind').value = /\.html?$/i.test(file.name) || file.type === 'text/html' ? 'html' : 'auto';
    setStatus('Loaded ' + file.name + ' (' + t.length.toLocaleString('en') + ' characters). Press Analyse.');
  }

  async function copyJSON() {
    if (!lastJSON) return;
    const s = JSON.stringify(lastJSON, null, 2);
    try {
      await navigator.clipboard.writeText(s);
      setStatus('JSON copied to the clipboard.');
    } catch (e) {
      const ta = el('textarea', { 'aria-hidden': 'true' });
      ta.value = s;
      document.body.append(ta);
      ta.select();
      const ok = document.execCommand && document.execCommand('copy');
      ta.remove();
      setStatus(ok ? 'JSON copied to the clipboard.' : 'Copying failed: select the JSON below and copy it.');
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('form').addEventListener('submit', analyse);
    $('article').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('form').requestSubmit();
    });
    $('file').addEventListener('change', (e) => loadFile(e.target.files[0]));
    const ta = $('article');
    ta.addEventListener('dragover', (e) => { e.preventDefault(); ta.classList.add('dragging'); });
    ta.addEventListener('dragleave', () => ta.classList.remove('dragging'));
    ta.addEventListener('drop', (e) => {
      ta.classList.remove('dragging');
      if (e.dataTransfer && e.dataTransfer.files.length) {
        e.preventDefault();
        loadFile(e.dataTransfer.files[0]);
      }
    });
    $('copy').addEventListener('click', copyJSON);
    const text = $('text');
    text.addEventListener('mouseover', (e) => { const m = e.target.closest('mark.q'); if (m) showTip(m); });
    text.addEventListener('mouseout', (e) => { if (e.target.closest('mark.q')) hideTip(); });
    text.addEventListener('focusin', (e) => { const m = e.target.closest('mark.q'); if (m) showTip(m); });
    text.addEventListener('focusout', hideTip);
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hideTip(); });
    fetch('/v1/version').then((r) => r.json()).then((v) => { $('version').textContent = v.version; }).catch(() => {});
  });
})();
