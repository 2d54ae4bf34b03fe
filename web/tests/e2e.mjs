#!/usr/bin/env node
// End-to-end browser test of the analyst UI, with playwright-core driving
// Debian's Chromium headless (no browser download).
//
//   node web/tests/e2e.mjs http://127.0.0.1:PORT
//
// Environment: ARTIFACT_DIR (screenshots; default build/test-artifacts),
// CHROMIUM (default /usr/bin/chromium), E2E_QUERY (search term; default: a
// word from the newest event's sentence, else from the newest document),
// E2E_REQUIRE_EVENTS=1 (fail, rather than skip the event checks, when the
// store has no events), E2E_TIMEOUT_MS (default 20000).
// Data-agnostic: it reads the API first and compares the page with it, so it
// works against `rasd serve` on any ingested corpus and against
// tests/mock-server.mjs. Prints one line per check and "N passed, N failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = (process.argv[2] || process.env.BASE_URL || '').replace(/\/+$/, '');
if (!base) {
  console.error('usage: node web/tests/e2e.mjs http://127.0.0.1:PORT');
  process.exit(2);
}
const artifactDir = path.resolve(process.env.ARTIFACT_DIR || 'build/test-artifacts');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const T = Number(process.env.E2E_TIMEOUT_MS || 20000);
const requireEvents = !!process.env.E2E_REQUIRE_EVENTS && process.env.E2E_REQUIRE_EVENTS !== '0';
fs.mkdirSync(artifactDir, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
function check(name, cond, detail) {
  if (cond) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail !== undefined ? `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : ''}`);
  }
  return cond;
}
function skip(name, why) {
  skipped++;
  console.log(`skip - ${name} (${why})`);
}

async function api(pathAndQuery) {
  const res = await fetch(`${base}/api/${pathAndQuery}`);
  const body = await res.json();
  if (!res.ok) throw new Error(`GET /api/${pathAndQuery}: ${res.status} ${body?.error}`);
  return body;
}

const cpSlice = (text, start, end) => Array.from(text).slice(start, end).join('');
const digits = (s) => String(s ?? '').replace(/[^\d]/g, '');

// Longest run of Arabic letters (a whole word of the text).
function pickQuery(text) {
  const words = String(text ?? '').match(/[\u0621-\u064A]{3,}/g) || [];
  words.sort((a, b) => b.length - a.length);
  return words[0] || null;
}

const KINDS = ['actor', 'place', 'date', 'trigger', 'entity'];

async function main() {
  // ---- what the API says, to compare the page with ----
  const stats = await api('stats');
  const docs = await api('documents?limit=1');
  check('API has documents to show', docs.total > 0, docs.total);
  if (!docs.total) return;
  const first = await api('events?limit=1');
  const haveEvents = first.total > 0;
  if (!haveEvents) {
    if (requireEvents) check('API has events to show', false, 'E2E_REQUIRE_EVENTS is set and the store has no events');
    else skip('event checks', 'the store has no events');
  } else check('API has events to show', true);
  const firstDoc = await api(`documents/${encodeURIComponent(docs.documents[0].id)}`);
  const query =
    process.env.E2E_QUERY ||
    (haveEvents ? pickQuery(first.events[0].sentence) ?? first.events[0].trigger.text : null) ||
    pickQuery(firstDoc.text);
  const searchDocs = await api(`documents?limit=10&q=${encodeURIComponent(query)}`);
  check(`API document search for "${query}" finds documents`, searchDocs.total > 0, searchDocs.total);
  const searchEvents = haveEvents ? await api(`events?limit=1000&q=${encodeURIComponent(query)}`) : null;
  if (haveEvents) check(`API event search for "${query}" finds events`, searchEvents.total > 0, searchEvents.total);
  const allForMap = await api('events?limit=1000');
  const located = allForMap.events.filter((e) => e.location && typeof e.location.lat === 'number').length;
  const dated = (await api('timeline?interval=week')).series.length > 0;

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasd-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
    deviceScaleFactor: 1,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(T);
  const origin = new URL(base).origin;
  const pageErrors = [];
  const foreign = [];
  const failedRequests = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  page.on('requestfailed', (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText}`));
  const view = page.locator('[data-testid="article-view"]');

  // Every highlight's text is the code-point slice of the document at its offsets.
  async function checkHighlights(label, doc) {
    const marks = await view.locator('[data-testid="article-text"] mark').evaluateAll((ms) =>
      ms.map((m) => ({ start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent, cls: m.className })),
    );
    const bad = marks.filter((m) => cpSlice(doc.text, m.start, m.end) !== m.text);
    check(`${label}: every highlight is its code-point span of the text`, marks.length > 0 && bad.length === 0, { marks: marks.length, bad: bad.slice(0, 3) });
    const shownKinds = new Set(marks.flatMap((m) => KINDS.filter((k) => m.cls.split(' ').includes(`hl-${k}`))));
    const docKinds = [...new Set((doc.mentions || []).map((m) => m.kind))].filter((k) => KINDS.includes(k));
    check(`${label}: mentions highlighted by kind`, docKinds.every((k) => shownKinds.has(k)), { shown: [...shownKinds], mentions: docKinds });
    const dir = await view.locator('[data-testid="article-text"]').evaluate((n) => getComputedStyle(n).direction);
    check(`${label}: document text is right-to-left`, dir === 'rtl', dir);
  }

  try {
    // ---- first load: Arabic, right to left ----
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.evaluate(() => localStorage.removeItem('rasd.lang'));
    await page.reload({ waitUntil: 'load' });
    const htmlAttrs = await page.evaluate(() => ({
      dir: document.documentElement.dir,
      lang: document.documentElement.lang,
      direction: getComputedStyle(document.body).direction,
    }));
    check('page is Arabic and right-to-left', htmlAttrs.dir === 'rtl' && htmlAttrs.lang === 'ar' && htmlAttrs.direction === 'rtl', htmlAttrs);
    const searchBox = await page.locator('[data-testid="search-input"]').boundingBox();
    const brandBox = await page.locator('.brand').boundingBox();
    check('RTL layout: the brand is right of the search box', brandBox && searchBox && brandBox.x > searchBox.x, { brandBox, searchBox });

    // ---- stats strip ----
    await page.locator('[data-testid="stat-documents"] .stat-value').waitFor();
    const shownStats = {
      documents: digits(await page.locator('[data-testid="stat-documents"] .stat-value').textContent()),
      events: digits(await page.locator('[data-testid="stat-events"] .stat-value').textContent()),
    };
    check('stats strip shows the store counts', shownStats.documents === String(stats.documents) && shownStats.events === String(stats.events), { shownStats, stats });

    // ---- timeline ----
    await page.locator('[data-testid="timeline"] svg, [data-testid="timeline-empty"]').first().waitFor();
    const bars = await page.locator('[data-testid="timeline-bar"]').count();
    check('timeline renders (bars for dated events)', dated ? bars > 0 : (await page.locator('[data-testid="timeline-empty"]').count()) === 1, { bars, dated });

    // ---- map ----
    await page.locator('[data-testid="map-country"]').first().waitFor();
    const countries = await page.locator('[data-testid="map-country"]').count();
    check('map draws country borders from world-atlas', countries > 100, countries);
    if (located) await page.locator('[data-testid="map-point"]').first().waitFor();
    const points = await page.locator('[data-testid="map-point"]').count();
    check('map draws event points', located > 0 ? points > 0 : points === 0, { points, located });

    // ---- network ----
    await page.locator('[data-testid="network"] .cy canvas, [data-testid="network-empty"]').first().waitFor();
    check('actor network renders', true);

    // ---- table ----
    await page.locator('[data-testid="event-row"], [data-testid="table-empty"]').first().waitFor();
    const rows = await page.locator('[data-testid="event-row"]').count();
    check('event table renders', haveEvents ? rows > 0 && rows <= 25 : rows === 0, rows);

    // ---- documents ----
    await page.locator('[data-testid="document-item"]').first().waitFor();
    check('document list renders', (await page.locator('[data-testid="document-item"]').count()) === Math.min(10, docs.total));

    // ---- fonts bundled and used ----
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      await document.fonts.load('16px "Noto Naskh Arabic"', 'رصد');
      return {
        naskh: document.fonts.check('16px "Noto Naskh Arabic"', 'رصد'),
        loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
      };
    });
    check('Noto Naskh Arabic is loaded from the bundle', fonts.naskh && fonts.loaded.some((f) => /Noto Naskh Arabic/.test(f)), fonts);

    await page.screenshot({ path: path.join(artifactDir, 'ui.png'), fullPage: true });

    // ---- search ----
    const docsResp = page.waitForResponse((r) => r.url().includes('/api/documents?') && r.url().includes('q='));
    const eventsResp = haveEvents ? page.waitForResponse((r) => r.url().includes('/api/events?') && r.url().includes('q=') && r.url().includes('limit=25')) : null;
    await page.locator('[data-testid="search-input"]').fill(query);
    await page.locator('[data-testid="search-button"]').click();
    const docsBody = await (await docsResp).json();
    check('search queries the documents API with q', docsBody.total === searchDocs.total, { ui: docsBody.total, api: searchDocs.total });
    await page.waitForFunction((q) => new URLSearchParams(location.hash.slice(1)).get('q') === q, query);
    await page.waitForFunction(
      (ids) => {
        const items = [...document.querySelectorAll('[data-testid="document-item"]')].map((r) => r.dataset.docId);
        return items.length === ids.length && items.every((id, i) => id === ids[i]);
      },
      searchDocs.documents.map((d) => d.id),
    );
    check('matching documents are listed', true);
    if (searchDocs.documents.some((d) => d.match)) {
      check('the matching word is highlighted in a snippet', (await page.locator('[data-testid="snippet-match"]').count()) > 0);
    }
    if (haveEvents) {
      const evBody = await (await eventsResp).json();
      check('search queries the events API with q', evBody.total === searchEvents.total, { ui: evBody.total, api: searchEvents.total });
      await page.waitForFunction(
        (ids) => {
          const rowsNow = [...document.querySelectorAll('[data-testid="event-row"]')].map((r) => r.dataset.eventId);
          return rowsNow.length > 0 && rowsNow.every((id) => ids.includes(id));
        },
        searchEvents.events.map((e) => e.event_id),
      );
      const matching = digits(await page.locator('[data-testid="stat-matching"] .stat-value').textContent());
      check('matching events are shown in the table', matching === String(searchEvents.total), { matching, total: searchEvents.total });
    }

    // ---- open a document from the list ----
    const docItem = page.locator('[data-testid="document-item"]').first();
    const docId = await docItem.getAttribute('data-doc-id');
    const doc = await api(`documents/${encodeURIComponent(docId)}`);
    await docItem.click();
    await view.waitFor({ state: 'visible' });
    await view.locator('[data-testid="article-text"]').waitFor();
    check('a document opens in the article view', (await view.locator('[data-testid="article-title"]').textContent()) === (doc.title || doc.id));
    await checkHighlights('document view', doc);
    await view.locator('[data-testid="article-close"]').click();
    await view.waitFor({ state: 'hidden' });

    // ---- open an event from the table ----
    let eventId = null;
    if (haveEvents) {
      const row = page.locator('[data-testid="event-row"]').first();
      eventId = await row.getAttribute('data-event-id');
      const detail = await api(`events/${encodeURIComponent(eventId)}`);
      await row.click();
      await view.waitFor({ state: 'visible' });
      const trig = view.locator('[data-testid="hl-trigger"]');
      await trig.waitFor();
      const trigText = await trig.textContent();
      check('article view highlights the event trigger (data-testid=hl-trigger)', trigText === detail.event.trigger.text, { shown: trigText, api: detail.event.trigger.text });
      check(
        'the trigger sits at its code-point offsets in the document',
        cpSlice(detail.document.text, detail.event.trigger.start, detail.event.trigger.end) === trigText &&
          Number(await trig.getAttribute('data-start')) === detail.event.trigger.start,
        detail.event.trigger,
      );
      if (detail.event.source) {
        check('the event source is emphasised', (await view.locator('[data-testid="hl-source"]').textContent()) === detail.event.source.text);
      }
      await checkHighlights('event view', detail.document);
      const cameo = await view.locator('[data-testid="panel-cameo"]').textContent();
      check('side panel shows the event CAMEO code', cameo === detail.event.cameo, { cameo, api: detail.event.cameo });
      check('URL records the open event', (await page.evaluate(() => location.hash)).includes(`event=${encodeURIComponent(eventId)}`));
      await page.screenshot({ path: path.join(artifactDir, 'ui-article.png') });
      await page.keyboard.press('Escape');
      await view.waitFor({ state: 'hidden' });
      check('Escape closes the article view', true);
    } else {
      await docItem.click();
      await view.waitFor({ state: 'visible' });
      await page.screenshot({ path: path.join(artifactDir, 'ui-article.png') });
      await page.keyboard.press('Escape');
      await view.waitFor({ state: 'hidden' });
    }

    // ---- English ----
    await page.locator('[data-testid="lang-toggle"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const en = await page.evaluate(() => ({
      dir: document.documentElement.dir,
      button: document.querySelector('[data-testid="search-button"]').textContent,
      title: document.querySelector('[data-testid="timeline"] h2').textContent,
      stored: localStorage.getItem('rasd.lang'),
    }));
    check('English toggle switches labels and direction', en.dir === 'ltr' && en.button === 'Search' && en.title === 'Event timeline' && en.stored === 'en', en);
    if (haveEvents) await page.locator('[data-testid="event-row"]').first().click();
    else await page.locator('[data-testid="document-item"]').first().click();
    await view.waitFor({ state: 'visible' });
    await view.locator('[data-testid="article-text"]').waitFor();
    const enArticleDir = await view.locator('[data-testid="article-text"]').evaluate((n) => getComputedStyle(n).direction);
    check('Arabic text stays right-to-left in the English UI', enArticleDir === 'rtl', enArticleDir);
    await page.screenshot({ path: path.join(artifactDir, 'ui-en.png') });
    await page.reload({ waitUntil: 'load' });
    await view.locator('[data-testid="article-text"]').waitFor();
    if (haveEvents) await view.locator('[data-testid="hl-trigger"]').waitFor();
    check('language choice and open article survive a reload', (await page.evaluate(() => document.documentElement.lang)) === 'en');
    await view.locator('[data-testid="article-close"]').click();
    await view.waitFor({ state: 'hidden' });

    if (haveEvents) {
      // ---- filters: a CAMEO root from the select narrows the table ----
      const root = first.events[0].cameo_root;
      const byRoot = await api(`events?limit=1&root=${root}`);
      await page.locator('[data-testid="filter-reset"]').click();
      await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).get('q'));
      const rootResp = page.waitForResponse((r) => r.url().includes('/api/events?') && r.url().includes(`root=${root}`) && r.url().includes('limit=25'));
      await page.selectOption('[data-testid="filter-root"]', root);
      await rootResp;
      await page.waitForFunction(
        (r) => {
          const rowsNow = [...document.querySelectorAll('[data-testid="event-row"]')];
          return rowsNow.length > 0 && rowsNow.every((x) => x.dataset.cameo.startsWith(r));
        },
        root,
      );
      await page.waitForFunction((n) => document.querySelector('[data-testid="stat-matching"] .stat-value')?.textContent.replace(/[^\d]/g, '') === n, String(byRoot.total));
      check(`CAMEO root filter ${root} narrows the table`, true);
      await page.locator('[data-testid="filter-reset"]').click();
      await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).get('root'));
    }

    // ---- map: clicking a point opens its event or filters to the place ----
    if (located > 0) {
      const pt = page.locator('[data-testid="map-point"]').first();
      await pt.waitFor();
      const n = Number(await pt.getAttribute('data-count'));
      await pt.dispatchEvent('click');
      if (n === 1) {
        await view.waitFor({ state: 'visible' });
        check('a map point with one event opens it', (await view.locator('[data-testid="hl-trigger"]').count()) === 1);
        await page.keyboard.press('Escape');
        await view.waitFor({ state: 'hidden' });
      } else {
        await page.locator('[data-testid="chip-bbox"]').waitFor();
        check('a map point with several events filters to its place', true);
        await page.locator('[data-testid="filter-reset"]').click();
      }
    }

    // ---- paging ----
    if (first.total > 25) {
      const before = await page.locator('[data-testid="page-info"]').textContent();
      await page.locator('[data-testid="pager-next"]').click();
      await page.waitForFunction((b) => document.querySelector('[data-testid="page-info"]').textContent !== b, before);
      check('the pager shows the next page', (await page.evaluate(() => location.hash)).includes('offset=25'));
    }

    check('no page errors', pageErrors.length === 0, pageErrors);
    check('no requests leave the server (offline UI)', foreign.length === 0, foreign);
    check('no failed requests', failedRequests.filter((f) => !/ERR_ABORTED/.test(f)).length === 0, failedRequests);
  } catch (err) {
    check('e2e run finished', false, String(err?.stack ?? err));
    await page.screenshot({ path: path.join(artifactDir, 'ui-failure.png'), fullPage: true }).catch(() => {});
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main()
  .catch((err) => check('e2e run finished', false, String(err?.stack ?? err)))
  .finally(() => {
    console.log(`screenshots: ${artifactDir}`);
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.exitCode = failed ? 1 : 0;
  });
