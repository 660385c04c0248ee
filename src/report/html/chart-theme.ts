/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const CATEGORY_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#000000',
];

export const FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Vega-Lite config shared by every chart: readable sizes, no chart border. */
export const CHART_CONFIG = {
  font: FONT,
  background: '#ffffff',
  padding: 8,
  view: { stroke: null },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: '#222',
    titleColor: '#222',
    gridColor: '#e4e4e4',
    domainColor: '#888',
    tickColor: '#888',
    labelLimit: 400,
  },
  legend: {
    labelFontSize: 12,
    titleFontSize: 12,
    orient: 'bottom',
    direction: 'horizontal',
    labelLimit: 300,
  },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start', color: '#111' },
  range: { category: CATEGORY_COLOURS },
} as const;
