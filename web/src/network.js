// Actor network (GET /api/network) drawn with cytoscape: nodes are actor codes
// sized by event count, directed edges source -> target coloured by mean
// Goldstein score (red conflict .. green cooperation), width by count.
import cytoscape from 'cytoscape';
import { goldsteinColor } from './colors.js';
import { t, fmtNumber } from './i18n.js';
import { el, clear } from './dom.js';

// Cytoscape injects a <style> element (".__________cytoscape_container {
// position: relative }") unless an element with this id exists; the server's
// Content-Security-Policy (style-src 'self', docs/security.md) would block it,
// so the rule lives in style.css and this placeholder tells cytoscape so.
function claimCytoscapeStylesheet() {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = id;
  placeholder.name = 'cytoscape-stylesheet';
  placeholder.content = 'in style.css';
  document.head.prepend(placeholder);
}

export function createNetwork(container, ctx) {
  claimCytoscapeStylesheet();
  const box = container.querySelector('.cy');
  const legend = container.querySelector('.goldstein-legend');
  let cy = null;
  let data = null;

  function renderLegend() {
    clear(legend);
    const lang = ctx.lang();
    const stops = [-10, -5, 0, 5, 10];
    legend.append(
      el('span', { class: 'legend-title' }, t(lang, 'goldstein_scale')),
      ...stops.map((g) =>
        el('span', { class: 'legend-item' }, el('span', { class: 'swatch line', style: `background:${goldsteinColor(g)}` }), el('bdi', { dir: 'ltr' }, String(g))),
      ),
    );
  }

  function render() {
    renderLegend();
    if (cy) {
      cy.destroy();
      cy = null;
    }
    clear(box);
    const lang = ctx.lang();
    const nodes = data?.nodes ?? [];
    if (!nodes.length) {
      box.append(el('div', { class: 'empty', 'data-testid': 'network-empty' }, t(lang, 'no_data')));
      box.dataset.nodes = '0';
      return;
    }
    const ids = new Set(nodes.map((n) => n.id));
    const edges = (data.edges ?? []).filter((e) => ids.has(e.source) && ids.has(e.target));
    const maxCount = Math.max(1, ...nodes.map((n) => n.count ?? 1));
    const maxEdge = Math.max(1, ...edges.map((e) => e.count ?? 1));
    box.dataset.nodes = String(nodes.length);
    box.dataset.edges = String(edges.length);
    cy = cytoscape({
      container: box,
      elements: [
        ...nodes.map((n) => ({
          data: { id: n.id, label: n.id, count: n.count ?? 1, size: 18 + 42 * Math.sqrt((n.count ?? 1) / maxCount) },
        })),
        ...edges.map((e, i) => ({
          data: {
            id: `e${i}`,
            source: e.source,
            target: e.target,
            count: e.count ?? 1,
            goldstein: e.goldstein,
            color: goldsteinColor(e.goldstein),
            width: 1 + 5 * Math.sqrt((e.count ?? 1) / maxEdge),
          },
        })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            width: 'data(size)',
            height: 'data(size)',
            label: 'data(label)',
            'background-color': '#35506b',
            color: '#1d2733',
            'font-size': 13,
            'font-family': 'Noto Sans, sans-serif',
            'text-valign': 'bottom',
            'text-margin-y': 3,
            'text-outline-color': '#ffffff',
            'text-outline-width': 2,
          },
        },
        {
          selector: 'edge',
          style: {
            width: 'data(width)',
            'line-color': 'data(color)',
            'target-arrow-color': 'data(color)',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            opacity: 0.85,
          },
        },
        { selector: ':selected', style: { 'border-width': 3, 'border-color': '#d9822b' } },
      ],
      layout: { name: nodes.length > 1 ? 'cose' : 'grid', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 16 },
      minZoom: 0.2,
      maxZoom: 4,
    });
    cy.on('tap', 'node', (ev) => ctx.setFilters({ actor: ev.target.id(), source: '', target: '' }));
    cy.on('tap', 'edge', (ev) => {
      const d = ev.target.data();
      ctx.setFilters({ actor: '', source: d.source, target: d.target });
    });
    // Tooltips through the title attribute of the container.
    cy.on('mouseover', 'node', (ev) => {
      box.title = `${ev.target.id()}: ${t(lang, 'events_n', { n: fmtNumber(ev.target.data('count')) })}`;
    });
    cy.on('mouseover', 'edge', (ev) => {
      const d = ev.target.data();
      box.title = `${d.source} → ${d.target}: ${t(lang, 'events_n', { n: fmtNumber(d.count) })}, ${t(lang, 'goldstein_scale')} ${fmtNumber(d.goldstein, 1)}`;
    });
    cy.on('mouseout', () => {
      box.title = '';
    });
  }

  return {
    update(d) {
      data = d;
      render();
    },
    render,
  };
}
