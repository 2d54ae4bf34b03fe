// Pure helpers that turn Unicode code-point offsets (as the engine and the API
// give them) into a tree of highlight spans over a JavaScript (UTF-16) string.
// No DOM here: article.js renders the tree, tests/highlight.test.mjs tests it.

// Maps code-point offsets of `text` to UTF-16 indices. cp[i] is the UTF-16
// index where code point i starts; cp[length] === text.length.
export function codePointMap(text) {
  const map = [0];
  let u = 0;
  for (const ch of text) {
    u += ch.length; // 1 for BMP characters, 2 for astral (surrogate pairs)
    map.push(u);
  }
  return map;
}

export function codePointLength(text) {
  let n = 0;
  for (const _ of text) n++; // eslint-disable-line no-unused-vars
  return n;
}

// text.slice by code points, end exclusive. Out-of-range offsets are clamped.
export function sliceCp(text, start, end, map = codePointMap(text)) {
  const n = map.length - 1;
  const s = clamp(start, 0, n);
  const e = clamp(end, s, n);
  return text.slice(map[s], map[e]);
}

function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}

function validOffset(v) {
  return typeof v === 'number' && Number.isFinite(v) && Math.floor(v) === v;
}

// Groups spans with the same [start, end) into one: their classes and items are
// merged, attributes of the higher-priority span win.
function mergeIdentical(spans, n) {
  const groups = new Map();
  for (const sp of spans) {
    if (!sp || !validOffset(sp.start) || !validOffset(sp.end)) continue;
    const start = clamp(sp.start, 0, n);
    const end = clamp(sp.end, 0, n);
    if (end <= start) continue;
    const key = `${start}:${end}`;
    const prio = sp.priority ?? 0;
    let g = groups.get(key);
    if (!g) {
      g = { start, end, priority: prio, classes: [], attrs: {}, items: [] };
      groups.set(key, g);
    }
    for (const c of sp.classes ?? (sp.kind ? [`hl-${sp.kind}`] : [])) {
      if (!g.classes.includes(c)) g.classes.push(c);
    }
    const attrs = sp.attrs ?? {};
    if (prio >= g.priority) g.attrs = { ...g.attrs, ...attrs };
    else g.attrs = { ...attrs, ...g.attrs };
    g.priority = Math.max(g.priority, prio);
    g.items.push(sp);
  }
  return [...groups.values()];
}

function makeNode(group, start, end, fragment) {
  return {
    type: 'span',
    start,
    end,
    classes: group.classes,
    attrs: group.attrs,
    items: group.items,
    fragment,
    children: [],
  };
}

// Inserts [s, e) of `group` under `parent`, whose children are sorted and
// disjoint. Where it crosses an existing span, it is split at that span's edges,
// so that spans inserted earlier (higher priority) always stay whole.
function insertRange(parent, s, e, group, fragment) {
  const kids = parent.children;
  const overlapping = kids.filter((c) => c.start < e && c.end > s);
  const container = overlapping.find((c) => c.start <= s && e <= c.end);
  if (container) {
    if (container.start === s && container.end === e) {
      // Same range as a fragment of an earlier span: nest inside it.
      const node = makeNode(group, s, e, fragment);
      node.children = container.children;
      container.children = [node];
      return;
    }
    insertRange(container, s, e, group, fragment);
    return;
  }
  const crossing = overlapping.filter((c) => c.start < s || c.end > e);
  if (crossing.length === 0) {
    const node = makeNode(group, s, e, fragment);
    node.children = overlapping;
    const rest = kids.filter((c) => !(c.start < e && c.end > s));
    rest.push(node);
    rest.sort((a, b) => a.start - b.start);
    parent.children = rest;
    return;
  }
  const cuts = new Set([s, e]);
  for (const c of crossing) {
    if (c.start > s && c.start < e) cuts.add(c.start);
    if (c.end > s && c.end < e) cuts.add(c.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    insertRange(parent, points[i], points[i + 1], group, true);
  }
}

// Builds the highlight tree. spans: [{start, end, kind?, classes?, attrs?,
// priority?}] in code points. Returns {type:'root', start, end, children}
// where each span node has sorted, disjoint children, and text between them is
// implicit (see segments()).
export function buildHighlightTree(text, spans) {
  const n = codePointLength(text);
  const groups = mergeIdentical(spans ?? [], n);
  groups.sort(
    (a, b) =>
      b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const root = { type: 'root', start: 0, end: n, children: [] };
  for (const g of groups) insertRange(root, g.start, g.end, g, false);
  return root;
}

// Expands a tree node into its content: a list of {type:'text', text, start,
// end} and span nodes (with .content expanded recursively).
export function segments(text, node, map = codePointMap(text)) {
  const out = [];
  let pos = node.start;
  for (const c of node.children) {
    if (c.start > pos) out.push({ type: 'text', start: pos, end: c.start, text: sliceCp(text, pos, c.start, map) });
    out.push({ ...c, text: sliceCp(text, c.start, c.end, map), content: segments(text, c, map) });
    pos = c.end;
  }
  if (pos < node.end) out.push({ type: 'text', start: pos, end: node.end, text: sliceCp(text, pos, node.end, map) });
  return out;
}

// One call: text + spans -> expanded segments of the whole text.
export function highlight(text, spans) {
  const map = codePointMap(text);
  return segments(text, buildHighlightTree(text, spans), map);
}

export function escapeHtml(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// Serialises segments to HTML (used by tests and available to callers that
// prefer innerHTML). Attribute names are restricted to safe characters.
export function segmentsToHtml(segs) {
  let html = '';
  for (const s of segs) {
    if (s.type === 'text') {
      html += escapeHtml(s.text);
      continue;
    }
    let open = '<mark';
    if (s.classes.length) open += ` class="${escapeHtml(s.classes.join(' '))}"`;
    for (const [k, v] of Object.entries(s.attrs ?? {})) {
      if (!/^[a-z][a-z0-9-]*$/.test(k) || v == null) continue;
      open += ` ${k}="${escapeHtml(v)}"`;
    }
    html += `${open}>${segmentsToHtml(s.content)}</mark>`;
  }
  return html;
}

// Turns an API document + selected event into highlight spans: every mention in
// its kind's colour, the selected event's sentence, trigger, source and target
// emphasised (these get the highest priority so they are never split).
export function documentSpans(doc, event) {
  const spans = [];
  const textLen = codePointLength(doc?.text ?? '');
  for (const m of doc?.mentions ?? []) {
    const kind = ['actor', 'place', 'date', 'trigger', 'entity'].includes(m.kind) ? m.kind : 'entity';
    const attrs = { 'data-kind': kind };
    if (m.code) attrs['data-code'] = m.code;
    spans.push({ start: m.start, end: m.end, classes: [`hl-${kind}`], attrs, priority: 1 });
  }
  if (event) {
    const sent = doc?.sentences?.[event.sentence_index];
    if (sent && validOffset(sent.start) && validOffset(sent.end)) {
      spans.push({ start: sent.start, end: sent.end, classes: ['hl-sentence'], attrs: {}, priority: 0 });
    }
    const roles = [
      ['source', event.source, 'hl-source'],
      ['target', event.target, 'hl-target'],
      ['trigger', event.trigger, 'hl-trigger'],
    ];
    for (const [role, span, testid] of roles) {
      if (!span || !validOffset(span.start) || !validOffset(span.end)) continue;
      if (span.end > textLen) continue;
      spans.push({
        start: span.start,
        end: span.end,
        classes: ['hl-selected', `hl-sel-${role}`],
        attrs: { 'data-testid': testid, 'data-role': role },
        priority: role === 'trigger' ? 12 : 10,
      });
    }
  }
  return spans;
}
