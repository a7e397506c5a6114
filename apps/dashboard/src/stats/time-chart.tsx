import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

/** A time-series line chart (uPlot, canvas): x = bucket starts, one line per series. */
export function TimeChart({ title, times, series, unit }: { title: string; times: number[]; series: ChartSeries[]; unit?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = new uPlot(
      {
        width: Math.max(280, element.clientWidth - 8),
        height: 200,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: true, size: 5 }, value: (_u: uPlot, v: number | null) => (v == null ? '—' : `${v}${unit ?? ''}`) }))],
        axes: [{}, { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => `${t}${unit ?? ''}`), size: 60 }],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
      },
      [times, ...series.map((s) => s.values)] as uPlot.AlignedData,
      element,
    );
    return () => chart.destroy();
  }, [times, series, unit]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} aria-hidden="true" />
    </figure>
  );
}
