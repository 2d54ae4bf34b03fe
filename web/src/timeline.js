// Stacked bar chart of event counts per day/week by CAMEO root, quad class or
// PLOVER type (GET /api/timeline).
import { select, scaleBand, scaleLinear, stack, axisBottom, axisLeft, max, utcParse, utcFormat, format } from 'd3';
import { seriesColor } from './colors.js';
import { rootName, quadName, ploverName, t, fmtNumber } from './i18n.js';
import { el, clear } from './dom.js';

const parseDate = utcParse('%Y-%m-%d');
const fmtTick = utcFormat('%Y-%m-%d');

export function seriesLabel(lang, by, key) {
  if (by === 'quad') return quadName(lang, key);
  if (by === 'plover') return key === 'none' ? t(lang, 'unknown') : ploverName(lang, key);
  const root = String(key).padStart(2, '0');
  return `${root} · ${rootName(lang, root)}`;
}

export function createTimeline(container, ctx) {
  const chart = container.querySelector('.chart');
  const legend = container.querySelector('.legend');
  let data = null;

  function render() {
    clear(chart);
    clear(legend);
    const lang = ctx.lang();
    if (!data) return;
    const by = data.by || 'root';
    const series = (data.series ?? []).filter((s) => (s.points ?? []).some((p) => p.count > 0));
    if (!series.length) {
      chart.append(el('div', { class: 'empty', 'data-testid': 'timeline-empty' }, t(lang, 'no_data')));
      return;
    }
    const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
    const keys = series.map((s) => s.key).sort();
    const rows = dates.map((d) => {
      const row = { date: d };
      for (const s of series) row[s.key] = 0;
      return row;
    });
    const index = new Map(dates.map((d, i) => [d, i]));
    for (const s of series) for (const p of s.points) rows[index.get(p.date)][s.key] += p.count;
    const stacked = stack().keys(keys)(rows);

    const width = Math.max(320, chart.clientWidth || 800);
    const height = 220;
    const m = { top: 10, right: 12, bottom: 42, left: 40 };
    const x = scaleBand().domain(dates).range([m.left, width - m.right]).padding(0.15);
    const y = scaleLinear()
      .domain([0, max(rows, (r) => keys.reduce((a, k) => a + r[k], 0)) || 1])
      .nice()
      .range([height - m.bottom, m.top]);

    const svg = select(chart)
      .append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width)
      .attr('height', height)
      .attr('role', 'img')
      .attr('aria-label', t(lang, 'p_timeline'));
    const tickEvery = Math.max(1, Math.ceil(dates.length / Math.floor((width - 60) / 80)));
    svg
      .append('g')
      .attr('class', 'axis x')
      .attr('transform', `translate(0,${height - m.bottom})`)
      .call(axisBottom(x).tickValues(dates.filter((_, i) => i % tickEvery === 0)).tickFormat((d) => fmtTick(parseDate(d))))
      .selectAll('text')
      .attr('transform', 'rotate(-25)')
      .style('text-anchor', 'end');
    svg.append('g').attr('class', 'axis y').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).tickValues(y.ticks(5).filter(Number.isInteger)).tickFormat(format('d')));

    svg
      .append('g')
      .selectAll('g')
      .data(stacked)
      .join('g')
      .attr('fill', (d, i) => seriesColor(by, d.key, i))
      .attr('data-key', (d) => d.key)
      .selectAll('rect')
      .data((d) => d.map((v) => ({ key: d.key, v })).filter((d) => d.v[1] > d.v[0]))
      .join('rect')
      .attr('class', 'bar')
      .attr('data-testid', 'timeline-bar')
      .attr('x', (d) => x(d.v.data.date))
      .attr('width', x.bandwidth())
      .attr('y', (d) => y(d.v[1]))
      .attr('height', (d) => Math.max(0, y(d.v[0]) - y(d.v[1])))
      .attr('data-date', (d) => d.v.data.date)
      .on('click', (ev, d) => {
        const patch = { from: d.v.data.date, to: d.v.data.date };
        if (data.interval === 'week') {
          const end = parseDate(d.v.data.date);
          end.setUTCDate(end.getUTCDate() + 6);
          patch.to = fmtTick(end);
        }
        if (by === 'root') patch.root = String(d.key).padStart(2, '0');
        else if (by === 'plover') patch.plover = d.key;
        ctx.setFilters(patch);
      })
      .append('title')
      .text((d) => `${d.v.data.date} — ${seriesLabel(lang, by, d.key)}: ${fmtNumber(d.v[1] - d.v[0])}`);

    for (const [i, k] of keys.entries()) {
      const total = rows.reduce((a, r) => a + r[k], 0);
      legend.append(
        el(
          'button',
          {
            type: 'button',
            class: 'legend-item',
            title: `${fmtNumber(total)}`,
            onclick: () => {
              if (by === 'root') ctx.setFilters({ root: String(k).padStart(2, '0') });
              else if (by === 'plover') ctx.setFilters({ plover: k });
            },
          },
          el('span', { class: 'swatch', style: `background:${seriesColor(by, k, i)}` }),
          seriesLabel(lang, by, k),
          el('span', { class: 'count' }, ` (${fmtNumber(total)})`),
        ),
      );
    }
  }

  return {
    update(d) {
      data = d;
      render();
    },
    render,
  };
}
