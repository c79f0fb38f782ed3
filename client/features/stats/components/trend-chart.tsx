import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatPeriod, HOUR_MS } from '#client/lib/format.ts';
import type { Trend, TrendInterval } from '#shared/schemas/stats.ts';
import { isLonely, partialKey, trendRows, type TrendMeasure, type TrendRow } from '../lib/trend-rows.ts';
import { formatHourTick, hourTicks } from '../lib/units.ts';
import { TooltipBox } from './chart-tooltip.tsx';
import type { SurvivalSeries } from './survival-chart.tsx';

/**
 * Weekly or monthly medians of the chosen groups over time (periods in UTC,
 * by when calls were placed). Lines break over periods without calls; the
 * period still under way is dashed.
 */
export function TrendChart({ trend, series, measure, interval }: { trend: Trend; series: SurvivalSeries[]; measure: TrendMeasure; interval: TrendInterval }) {
  const { rows, partial, gaps } = trendRows(trend, series.map((s) => s.group.key), measure, interval);
  if (rows.length === 0) return <p className="muted">No calls in this range for the chosen groups.</p>;
  let max = 1;
  for (const row of rows)
    for (const { group } of series)
      for (const value of [row[group.key], row[partialKey(group.key)]]) if (typeof value === 'number') max = Math.max(max, value);
  const ticks = hourTicks(max);
  // At most eight labelled periods, evenly picked.
  const every = Math.ceil(rows.length / 8);
  const timeTicks = rows.filter((_, i) => i % every === 0).map((r) => r.at);
  // Dots help on a few periods and clutter on many; a figure between two gaps always has one, or it would not show.
  const dot = (column: string, colour: string) =>
    function TrendDot({ cx, cy, index }: { cx?: number; cy?: number; index?: number }) {
      const shown = cx !== undefined && cy !== undefined && index !== undefined && typeof rows[index]?.[column] === 'number' && (rows.length <= 30 || isLonely(rows, index, column));
      return shown ? <circle key={index} cx={cx} cy={cy} r={3} fill="var(--surface)" stroke={colour} strokeWidth={1.5} /> : <g key={index} />;
    };
  const width = rows.length <= 30 ? 2 : 1.5;
  const periodName = (at: number) => `${interval === 'week' ? 'Week of ' : ''}${formatPeriod(new Date(at).toISOString(), interval)}`;
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
          content={({ active, payload, label }) => {
            const row = payload?.[0]?.payload as TrendRow | undefined;
            if (!active || !row) return null;
            const underWay = row === partial;
            return (
              <TooltipBox title={`${periodName(Number(label))}${underWay ? ' (under way)' : ''}`}>
                {series.map(({ group, colour }) => {
                  const value = underWay ? (row[partialKey(group.key)] ?? row[group.key]) : row[group.key];
                  return (
                    <p key={group.key}>
                      <span className="stats-swatch" style={{ background: colour }} aria-hidden="true" />
                      {group.label}: {typeof value === 'number' ? `${formatDuration(value * HOUR_MS, 'hours')}${underWay ? ' so far' : ''}` : value === null ? 'no median' : 'no calls'}
                    </p>
                  );
                })}
              </TooltipBox>
            );
          }}
        />
        <Legend verticalAlign="top" />
        {series.map(({ group, colour }) => (
          <Line key={group.key} dataKey={group.key} name={group.label} stroke={colour} strokeWidth={width} dot={dot(group.key, colour)} connectNulls={false} isAnimationActive={false} />
        ))}
        {partial
          ? series.map(({ group, colour }) => (
              <Line
                key={partialKey(group.key)}
                dataKey={partialKey(group.key)}
                name={`${group.label} (so far)`}
                legendType="none"
                stroke={colour}
                strokeWidth={width}
                strokeDasharray="5 4"
                dot={dot(partialKey(group.key), colour)}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))
          : null}
      </LineChart>
      {partial || gaps || rows.length === 1 ? (
        <p className="stats-note muted">
          {partial ? `${periodName(partial.at)} is still under way: its figures so far are dashed. ` : null}
          {gaps ? 'Lines break where a period had no calls.' : null}
          {rows.length === 1 && interval === 'month' ? 'All these calls were placed in one month: per week shows how the figures moved.' : null}
        </p>
      ) : null}
    </div>
  );
}
