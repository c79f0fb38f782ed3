import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatPeriod, HOUR_MS } from '#client/lib/format.ts';
import type { Trend, TrendInterval } from '#shared/schemas/stats.ts';
import { trendRows, type TrendMeasure, type TrendRow } from '../lib/chart-data.ts';
import { formatHourTick, hourTicks } from '../lib/units.ts';
import { TooltipBox } from './chart-tooltip.tsx';
import type { SurvivalSeries } from './survival-chart.tsx';

/** Weekly or monthly medians of the chosen groups over time (periods in UTC, by when calls were placed). */
export function TrendChart({ trend, series, measure, interval }: { trend: Trend; series: SurvivalSeries[]; measure: TrendMeasure; interval: TrendInterval }) {
  const rows = trendRows(trend, series.map((s) => s.group.key), measure, interval);
  if (rows.length === 0) return <p className="muted">No calls in this range for the chosen groups.</p>;
  let max = 1;
  for (const row of rows) for (const { group } of series) if (typeof row[group.key] === 'number') max = Math.max(max, row[group.key] as number);
  const ticks = hourTicks(max);
  // At most eight labelled periods, evenly picked.
  const every = Math.ceil(rows.length / 8);
  const timeTicks = rows.filter((_, i) => i % every === 0).map((r) => r.at);
  // Dots help on a few periods and clutter on many.
  const dot = rows.length <= 30 ? { r: 3 } : false;
  return (
    <div className="stats-chart" data-chart="trend">
      <LineChart data={rows} responsive style={{ width: '100%', height: 300 }} margin={{ top: 6, right: 18, bottom: 4, left: 0 }}>
        <CartesianGrid />
        {/* A time axis, so a stretch without calls shows as a gap rather than vanishing. */}
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          ticks={timeTicks}
          tickFormatter={(at: number) => formatPeriod(new Date(at).toISOString(), interval)}
          padding={{ left: 12, right: 12 }}
        />
        <YAxis domain={[0, ticks[ticks.length - 1]!]} ticks={ticks} tickFormatter={(v: number) => formatHourTick(v)} width={48} />
        <Tooltip
          content={({ active, payload, label }) =>
            active && payload?.length ? (
              <TooltipBox title={`${interval === 'week' ? 'Week of ' : ''}${formatPeriod(new Date(Number(label)).toISOString(), interval)}`}>
                {series.map(({ group, colour }) => {
                  const value = (payload[0]?.payload as TrendRow | undefined)?.[group.key];
                  return (
                    <p key={group.key}>
                      <span className="stats-swatch" style={{ background: colour }} aria-hidden="true" />
                      {group.label}: {typeof value === 'number' ? formatDuration(value * HOUR_MS, 'hours') : value === null ? 'no median' : 'no calls'}
                    </p>
                  );
                })}
              </TooltipBox>
            ) : null
          }
        />
        <Legend verticalAlign="top" />
        {series.map(({ group, colour }) => (
          <Line key={group.key} dataKey={group.key} name={group.label} stroke={colour} strokeWidth={rows.length <= 30 ? 2 : 1.5} dot={dot} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </div>
  );
}
