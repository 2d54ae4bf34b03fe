// Links built from article data: node --test web/tests/*.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { safeHref } from '../src/dom.js';

test('http and https URLs become links', () => {
  assert.equal(safeHref('https://example.com/a?b=1'), 'https://example.com/a?b=1');
  assert.equal(safeHref('  http://example.com/خبر  '), 'http://example.com/%D8%AE%D8%A8%D8%B1');
});

test('script-bearing and other URLs never become links', () => {
  for (const bad of [
    'javascript:alert(1)',
    ' JavaScript:alert(document.domain)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    '',
    null,
    undefined,
    42,
  ]) {
    assert.equal(safeHref(bad), null, String(bad));
  }
});
