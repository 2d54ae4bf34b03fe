// Unit tests of the pure highlight helpers: node --test web/tests/*.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  codePointMap,
  codePointLength,
  sliceCp,
  buildHighlightTree,
  highlight,
  segmentsToHtml,
  documentSpans,
} from '../src/highlight.js';

// Collects the text of every span segment carrying `cls`, in order.
function spansWith(segs, cls, out = []) {
  for (const s of segs) {
    if (s.type !== 'span') continue;
    if (s.classes.includes(cls)) out.push(s.text);
    spansWith(s.content, cls, out);
  }
  return out;
}

function flatText(segs) {
  return segs.map((s) => (s.type === 'text' ? s.text : flatText(s.content))).join('');
}

test('code-point map: BMP Arabic is one unit per code point', () => {
  const s = 'قالت روسيا';
  assert.equal(codePointLength(s), s.length);
  assert.deepEqual(codePointMap(s), [...Array(s.length + 1).keys()]);
  assert.equal(sliceCp(s, 5, 10), 'روسيا');
});

test('code-point map: astral characters take two UTF-16 units', () => {
  const s = '📰 قالت روسيا 𝔸 اليوم';
  assert.equal(codePointLength(s), Array.from(s).length);
  assert.equal(s.length, codePointLength(s) + 2);
  // روسيا starts at code point 7 (📰, space, 4 letters, space)
  assert.equal(sliceCp(s, 7, 12), 'روسيا');
  const cps = Array.from(s);
  assert.equal(sliceCp(s, 13, 14), cps[13]);
  assert.equal(sliceCp(s, 13, 14), '𝔸');
  assert.equal(sliceCp(s, 15, 20), 'اليوم');
});

test('sliceCp clamps out-of-range offsets', () => {
  assert.equal(sliceCp('abc', -5, 99), 'abc');
  assert.equal(sliceCp('abc', 2, 1), '');
});

test('highlight keeps all text and marks spans by code points', () => {
  const text = '📰 دعت روسيا الجزائر إلى الحوار';
  const cps = Array.from(text);
  const find = (w) => {
    const i = cps.join('').indexOf(w);
    return Array.from(cps.join('').slice(0, i)).length;
  };
  const spans = [
    { start: find('دعت'), end: find('دعت') + 3, kind: 'trigger' },
    { start: find('روسيا'), end: find('روسيا') + 5, kind: 'actor' },
    { start: find('الجزائر'), end: find('الجزائر') + 7, kind: 'actor' },
  ];
  const segs = highlight(text, spans);
  assert.equal(flatText(segs), text);
  assert.deepEqual(spansWith(segs, 'hl-trigger'), ['دعت']);
  assert.deepEqual(spansWith(segs, 'hl-actor'), ['روسيا', 'الجزائر']);
});

test('nested spans nest; identical ranges merge classes', () => {
  const text = 'وزارة الدفاع الجزائرية';
  const segs = highlight(text, [
    { start: 0, end: 22, kind: 'actor', attrs: { 'data-code': 'DZAMIL' } },
    { start: 13, end: 22, kind: 'place' },
    { start: 13, end: 22, kind: 'entity' },
  ]);
  assert.equal(segs.length, 1);
  assert.deepEqual(segs[0].classes, ['hl-actor']);
  assert.equal(segs[0].attrs['data-code'], 'DZAMIL');
  const inner = segs[0].content.find((s) => s.type === 'span');
  assert.deepEqual(inner.classes.sort(), ['hl-entity', 'hl-place']);
  assert.equal(inner.text, 'الجزائرية');
  assert.equal(flatText(segs), text);
});

test('crossing spans: the higher-priority span stays whole, the other is split', () => {
  const text = 'abcdefghij';
  const tree = buildHighlightTree(text, [
    { start: 2, end: 6, kind: 'actor', priority: 1 },
    { start: 4, end: 8, classes: ['hl-sel-trigger'], attrs: { 'data-testid': 'hl-trigger' }, priority: 12 },
  ]);
  const segs = highlight(text, [
    { start: 2, end: 6, kind: 'actor', priority: 1 },
    { start: 4, end: 8, classes: ['hl-sel-trigger'], attrs: { 'data-testid': 'hl-trigger' }, priority: 12 },
  ]);
  assert.equal(flatText(segs), text);
  assert.deepEqual(spansWith(segs, 'hl-sel-trigger'), ['efgh']);
  assert.deepEqual(spansWith(segs, 'hl-actor'), ['cd', 'ef']);
  assert.equal(tree.children.length, 2);
  const html = segmentsToHtml(segs);
  assert.match(html, /<mark class="hl-sel-trigger" data-testid="hl-trigger"><mark class="hl-actor">ef<\/mark>gh<\/mark>/);
});

test('invalid, empty and out-of-range spans are ignored or clamped', () => {
  const text = 'نص قصير';
  const segs = highlight(text, [
    { start: 3, end: 3, kind: 'actor' },
    { start: 'x', end: 4, kind: 'actor' },
    { start: 5, end: 2, kind: 'actor' },
    { start: 3, end: 100, kind: 'place' },
    null,
  ]);
  assert.equal(flatText(segs), text);
  assert.deepEqual(spansWith(segs, 'hl-place'), ['قصير']);
  assert.deepEqual(spansWith(segs, 'hl-actor'), []);
});

test('segmentsToHtml escapes text and attributes', () => {
  const html = segmentsToHtml(highlight('<a> & "b"', [{ start: 0, end: 3, kind: 'entity', attrs: { title: '"x"', 'on click': 'bad' } }]));
  assert.equal(html, '<mark class="hl-entity" title="&quot;x&quot;">&lt;a&gt;</mark> &amp; &quot;b&quot;');
});

test('documentSpans: the selected trigger is whole and carries the test id', () => {
  const text = '🇱🇾 طرابلس — أعلنت وزارة الخارجية الليبية اليوم أنها ترفض التدخل الأجنبي.';
  const cp = Array.from(text);
  const at = (w) => Array.from(text.slice(0, text.indexOf(w))).length;
  const trig = { text: 'ترفض', start: at('ترفض'), end: at('ترفض') + 4 };
  assert.equal(cp.slice(trig.start, trig.end).join(''), 'ترفض');
  const doc = {
    text,
    sentences: [{ start: 0, end: cp.length }],
    mentions: [
      { kind: 'place', text: 'طرابلس', start: at('طرابلس'), end: at('طرابلس') + 6 },
      { kind: 'actor', text: 'وزارة الخارجية الليبية', start: at('وزارة'), end: at('وزارة') + 22, code: 'LBYGOV' },
      { kind: 'date', text: 'اليوم', start: at('اليوم'), end: at('اليوم') + 5 },
      { kind: 'trigger', text: 'ترفض', start: trig.start, end: trig.end },
      // a mention that crosses the trigger (ends inside it) must not split it
      { kind: 'entity', text: 'أنها تر', start: at('أنها'), end: at('أنها') + 7 },
    ],
  };
  const event = {
    sentence_index: 0,
    trigger: trig,
    source: { text: 'وزارة الخارجية الليبية', code: 'LBYGOV', start: at('وزارة'), end: at('وزارة') + 22 },
    target: null,
  };
  const segs = highlight(text, documentSpans(doc, event));
  assert.equal(flatText(segs), text);
  assert.deepEqual(spansWith(segs, 'hl-sel-trigger'), ['ترفض']);
  assert.deepEqual(spansWith(segs, 'hl-sel-source'), ['وزارة الخارجية الليبية']);
  assert.deepEqual(spansWith(segs, 'hl-place'), ['طرابلس']);
  assert.deepEqual(spansWith(segs, 'hl-date'), ['اليوم']);
  // find the node carrying the test id: its whole text is the trigger
  const withId = [];
  (function walk(list) {
    for (const s of list) {
      if (s.type !== 'span') continue;
      if (s.attrs['data-testid'] === 'hl-trigger') withId.push(s);
      walk(s.content);
    }
  })(segs);
  assert.equal(withId.length, 1);
  assert.equal(withId[0].text, 'ترفض');
  assert.ok(withId[0].classes.includes('hl-trigger') && withId[0].classes.includes('hl-sel-trigger'));
  // the crossing entity was split around it
  assert.deepEqual(spansWith(segs, 'hl-entity'), ['أنها ', 'تر']);
});
