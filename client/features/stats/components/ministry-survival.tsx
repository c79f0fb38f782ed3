import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDuration, HOUR_MS } from '#client/lib/format.ts';
import { useAwaitingContext, useResponseTimes } from '../api/stats.ts';
import { curvePoints, survivalAxisMax } from '../lib/chart-data.ts';
import { seriesColour } from '../lib/palette.ts';
import { formatShare, hourTicks } from '../lib/units.ts';
import { SurvivalChart, type OpenCallPoint } from './survival-chart.tsx';
import '../stats.css';

/** Open calls that waited longer than this do not stretch the axis (the curve would flatten into a line). */
const AXIS_CAP_HOURS = 14 * 24;

/** Under the chart, for open calls whose dots were pulled in to the axis's end. */
export function beyondAxisNote(count: number): string {
  return count === 1 ? 'One has waited longer than the axis shows and sits on its right edge.' : `${count} have waited longer than the axis shows and sit on its right edge.`;
}

/**
 * A ministry's own Kaplan–Meier curve (all time) with its open calls placed
 * on it: each dot is a call still awaiting, at how long it has waited and
 * the share of the ministry's calls still without a reply after that long.
 */
export function MinistrySurvival({ ministryId }: { ministryId: string }) {
  const figures = useResponseTimes({ groupBy: 'ministry', key: ministryId });
  const open = useAwaitingContext(ministryId);
  if (figures.isPending) return <Loading label="Loading the response times…" />;
  if (figures.isError) return <Alert title="The response times could not be loaded">{figures.error.message}</Alert>;
  const group = figures.data.groups[0];
  if (!group) return <p className="muted">No calls to this ministry yet, so nothing to measure.</p>;

  // The axis follows the curve (and the open calls, up to two weeks); longer waits sit on its right edge.
  const longest = Math.max(0, ...(open.data?.items ?? []).map((item) => item.elapsedMs / HOUR_MS));
  const ticks = hourTicks(Math.max(survivalAxisMax([group]), Math.min(longest * 1.1, AXIS_CAP_HOURS)));
  const maxHours = ticks[ticks.length - 1]!;
  const items = open.data?.items ?? [];
  const beyond = items.filter((item) => item.elapsedMs / HOUR_MS > maxHours).length;
  const calls: OpenCallPoint[] = items.map((item) => {
    const hours = item.elapsedMs / HOUR_MS;
    return {
      hours: Math.min(hours, maxHours),
      awaiting: (1 - (item.shareRepliedSooner ?? 0)) * 100,
      label: `${item.calleeName}: waiting ${formatDuration(item.elapsedMs, 'timer')}`,
      detail: `${group.label} replied faster to ${formatShare(item.shareRepliedSooner)} of its calls.`,
    };
  });
  const curveEnds = curvePoints(group, Number.POSITIVE_INFINITY).length > 1;

  return (
    <div className="stats-card">
      <p className="stats-legend-extra">
        {group.calls} call{group.calls === 1 ? '' : 's'}, {formatShare(group.responseRate)} replied · median reply {formatDuration(group.medianResponseMs, 'hours')} · survival median{' '}
        {group.survivalMedianMs === null ? 'not reached' : formatDuration(group.survivalMedianMs, 'hours')}
        {group.smallSample ? ' · too few calls to compare' : ''}
      </p>
      {curveEnds ? (
        <SurvivalChart
          series={[{ group: { ...group, label: `${group.label}, all calls` }, colour: seriesColour(0) }]}
          maxHours={maxHours}
          openCalls={calls}
          height={280}
          footer={
            calls.length > 0 ? (
              <p className="muted stats-legend-extra">
                Dots: the {calls.length} open call{calls.length === 1 ? '' : 's'}, at how long each has waited; the lower a dot, the more unusual the wait.
                {beyond > 0 ? ` ${beyondAxisNote(beyond)}` : ''}
              </p>
            ) : null
          }
        />
      ) : (
        <p className="muted">No call to {group.label} has had a reply yet, so there is no curve to draw.</p>
      )}
      <p className="stats-legend-extra">
        <Link to="/stats">Compare with other ministries</Link>
      </p>
    </div>
  );
}
