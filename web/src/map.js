// World map with country borders from world-atlas (bundled, no tile server) and
// event points at their locations. Click a point: one event opens it; several
// filter the view to that place (bbox). Scroll/drag to zoom and pan.
import { select, geoNaturalEarth1, geoPath, geoGraticule10, zoom, zoomIdentity } from 'd3';
import { feature, mesh } from 'topojson-client';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { QUAD_COLORS } from './colors.js';
import { t, fmtNumber, rootName } from './i18n.js';
import { countryName } from './countries.js';
import { el, clear } from './dom.js';

// Middle East and North Africa, the default view.
const MENA = { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[-18, 5], [62, 42]] } };

let worldPromise = null;
export function loadWorld() {
  if (!worldPromise) {
    worldPromise = fetch(worldUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`world map: HTTP ${r.status}`);
        return r.json();
      })
      .then((topo) => ({
        countries: feature(topo, topo.objects.countries),
        borders: mesh(topo, topo.objects.countries, (a, b) => a !== b),
      }));
  }
  return worldPromise;
}

// Groups events by (rounded) coordinates.
export function groupPoints(events) {
  const groups = new Map();
  for (const e of events ?? []) {
    const loc = e.location;
    if (!loc || typeof loc.lat !== 'number' || typeof loc.lon !== 'number') continue;
    const key = `${loc.lat.toFixed(2)},${loc.lon.toFixed(2)}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, lat: loc.lat, lon: loc.lon, name: loc.name_en || loc.text, text: loc.text, country: loc.country, events: [] };
      groups.set(key, g);
    }
    g.events.push(e);
  }
  for (const g of groups.values()) {
    const q = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const e of g.events) q[e.quad_class] = (q[e.quad_class] ?? 0) + 1;
    g.quad = Object.entries(q).sort((a, b) => b[1] - a[1])[0][0];
  }
  return [...groups.values()].sort((a, b) => b.events.length - a.events.length);
}

export function createMap(container, ctx) {
  const chart = container.querySelector('.chart');
  let events = [];
  let world = null;
  let failed = null;

  loadWorld()
    .then((w) => {
      world = w;
      render();
    })
    .catch((err) => {
      failed = err;
      render();
    });

  function render() {
    clear(chart);
    const lang = ctx.lang();
    const width = Math.max(280, chart.clientWidth || 500);
    const height = 340;
    if (failed) {
      chart.append(el('div', { class: 'empty' }, `${t(lang, 'error')}: ${failed.message}`));
      return;
    }
    if (!world) {
      chart.append(el('div', { class: 'empty' }, t(lang, 'loading')));
      return;
    }
    const groups = groupPoints(events);
    const fitTo = { type: 'FeatureCollection', features: [MENA] };
    for (const g of groups) fitTo.features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [g.lon, g.lat] } });
    const projection = geoNaturalEarth1().fitExtent([[12, 12], [width - 12, height - 12]], fitTo);
    const path = geoPath(projection);

    const svg = select(chart)
      .append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height)
      .attr('role', 'img')
      .attr('aria-label', t(lang, 'p_map'));
    const g = svg.append('g');
    g.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
    g.append('path').attr('class', 'graticule').attr('d', path(geoGraticule10()));
    g.append('g')
      .attr('class', 'countries')
      .selectAll('path')
      .data(world.countries.features)
      .join('path')
      .attr('class', 'country')
      .attr('data-testid', 'map-country')
      .attr('d', path)
      .append('title')
      .text((d) => d.properties?.name ?? '');
    g.append('path').attr('class', 'borders').attr('d', path(world.borders));

    const maxN = Math.max(1, ...groups.map((p) => p.events.length));
    const radius = (n) => 4 + 10 * Math.sqrt(n / maxN);
    const pts = g
      .append('g')
      .attr('class', 'points')
      .selectAll('circle')
      .data(groups)
      .join('circle')
      .attr('class', 'point')
      .attr('data-testid', 'map-point')
      .attr('data-count', (d) => d.events.length)
      .attr('cx', (d) => projection([d.lon, d.lat])[0])
      .attr('cy', (d) => projection([d.lon, d.lat])[1])
      .attr('r', (d) => radius(d.events.length))
      .attr('fill', (d) => QUAD_COLORS[d.quad] ?? '#666')
      .on('click', (ev, d) => {
        if (d.events.length === 1) ctx.openEvent(d.events[0].event_id);
        else {
          const pad = 0.25;
          ctx.setFilters({ bbox: [d.lon - pad, d.lat - pad, d.lon + pad, d.lat + pad].map((v) => v.toFixed(3)).join(',') });
        }
      });
    pts.append('title').text((d) => {
      const roots = [...new Set(d.events.map((e) => e.cameo_root))].slice(0, 4).map((r) => rootName(lang, r));
      const place = lang === 'ar' ? d.text || d.name : d.name || d.text;
      const country = d.country ? ` (${countryName(lang, d.country)})` : '';
      return `${place}${country}: ${t(lang, 'events_n', { n: fmtNumber(d.events.length) })}\n${roots.join('، ')}`;
    });

    const zoomer = zoom()
      .scaleExtent([1, 12])
      .translateExtent([[0, 0], [width, height]])
      .on('zoom', (ev) => {
        g.attr('transform', ev.transform);
        pts.attr('r', (d) => radius(d.events.length) / Math.sqrt(ev.transform.k));
        g.selectAll('.borders, .country').attr('stroke-width', 0.6 / ev.transform.k);
      });
    svg.call(zoomer).call(zoomer.transform, zoomIdentity);
  }

  return {
    update(evts) {
      events = evts ?? [];
      render();
    },
    render,
  };
}
