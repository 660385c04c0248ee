import type { TopLevelSpec } from 'vega-lite';

/** One dot with its interval: a rate for one category (y) and one series (colour). */
export interface DotWhiskerDatum {
  category: string;
  series: string;
  rate: number;
  low: number;
  high: number;
  /** Printed beside the whisker, e.g. "62% [55–68] · 3 errors". */
  label: string;
}

/**
 * A dot-and-whisker chart: harm rate (0–100%) on x with its interval, categories on y,
 * series dodged within each category and coloured. Every dot carries its label as text so
 * the numbers are readable without hovering (the SVG is static).
 */
export function dotWhiskerSpec(options: {
  data: DotWhiskerDatum[];
  title: string;
  description: string;
  categoryTitle: string;
  seriesTitle: string;
  xTitle?: string;
}): TopLevelSpec {
  const series = [...new Set(options.data.map((d) => d.series))];
  const x = {
    field: 'rate',
    type: 'quantitative' as const,
    // A little padding keeps a dot at 0% clear of the axis line.
    scale: { domain: [0, 1], padding: 8 },
    axis: {
      format: '.0%',
      tickCount: 5,
      title: options.xTitle ?? 'harm rate (share of valid trials), 95% Wilson interval',
    },
  };
  // The chart title names the categories; an axis title beside long labels only crowds them.
  const y = {
    field: 'category',
    type: 'nominal' as const,
    title: null,
    sort: null,
    axis: { labelLimit: 1000, labelPadding: 6 },
  };
  const yOffset = { field: 'series', type: 'nominal' as const, sort: series };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: options.seriesTitle,
    sort: series,
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    width: 520,
    // With a yOffset channel the step sizes each series' sub-band, so a category is series x 22 px.
    height: { step: series.length > 1 ? 22 : 34 },
    data: { values: options.data },
    encoding: { y, yOffset, color },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' } },
      },
      { mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x } },
      {
        mark: { type: 'text', align: 'left', dx: 8, fontSize: 11, color: '#222' },
        encoding: {
          x: { ...x, field: 'high' },
          text: { field: 'label' },
          color: { value: '#222' },
        },
      },
    ],
  } as TopLevelSpec;
}
