#!/usr/bin/env node
// Script-bearing articles are shown as text, never run (docs/security.md).
//
//   RASD_TOKEN=... node web/tests/xss_e2e.mjs http://127.0.0.1:PORT
//
// Against a `rasd serve --token` (writes enabled): uploads, through
// POST /api/documents, an Arabic article whose title, text, source and URL
// carry <script>, <img onerror>, <svg onload>, <iframe> and javascript: markup,
// then opens it in the UI (Debian Chromium via playwright-core) from the
// document list, the event table and a direct link, and checks that the markup
// is visible as literal text, that no element or handler from it exists in the
// page, that none of its scripts ran, and that the page carries the
// Content-Security-Policy. Prints one line per check and "N passed, N failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = (process.argv[2] || '').replace(/\/+$/, '');
const token = process.env.RASD_TOKEN || '';
if (!base || !token) {
  console.error('usage: RASD_TOKEN=... node web/tests/xss_e2e.mjs http://127.0.0.1:PORT');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const T = Number(process.env.E2E_TIMEOUT_MS || 20000);
const artifactDir = path.resolve(process.env.ARTIFACT_DIR || 'build/test-artifacts');
fs.mkdirSync(artifactDir, { recursive: true });

let passed = 0;
let failed = 0;
function check(name, cond, detail) {
  if (cond) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail !== undefined ? `: ${JSON.stringify(detail)}` : ''}`);
  }
  return cond;
}

// Each payload sets window.__rasdXss (and opens a dialog) if it ever runs.
const id = 'xss-<script>window.__rasdXss="id"</script>';
const title = 'تحذير <img src=x onerror="window.__rasdXss=\'title\'"> <script>window.__rasdXss="title2"</script>';
const body = [
  'دعت روسيا اليوم الثلاثاء الجزائر إلى استئناف الحوار <script>window.__rasdXss="text";alert(1)</script> في العاصمة.',
  'وقال مصدر إن الصورة <img src=x onerror="window.__rasdXss=\'img\';alert(2)"> لم تنشر.',
  'وأضاف أن <svg onload="window.__rasdXss=\'svg\'"></svg> و"><iframe src="javascript:window.__rasdXss=\'iframe\'"></iframe> نصوص فقط.',
].join('\n');
const doc = {
  id,
  title,
  text: body,
  published: '2016-02-16',
  source: '<b onmouseover="window.__rasdXss=\'source\'">وكالة</b>',
  url: 'javascript:window.__rasdXss="url"',
};
const fullText = `${title}\n${body}`;

async function post(headers) {
  const res = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(doc) });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function main() {
  // ---- the write API: refused without the token, accepted with it ----
  const anon = await post({});
  check('POST /api/documents without a token is refused (401)', anon.status === 401, anon);
  const wrong = await post({ Authorization: 'Bearer wrong-token-wrong-token' });
  check('POST /api/documents with a wrong token is refused (401)', wrong.status === 401, wrong);
  const up = await post({ Authorization: `Bearer ${token}` });
  check('POST /api/documents with the token stores the article', (up.status === 201 || up.status === 200) && up.body?.documents?.[0]?.id === id, up);
  const stored = await (await fetch(`${base}/api/documents/${encodeURIComponent(id)}`)).json();
  check('the API returns the markup unchanged (escaping is the UI\'s job)', stored.text === fullText && stored.title === title, { title: stored.title });
  const hasEvents = (stored.events ?? []).length > 0;
  check('the article yields an event, so the event table shows its sentence', hasEvents, stored.events?.length);

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasd-xss-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(T);
  const dialogs = [];
  const pageErrors = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  const view = page.locator('[data-testid="article-view"]');

  // No element or handler from the payload anywhere in the page.
  async function injected() {
    return page.evaluate(() => ({
      ran: window.__rasdXss ?? null,
      handlers: document.querySelectorAll('[onerror], [onload], [onmouseover]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
      imgX: document.querySelectorAll('img[src="x"]').length,
      iframes: document.querySelectorAll('iframe').length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
    }));
  }
  const clean = (r) => r.ran === null && r.handlers === 0 && r.scripts === 0 && r.imgX === 0 && r.iframes === 0 && r.jsLinks === 0;

  try {
    const resp = await page.goto(`${base}/`, { waitUntil: 'load' });
    const csp = resp.headers()['content-security-policy'] || '';
    check('the UI page carries a Content-Security-Policy without unsafe-inline', /script-src 'self'/.test(csp) && !/unsafe-inline|unsafe-eval/.test(csp) && /frame-ancestors 'none'/.test(csp), csp);
    check('the UI page carries X-Content-Type-Options: nosniff', resp.headers()['x-content-type-options'] === 'nosniff');

    // ---- the document list: title and snippet as text ----
    await page.locator('[data-testid="search-input"]').fill('استئناف');
    await page.locator('[data-testid="search-button"]').click();
    const item = page.locator('[data-testid="document-item"]', { hasText: 'تحذير' }).first();
    await item.waitFor();
    const itemText = await item.textContent();
    check('the document list shows the title markup as text', itemText.includes('<img src=x onerror=') && itemText.includes('<script>'), itemText.slice(0, 200));
    check('nothing from the payload exists or ran after listing', clean(await injected()), await injected());

    // ---- the article view, opened from the list ----
    await item.click();
    await view.waitFor({ state: 'visible' });
    await view.locator('[data-testid="article-text"]').waitFor();
    const shownTitle = await view.locator('[data-testid="article-title"]').textContent();
    check('the article title is the literal markup', shownTitle === title, shownTitle);
    const shownText = await view.locator('[data-testid="article-text"]').textContent();
    check('the article text is the literal markup, character for character', shownText === fullText, { shown: shownText.slice(0, 120) });
    check('the source is shown as text', (await view.textContent()).includes('<b onmouseover='));
    check('a javascript: URL is not made a link', (await view.locator('[data-testid="article-link"]').count()) === 0);
    await view.locator('[data-testid="article-text"]').hover();
    await page.waitForTimeout(300);
    const afterArticle = await injected();
    check('nothing from the payload exists or ran in the article view', clean(afterArticle), afterArticle);
    await page.screenshot({ path: path.join(artifactDir, 'ui-xss.png') });
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'hidden' });

    // ---- the event view of the article's event (its sentence holds the markup) ----
    if (hasEvents) {
      await page.goto(`${base}/#event=${encodeURIComponent(stored.events[0].event_id)}`, { waitUntil: 'load' });
      await view.locator('[data-testid="hl-trigger"]').waitFor();
      check('the event view shows the markup-bearing text', (await view.locator('[data-testid="article-text"]').textContent()) === fullText);
      await page.waitForTimeout(300);
      const afterEvent = await injected();
      check('nothing from the payload exists or ran in the event view', clean(afterEvent), afterEvent);
      await page.keyboard.press('Escape');
    }

    // ---- a direct link to the article (id with markup in the URL hash) ----
    await page.goto(`${base}/#article=${encodeURIComponent(id)}`, { waitUntil: 'load' });
    await view.locator('[data-testid="article-text"]').waitFor();
    check('a direct link opens the article by its markup-bearing id', (await view.textContent()).includes(id));
    await page.waitForTimeout(300);
    const afterLink = await injected();
    check('nothing from the payload exists or ran after a direct link', clean(afterLink), afterLink);

    check('no dialog was opened by the payload', dialogs.length === 0, dialogs);
    check('no page errors (including CSP violations by the UI itself)', pageErrors.length === 0, pageErrors);
  } catch (err) {
    check('xss e2e run finished', false, String(err?.stack ?? err));
    await page.screenshot({ path: path.join(artifactDir, 'ui-xss-failure.png'), fullPage: true }).catch(() => {});
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }

  // Clean up through the API (the DELETE endpoint needs the token too).
  const del = await fetch(`${base}/api/documents/${encodeURIComponent(id)}`, { method: 'DELETE' });
  check('DELETE without a token is refused (401)', del.status === 401, del.status);
  const del2 = await fetch(`${base}/api/documents/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
  check('DELETE with the token removes the article', del2.status === 200, del2.status);
}

main()
  .catch((err) => check('xss e2e run finished', false, String(err?.stack ?? err)))
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  });
