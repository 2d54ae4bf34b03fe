// Colours shared by the timeline, the map, the network and the legend.
import { interpolateRdYlGn } from 'd3';

// CAMEO roots grouped by quad class: verbal cooperation (01-05) greens,
// material cooperation (06-08) blues, verbal conflict (09-13) ambers,
// material conflict (14-20) reds and purples.
export const ROOT_COLORS = {
  '01': '#9bd3ae', '02': '#5fbf85', '03': '#2f9e5b', '04': '#1b7a43', '05': '#0f5a30',
  '06': '#7fb6e6', '07': '#3d8fd6', '08': '#1f5f9e',
  '09': '#f5d36c', '10': '#f2b233', '11': '#e39619', '12': '#c47a10', '13': '#9e5e08',
  '14': '#f29c8f', '15': '#e8685a', '16': '#d23f33', '17': '#a82520', '18': '#7d1414',
  '19': '#8e3c8a', '20': '#5a1f63',
};

export const QUAD_COLORS = { '1': '#2f9e5b', '2': '#3d8fd6', '3': '#e39619', '4': '#d23f33' };

export const PLOVER_COLORS = {
  AGREE: '#2f9e5b', CONSULT: '#5fbf85', SUPPORT: '#9bd3ae', CONCEDE: '#7fb6e6',
  COOPERATE: '#3d8fd6', AID: '#1f5f9e', RETREAT: '#8fa7bf', REQUEST: '#f5d36c',
  ACCUSE: '#f2b233', REJECT: '#e39619', THREATEN: '#c47a10', PROTEST: '#f29c8f',
  SANCTION: '#e8685a', MOBILIZE: '#d23f33', COERCE: '#a82520', ASSAULT: '#7d1414',
};

const FALLBACK = ['#777777', '#999999', '#555555', '#bbbbbb'];

export function seriesColor(by, key, i = 0) {
  const table = by === 'quad' ? QUAD_COLORS : by === 'plover' ? PLOVER_COLORS : ROOT_COLORS;
  const k = by === 'root' ? String(key).padStart(2, '0') : String(key);
  return table[k] ?? FALLBACK[i % FALLBACK.length];
}

// Goldstein scale (-10 conflict .. +10 cooperation) to red..green.
export function goldsteinColor(g) {
  if (g == null || Number.isNaN(g)) return '#999999';
  const v = Math.max(-10, Math.min(10, g));
  return interpolateRdYlGn((v + 10) / 20);
}
