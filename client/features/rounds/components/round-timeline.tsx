import { useQueries } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { attemptsQuery } from '#client/features/calls/api/attempts.ts';
import { formatDuration, HOUR_MS } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';
import { STATUS_LABELS } from '#shared/domain/call-labels.ts';
import type { RoundCall } from '#shared/schemas/rounds.ts';
import { timelineRows, timelineTicks, type TimelineRow } from '../lib/timeline.ts';

/** Okabe–Ito colours, as the statistics use them: replied, awaiting, withdrawn. */
const COLOURS = { replied: '#009E73', awaiting: '#E69F00', withdrawn: '#8C8C8C' } as const;
const colourOf = (row: TimelineRow) => (row.status === 'awaiting' ? COLOURS.awaiting : row.status === 'withdrawn' ? COLOURS.withdrawn : COLOURS.replied);
/** The chart grows with the shared ticker, in steps too small to see on an axis of hours. */
const STEP_MS = 15_000;

interface BarShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  payload?: TimelineRow;
}

/** One callee's bar, from the first try to the reply (or to now), with each further attempt marked on it. */
function SpanBar({ x = 0, y = 0, width = 0, height = 0, payload }: BarShapeProps) {
  if (!payload) return null;
  const colour = colourOf(payload);
  const w = Math.max(width, 2);
  const mid = y + height / 2;
  return (
    <g>
      <rect x={x} y={y} width={w} height={height} rx={3} fill={colour} opacity={payload.status === 'awaiting' ? 0.85 : 1} />
      {payload.attemptHours.map((hours, i) => {
        const ax = payload.spanHours > 0 ? x + ((hours - payload.offsetHours) / payload.spanHours) * width : x;
        return <path key={i} d={`M ${ax} ${mid - 8} L ${ax + 5} ${mid} L ${ax} ${mid + 8} L ${ax - 5} ${mid} Z`} fill="#1b1b1b" stroke="#fff" strokeWidth={1.5} />;
      })}
    </g>
  );
}

function TimelineTooltip({ row }: { row: TimelineRow }) {
  return (
    <div className="round-timeline-tooltip">
      <p>
        <strong>{row.label}</strong> ({row.ministry}) · {STATUS_LABELS[row.status]}
      </p>
      <p>First tried {formatDuration(row.offsetHours * HOUR_MS, 'hours')} after the trigger</p>
      <p>
        {row.status === 'awaiting' ? 'Waiting' : row.status === 'withdrawn' ? 'Withdrawn after' : 'Replied after'} {formatDuration(row.spanHours * HOUR_MS, 'hours')}
      </p>
      {row.attempts > 1 ? <p>{row.attempts} tries (◆ marks each further one)</p> : null}
    </div>
  );
}

/**
 * The round on a time line: hours since the trigger across, one bar per
 * callee from the first try to the reply, or to now for a call still
 * awaiting (growing with the shared clock); further attempts marked on the
 * bar; the 24 h and 72 h thresholds as lines.
 */
export function RoundTimeline({ calls, triggerAt, skewMs }: { calls: readonly RoundCall[]; triggerAt: string | null; skewMs: number }) {
  const now = useTick(useCallback((t: number) => Math.floor((t + skewMs) / STEP_MS) * STEP_MS, [skewMs]));
  const tried = calls.filter((call) => call.attempts > 1);
  const attempts = useQueries({ queries: tried.map((call) => attemptsQuery(call.id)) });
  const attemptTimes = new Map(tried.map((call, i) => [call.id, (attempts[i]?.data?.items ?? []).map((a) => a.at)]));
  const rows = timelineRows(calls, triggerAt, now, attemptTimes);
  if (rows.length === 0) return <p className="muted">No calls to draw yet.</p>;
  const { ticks, max } = timelineTicks(rows);
  return (
    <figure className="round-timeline" aria-label="Timeline: hours since the trigger, one bar per callee" style={{ margin: 0 }}>
      <BarChart layout="vertical" data={rows} responsive style={{ width: '100%', height: rows.length * 42 + 64 }} margin={{ top: 18, right: 24, bottom: 22, left: 0 }} barCategoryGap={8}>
        <CartesianGrid horizontal={false} />
        <XAxis
          type="number"
          domain={[0, max]}
          ticks={ticks}
          allowDataOverflow
          tickFormatter={(hours: number) => formatDuration(hours * HOUR_MS, 'axis')}
          label={{ value: 'Time since the trigger', position: 'insideBottom', offset: -14 }}
        />
        <YAxis type="category" dataKey="label" width={150} tickLine={false} interval={0} />
        <Bar dataKey="offsetHours" stackId="t" fill="transparent" isAnimationActive={false} />
        <Bar dataKey="spanHours" stackId="t" shape={(props: BarShapeProps) => <SpanBar {...props} />} isAnimationActive={false} />
        {[24, 72].filter((h) => h <= max).map((h) => (
          <ReferenceLine key={h} x={h} stroke={h === 72 ? '#D55E00' : '#8C8C8C'} strokeDasharray="4 4" label={{ value: `${h} h`, position: 'top', fill: h === 72 ? '#D55E00' : '#8C8C8C', fontSize: 12 }} />
        ))}
        <Tooltip cursor={{ fillOpacity: 0.08 }} content={({ active, payload }) => (active && payload?.[0] ? <TimelineTooltip row={payload[0].payload as TimelineRow} /> : null)} />
      </BarChart>
      <figcaption className="round-timeline-legend">
        <span>
          <span className="round-swatch" style={{ background: COLOURS.replied }} aria-hidden="true" />
          Replied
        </span>
        <span>
          <span className="round-swatch" style={{ background: COLOURS.awaiting }} aria-hidden="true" />
          Still awaiting (to now)
        </span>
        <span>
          <span className="round-swatch" style={{ background: COLOURS.withdrawn }} aria-hidden="true" />
          Withdrawn
        </span>
        <span>◆ a further attempt</span>
        <span>Dashed: 24 h and 72 h</span>
      </figcaption>
    </figure>
  );
}
