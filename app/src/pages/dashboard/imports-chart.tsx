import { useEffect, useRef, useState } from 'react';
import type { ImportsByDay } from '../../api-types.js';
import { count, shortDay } from '../../format.js';
import { useI18n } from '../../i18n/index.js';

/** Distinct colours with AA contrast on white, one per origin in order of appearance. */
const PALETTE = ['#1d4ed8', '#0f766e', '#b45309', '#7c3aed', '#be185d', '#15803d', '#b91c1c', '#334155'];
const DAY_MS = 86_400_000;

/** Every UTC day from `from` to `to`, both included, as "YYYY-MM-DD". */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

const H = 180;
const AXIS = 22;

/** The width the chart is shown at, so its user units are pixels and its text keeps its size at any width. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(200, Math.round(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * Prospects added per day, stacked by origin: an SVG drawn here (no chart library), with its
 * figures in a table under "Show the figures" for whoever would rather read them.
 */
export function ImportsChart({ stats }: { stats: ImportsByDay }) {
  const { t } = useI18n();
  const { ref, width: W } = useWidth(600);
  const days = daysBetween(stats.from, stats.to);
  const origins = [...new Set(stats.data.map((row) => row.origin))];
  const colour = (origin: string) => PALETTE[origins.indexOf(origin) % PALETTE.length]!;
  const perDay = new Map<string, typeof stats.data>();
  for (const row of stats.data) perDay.set(row.day, [...(perDay.get(row.day) ?? []), row]);
  const highest = Math.max(1, ...days.map((d) => (perDay.get(d) ?? []).reduce((sum, row) => sum + row.added, 0)));
  const slot = W / days.length;
  const scale = (H - AXIS - 8) / highest;
  return (
    <figure className="chart" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="imports-chart-title" data-testid="imports-chart">
        <title id="imports-chart-title">{t.dashboard.chartLabel}</title>
        <line x1="0" x2={W} y1={H - AXIS} y2={H - AXIS} className="axis" />
        <text x="2" y="12" className="tick">
          {count(highest)}
        </text>
        {days.map((d, at) => {
          let top = H - AXIS;
          return (
            <g key={d}>
              {(perDay.get(d) ?? []).map((row) => {
                const height = row.added * scale;
                top -= height;
                return (
                  <rect key={row.origin} x={at * slot + slot * 0.15} y={top} width={slot * 0.7} height={height} fill={colour(row.origin)} data-origin={row.origin} data-added={row.added}>
                    <title>{`${shortDay(d)} · ${row.origin}: ${count(row.added)}`}</title>
                  </rect>
                );
              })}
              {(at === 0 || at === days.length - 1 || at === Math.floor(days.length / 2)) && (
                <text x={at * slot + slot / 2} y={H - 6} className="tick" textAnchor={at === 0 ? 'start' : at === days.length - 1 ? 'end' : 'middle'}>
                  {shortDay(d)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {origins.map((origin) => (
          <span key={origin}>
            <span className="swatch" style={{ background: colour(origin) }} aria-hidden="true" />
            {origin}
          </span>
        ))}
      </figcaption>
      <details>
        <summary>{t.dashboard.tableToggle}</summary>
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t.dashboard.day}</th>
              <th scope="col">{t.dashboard.origin}</th>
              <th scope="col">{t.dashboard.imports}</th>
              <th scope="col">{t.dashboard.added}</th>
            </tr>
          </thead>
          <tbody>
            {stats.data.map((row) => (
              <tr key={`${row.day} ${row.origin}`}>
                <td>{shortDay(row.day)}</td>
                <td>{row.origin}</td>
                <td>{count(row.imports)}</td>
                <td>{count(row.added)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
