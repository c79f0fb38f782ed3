import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReactNode } from 'react';
import type { ResponseTimeGroup } from '#shared/schemas/stats.ts';
import { curvePoints } from '../lib/chart-data.ts';
import { seriesColour } from '../lib/palette.ts';
import { formatHourTick, hourTicks } from '../lib/units.ts';
import { TooltipBox } from './chart-tooltip.tsx';

export interface SurvivalSeries {
  group: ResponseTimeGroup;
  colour: string;
}

/** Open calls drawn on a curve: where each one's wait sits (hours, percent of calls still awaiting at that wait). */
export interface OpenCallPoint {
  hours: number;
  awaiting: number;
  label: string;
  detail: string;
}

function CurveTooltip({ hours, series }: { hours: number; series: SurvivalSeries[] }) {
  return (
    <TooltipBox title={`After ${formatHourTick(Math.round(hours * 10) / 10)}`}>
      {series.map(({ group, colour }) => {
        // The step's value at this time: the last point at or before it (only within the observed range).
        const points = curvePoints(group, Number.POSITIVE_INFINITY);
        const end = points[points.length - 1];
        let value: number | null = null;
        if (end && hours <= end.hours) for (const p of points) if (p.hours <= hours) value = p.awaiting;
        return (
          <p key={group.key}>
            <span className="stats-swatch" style={{ background: colour }} aria-hidden="true" />
            {group.label}: {value === null ? 'beyond the data' : `${Math.round(value)}% still awaiting`}
          </p>
        );
      })}
    </TooltipBox>
  );
}

/**
 * Kaplan–Meier curves, "share of calls still awaiting a reply" over the
 * hours since placing, as step lines; 50% marked, since a curve crosses it
 * at its survival median.
 */
export function SurvivalChart({ series, maxHours, openCalls, height = 320, footer }: { series: SurvivalSeries[]; maxHours: number; openCalls?: OpenCallPoint[]; height?: number; footer?: ReactNode }) {
  const ticks = hourTicks(maxHours);
  const domainMax = Math.max(ticks[ticks.length - 1]!, maxHours);
  return (
    <div className="stats-chart" data-chart="survival">
      <ComposedChart responsive style={{ width: '100%', height }} margin={{ top: 6, right: 18, bottom: 18, left: 0 }}>
        <CartesianGrid />
        <XAxis
          type="number"
          dataKey="hours"
          domain={[0, domainMax]}
          ticks={ticks}
          tickFormatter={formatHourTick}
          allowDuplicatedCategory={false}
          allowDataOverflow
          label={{ value: 'time since the call was placed', position: 'insideBottom', offset: -10 }}
        />
        <YAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} width={48} />
        <ReferenceLine y={50} strokeDasharray="4 4" stroke="#8C8C8C" />
        <Tooltip
          content={({ active, label, payload }) => {
            if (!active || label === undefined) return null;
            const call = payload?.find((p) => (p.payload as OpenCallPoint | undefined)?.detail !== undefined)?.payload as OpenCallPoint | undefined;
            if (call) {
              return (
                <TooltipBox title={call.label}>
                  <p>{call.detail}</p>
                </TooltipBox>
              );
            }
            return <CurveTooltip hours={Number(label)} series={series} />;
          }}
        />
        <Legend verticalAlign="top" />
        {series.map(({ group, colour }) => (
          <Line
            key={group.key}
            data={curvePoints(group, domainMax)}
            dataKey="awaiting"
            name={group.label}
            type="stepAfter"
            stroke={colour}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
        {openCalls && openCalls.length > 0 ? (
          <Scatter data={openCalls} dataKey="awaiting" name="Open calls now" fill="#D55E00" shape="circle" isAnimationActive={false} />
        ) : null}
      </ComposedChart>
      {footer}
    </div>
  );
}

export function defaultColours(groups: readonly ResponseTimeGroup[]): SurvivalSeries[] {
  return groups.map((group, i) => ({ group, colour: seriesColour(i) }));
}
