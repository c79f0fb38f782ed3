import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Scatter, Tooltip, XAxis, YAxis, usePlotArea, useXAxisScale } from 'recharts';
import { formatDuration, HOUR_MS } from '#client/lib/format.ts';
import { useMediaQuery } from '#client/lib/use-media-query.ts';
import type { MedianRow } from '../lib/chart-data.ts';
import { COLOURS } from '../lib/palette.ts';
import { formatHourTick, hourTicks } from '../lib/units.ts';
import { Swatch, TooltipBox } from './chart-tooltip.tsx';

const ms = (hours: number | null) => (hours === null ? null : hours * HOUR_MS);

function MedianTooltip({ row }: { row: MedianRow }) {
  return (
    <TooltipBox title={row.label}>
      <p>
        <Swatch colour={COLOURS.median} />
        Median reply: {formatDuration(ms(row.median), 'hours')}
      </p>
      <p>
        <Swatch colour={COLOURS.p90} />
        90% of replies within: {formatDuration(ms(row.p90), 'hours')}
      </p>
      <p>
        <Swatch colour={COLOURS.survival} />
        Survival median: {row.survivalMedian === null ? 'not reached (fewer than half replied)' : formatDuration(ms(row.survivalMedian), 'hours')}
      </p>
      {row.survivalMedian !== null ? (
        <p className="muted">
          95% interval: {formatDuration(ms(row.ciLower), 'hours')} to {row.ciUpper === null ? 'not bounded by the data' : formatDuration(ms(row.ciUpper), 'hours')}
        </p>
      ) : null}
      <p className="muted">
        {row.calls} call{row.calls === 1 ? '' : 's'}
        {row.smallSample ? ' — too few to rank' : ''}
      </p>
    </TooltipBox>
  );
}

/**
 * The survival median as a diamond on its 95% interval: a solid whisker
 * between bounded ends; an end the data does not bound is drawn as a faint
 * dashed line running off to the chart's edge, so it cannot be read as a number.
 */
function CiMarker(props: { cx?: number; cy?: number; payload?: MedianRow }) {
  const scale = useXAxisScale();
  const plot = usePlotArea();
  const { cx, cy, payload: row } = props;
  if (cx === undefined || cy === undefined || !row || row.survivalMedian === null) return null;
  const x = (hours: number | null) => (hours === null || !scale ? null : Number(scale(hours)));
  const lower = x(row.ciLower);
  const upper = x(row.ciUpper);
  const edge = plot ? plot.x + plot.width : cx + 40;
  const colour = COLOURS.survival;
  return (
    <g>
      {lower !== null ? (
        <>
          <line x1={lower} x2={cx} y1={cy} y2={cy} stroke={colour} strokeWidth={2} />
          <line x1={lower} x2={lower} y1={cy - 5} y2={cy + 5} stroke={colour} strokeWidth={2} />
        </>
      ) : null}
      {upper !== null ? (
        <>
          <line x1={cx} x2={upper} y1={cy} y2={cy} stroke={colour} strokeWidth={2} />
          <line x1={upper} x2={upper} y1={cy - 5} y2={cy + 5} stroke={colour} strokeWidth={2} />
        </>
      ) : lower !== null ? (
        <line x1={cx} x2={edge} y1={cy} y2={cy} stroke={colour} strokeWidth={1.5} strokeDasharray="3 4" opacity={0.55} />
      ) : null}
      <path d={`M ${cx} ${cy - 7} L ${cx + 6} ${cy} L ${cx} ${cy + 7} L ${cx - 6} ${cy} Z`} fill={colour} stroke="#fff" strokeWidth={1} />
    </g>
  );
}

/**
 * Median and 90th percentile of replies as bars, the survival median as a
 * dot with its 95% interval as a whisker (to the chart's edge when the data
 * does not bound it). Fastest first.
 */
export function MedianChart({ rows, axisMax }: { rows: MedianRow[]; axisMax: number }) {
  const phone = useMediaQuery('(max-width: 760px)');
  const ticks = hourTicks(axisMax);
  const domainMax = ticks[ticks.length - 1]! < axisMax ? axisMax : ticks[ticks.length - 1]!;
  return (
    <div className="stats-chart" data-chart="medians">
      <ComposedChart
        layout="vertical"
        data={rows}
        responsive
        style={{ width: '100%', height: Math.max(180, rows.length * 34 + 70) }}
        margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
        barGap={1}
        barCategoryGap="22%"
      >
        <CartesianGrid horizontal={false} />
        <XAxis type="number" domain={[0, domainMax]} ticks={ticks} tickFormatter={formatHourTick} allowDataOverflow />
        <YAxis type="category" dataKey="label" width={phone ? 104 : 170} interval={0} tick={{ fontSize: 12 }} />
        <Tooltip content={({ active, payload }) => (active && payload?.[0] ? <MedianTooltip row={payload[0].payload as MedianRow} /> : null)} />
        <Legend verticalAlign="top" iconType="square" />
        <Bar dataKey="median" name="Median reply" fill={COLOURS.median} isAnimationActive={false}>
          {rows.map((row) => (
            <Cell key={row.key} fillOpacity={row.smallSample ? 0.4 : 1} />
          ))}
        </Bar>
        <Bar dataKey="p90" name="90th percentile" fill={COLOURS.p90} isAnimationActive={false}>
          {rows.map((row) => (
            <Cell key={row.key} fillOpacity={row.smallSample ? 0.4 : 1} />
          ))}
        </Bar>
        <Scatter dataKey="survivalMedian" name="Survival median, 95% CI" fill={COLOURS.survival} legendType="diamond" shape={(p: unknown) => <CiMarker {...(p as object)} />} isAnimationActive={false} />
      </ComposedChart>
    </div>
  );
}
