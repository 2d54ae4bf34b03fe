// The URL-hash state of the UI: node --test web/tests/*.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseHash, toHash, emptyState, filtersKey } from '../src/state.js';

test('empty state has no hash', () => {
  assert.equal(toHash(emptyState()), '');
  assert.deepEqual(parseHash(''), emptyState());
});

test('filters, pages and the open event round-trip through the hash', () => {
  const st = emptyState();
  st.filters.q = 'الجزائر تدعو';
  st.filters.root = '19';
  st.filters.bbox = '9,19,25,34';
  st.offset = 50;
  st.doffset = 10;
  st.event = 'abc123';
  const back = parseHash(toHash(st));
  assert.equal(back.filters.q, 'الجزائر تدعو');
  assert.equal(back.filters.root, '19');
  assert.equal(back.filters.bbox, '9,19,25,34');
  assert.equal(back.offset, 50);
  assert.equal(back.doffset, 10);
  assert.equal(back.event, 'abc123');
  assert.equal(filtersKey(back.filters), filtersKey(st.filters));
});

test('an open event wins over an open document; bad numbers are ignored', () => {
  const st = { ...emptyState(), event: 'e1', article: 'd1' };
  assert.ok(!toHash(st).includes('article='));
  const p = parseHash('#offset=-5&doffset=x&article=d2');
  assert.equal(p.offset, 0);
  assert.equal(p.doffset, 0);
  assert.equal(p.article, 'd2');
});
