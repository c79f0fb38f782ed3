import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useClockWords } from '../lib/clock.ts';
import { useMediaQuery } from '#client/lib/use-media-query.ts';
import type { ResponseTimeGroup } from '#shared/schemas/stats.ts';
import { COLOURS } from '../lib/palette.ts';
import { formatShare } from '../lib/units.ts';
import { Swatch, TooltipBox } from './chart-tooltip.tsx';

interface Row {
  label: string;
  responded: number;
  withdrawn: number;
  awaiting: number;
  group: ResponseTimeGroup;
}

function OutcomesTooltip({ group }: { group: ResponseTimeGroup }) {
  const words = useClockWords();
  return (
    <TooltipBox title={group.label}>
      <p>
        <Swatch colour={COLOURS.responded} />
        Replied: {group.responded} ({formatShare(group.responseRate)})
      </p>
      <p>
        <Swatch colour={COLOURS.awaiting} />
        Still awaiting: {group.awaiting}
      </p>
      <p>
        <Swatch colour={COLOURS.withdrawn} />
        Withdrawn: {group.withdrawn}
      </p>
      <p className="muted">
        Reply within 24 {words.hours}: {formatShare(group.replyWithin24hProbability)} · within 72 {words.hours}: {formatShare(group.replyWithin72hProbability)}
      </p>
    </TooltipBox>
  );
}

/** Each group's calls split by outcome: the response rate and what is still open, at a glance. */
export function OutcomesChart({ groups }: { groups: ResponseTimeGroup[] }) {
  const phone = useMediaQuery('(max-width: 760px)');
  const rows: Row[] = groups.map((g) => ({ label: g.smallSample ? `${g.label} (n=${g.calls})` : g.label, responded: g.responded, withdrawn: g.withdrawn, awaiting: g.awaiting, group: g }));
  return (
    <div className="stats-chart" data-chart="outcomes">
      <BarChart layout="vertical" data={rows} responsive style={{ width: '100%', height: Math.max(160, rows.length * 30 + 70) }} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={phone ? 104 : 170} interval={0} tick={{ fontSize: 12 }} />
        <Tooltip content={({ active, payload }) => (active && payload?.[0] ? <OutcomesTooltip group={(payload[0].payload as Row).group} /> : null)} />
        <Legend verticalAlign="top" iconType="square" />
        <Bar dataKey="responded" name="Replied" stackId="calls" fill={COLOURS.responded} isAnimationActive={false} />
        <Bar dataKey="withdrawn" name="Withdrawn" stackId="calls" fill={COLOURS.withdrawn} isAnimationActive={false} />
        <Bar dataKey="awaiting" name="Still awaiting" stackId="calls" fill={COLOURS.awaiting} isAnimationActive={false} />
      </BarChart>
    </div>
  );
}
