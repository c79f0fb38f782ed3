import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { roundOptionsQuery } from '#client/features/rounds/api/rounds.ts';
import { Alert } from '#client/components/ui/alert.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime, HOUR_MS } from '#client/lib/format.ts';
import type { ResponseTimeGroup } from '#shared/schemas/stats.ts';
import { useResponseTimes, useTrend } from '../api/stats.ts';
import { defaultCurveKeys, medianAxisMax, medianRows, rankGroups, survivalAxisMax } from '../lib/chart-data.ts';
import type { TrendMeasure } from '../lib/trend-rows.ts';
import { seriesColour } from '../lib/palette.ts';
import { apiWindow, readFilters, writeFilters, type StatsFilters } from '../lib/window.ts';
import { MedianChart } from './median-chart.tsx';
import { OutcomesChart } from './outcomes-chart.tsx';
import { Segmented, StatsControls } from './stats-controls.tsx';
import { StatsTable } from './stats-table.tsx';
import { SurvivalChart } from './survival-chart.tsx';
import { SurvivalNote } from './survival-note.tsx';
import { ClockContext } from '../lib/clock.ts';
import { TrendChart } from './trend-chart.tsx';
import '../stats.css';

/** How many groups the bar charts show before "Show all". */
const CHART_GROUPS = 12;
/** How many curves are drawn at first. */
const DEFAULT_CURVES = 4;

const byCalls = (a: ResponseTimeGroup, b: ResponseTimeGroup) => b.calls - a.calls || a.label.localeCompare(b.label, 'en');

/** "Only the calls of the round …", with the way back to every call. */
function RoundScope({ roundId, onClear }: { roundId: string; onClear: () => void }) {
  const rounds = useQuery(roundOptionsQuery);
  const title = rounds.data?.items.find((round) => round.id === roundId)?.title;
  return (
    <Alert tone="info" title={title ? `Only the calls of the round “${title}”` : 'Only the calls of one round'}>
      <Link to={`/rounds/${encodeURIComponent(roundId)}`}>See the round</Link> ·{' '}
      <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
        Count every call
      </button>
    </Alert>
  );
}

/** The Response times page: filters in the URL, charts and the table from one answer. */
export function ResponseTimesView() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const setFilters = (next: StatsFilters) => setParams(writeFilters(next), { replace: true });
  const query = useResponseTimes({ groupBy: filters.groupBy, clock: filters.clock, ...apiWindow(filters) });

  return (
    <ClockContext.Provider value={filters.clock}>
      {filters.roundId ? <RoundScope roundId={filters.roundId} onClear={() => setFilters({ ...filters, roundId: '' })} /> : null}
      <StatsControls filters={filters} onChange={setFilters} />
      <SurvivalNote clock={filters.clock} />
      {query.isPending ? (
        <Loading label="Working out the response times…" />
      ) : query.isError ? (
        <Alert title="The figures could not be loaded">{query.error.message}</Alert>
      ) : query.data.groups.length === 0 ? (
        <EmptyState title="No calls in this range">Choose a wider date range, or log calls first: the figures count calls by the day they were placed.</EmptyState>
      ) : (
        // Keyed by grouping: a new grouping starts with its own default selection.
        <Figures key={filters.groupBy} groups={query.data.groups} filters={filters} asOf={query.data.asOf} stale={query.isPlaceholderData} />
      )}
    </ClockContext.Provider>
  );
}

function Figures({ groups, filters, asOf, stale }: { groups: ResponseTimeGroup[]; filters: StatsFilters; asOf: string; stale: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const [picked, setPicked] = useState<string[] | null>(null);
  const [measure, setMeasure] = useState<TrendMeasure>('survivalMedianMs');
  const [, setParams] = useSearchParams();

  const ranked = useMemo(() => rankGroups(groups), [groups]);
  const busiest = useMemo(() => [...groups].sort(byCalls), [groups]);
  // The bar charts: the busiest groups, in rank order.
  const shown = useMemo(() => {
    const keep = new Set((showAll ? busiest : busiest.slice(0, CHART_GROUPS)).map((g) => g.key));
    return ranked.filter((r) => keep.has(r.group.key));
  }, [ranked, busiest, showAll]);
  const axisMax = medianAxisMax(shown.map((r) => r.group));
  const cut = shown
    .filter(({ group: g }) => [g.medianResponseMs, g.p90ResponseMs, g.survivalMedianMs].some((v) => v !== null && v / HOUR_MS > axisMax))
    .map(({ group: g }) => g.label);

  const defaults = useMemo(() => defaultCurveKeys(groups, DEFAULT_CURVES), [groups]);
  const selectedKeys = picked ?? defaults;
  const series = busiest.filter((g) => selectedKeys.includes(g.key)).map((group) => ({ group, colour: seriesColour(selectedKeys.indexOf(group.key)) }));
  const toggle = (key: string) => setPicked(selectedKeys.includes(key) ? selectedKeys.filter((k) => k !== key) : [...selectedKeys, key]);

  const totals = groups.reduce((t, g) => ({ calls: t.calls + g.calls, responded: t.responded + g.responded, awaiting: t.awaiting + g.awaiting }), { calls: 0, responded: 0, awaiting: 0 });
  const word = filters.groupBy === 'ministry' ? 'ministries' : filters.groupBy === 'official' ? 'officials' : 'countries';
  const range = filters.fromDate || filters.toDate ? `${filters.fromDate || 'the start'} to ${filters.toDate || 'today'}` : 'all time';

  return (
    <div aria-busy={stale || undefined} style={stale ? { opacity: 0.6 } : undefined}>
      <div className="stats-summary" role="status">
        <div>
          <strong>{totals.calls.toLocaleString('en')}</strong>
          <span className="muted">calls placed, {range}</span>
        </div>
        <div>
          <strong>{totals.calls ? Math.round((totals.responded / totals.calls) * 100) : 0}%</strong>
          <span className="muted">got a reply</span>
        </div>
        <div>
          <strong>{totals.awaiting.toLocaleString('en')}</strong>
          <span className="muted">still awaiting</span>
        </div>
        <div>
          <strong>{groups.length}</strong>
          <span className="muted">
            {word} · as of {formatDateTime(asOf)}
          </span>
        </div>
      </div>

      <div className="stats-grid">
        <section className="stats-card stats-card-wide" aria-labelledby="medians-title">
          <div className="stats-card-head">
            <div>
              <h2 id="medians-title">How long replies take</h2>
              <p className="muted">
                Fastest first by survival median{filters.clock === 'working' ? ', in the callees’ working hours' : ''}. Bars: replied calls only. Diamond and whisker: all calls, with its 95% interval.
              </p>
            </div>
            {busiest.length > CHART_GROUPS ? (
              <button type="button" className="btn btn-small btn-secondary" onClick={() => setShowAll(!showAll)}>
                {showAll ? `Show the ${CHART_GROUPS} busiest` : `Show all ${busiest.length}`}
              </button>
            ) : null}
          </div>
          <MedianChart rows={medianRows(shown)} axisMax={axisMax} />
          {cut.length > 0 ? (
            <p className="muted stats-legend-extra">
              {cut.join(', ')}: too few calls to set the scale; {cut.length === 1 ? 'its bars run' : 'their bars run'} past the edge (the table has the figures).
            </p>
          ) : null}
        </section>

        <section className="stats-card" aria-labelledby="survival-title">
          <div className="stats-card-head">
            <div>
              <h2 id="survival-title">Share of calls still awaiting a reply</h2>
              <p className="muted">Each curve crosses the dashed 50% line at its survival median.</p>
            </div>
          </div>
          <GroupPicker groups={busiest} selected={selectedKeys} onToggle={toggle} />
          {series.length > 0 ? <SurvivalChart series={series} maxHours={survivalAxisMax(series.map((s) => s.group))} /> : <p className="muted">Pick a group to draw its curve.</p>}
        </section>

        <section className="stats-card" aria-labelledby="outcomes-title">
          <div className="stats-card-head">
            <div>
              <h2 id="outcomes-title">Replies and open calls</h2>
              <p className="muted">Calls placed in the range, by what became of them.</p>
            </div>
          </div>
          <OutcomesChart groups={shown.map((r) => r.group)} />
        </section>

        <section className="stats-card stats-card-wide" aria-labelledby="trend-title">
          <div className="stats-card-head">
            <div>
              <h2 id="trend-title">Over time</h2>
              <p className="muted">For the groups picked above, by the {filters.interval} the calls were placed in (UTC).</p>
            </div>
            <div className="stats-quick">
              <Segmented
                label="Per"
                options={[
                  { value: 'week', label: 'Week' },
                  { value: 'month', label: 'Month' },
                ]}
                value={filters.interval}
                onChange={(interval) => setParams(writeFilters({ ...filters, interval }), { replace: true })}
              />
              <Segmented
                label="Measure"
                options={[
                  { value: 'survivalMedianMs', label: 'Survival median' },
                  { value: 'medianResponseMs', label: 'Median reply' },
                ]}
                value={measure}
                onChange={setMeasure}
              />
            </div>
          </div>
          <TrendSection filters={filters} series={series} measure={measure} />
        </section>

        <section className="stats-card stats-card-wide" aria-label="All figures">
          <StatsTable ranked={ranked} groupBy={filters.groupBy} fileName={`response-times-by-${filters.groupBy}${filters.fromDate ? `-from-${filters.fromDate}` : ''}${filters.toDate ? `-to-${filters.toDate}` : ''}.csv`} />
        </section>
      </div>
    </div>
  );
}

function GroupPicker({ groups, selected, onToggle }: { groups: ResponseTimeGroup[]; selected: string[]; onToggle: (key: string) => void }) {
  const [more, setMore] = useState(false);
  const visible = more ? groups : groups.filter((g, i) => i < CHART_GROUPS || selected.includes(g.key));
  return (
    <fieldset className="chip-row" style={{ border: 0, padding: 0, margin: '0 0 8px' }}>
      <legend className="visually-hidden">Groups to draw</legend>
      {visible.map((g) => {
        const on = selected.includes(g.key);
        return (
          <label key={g.key} className={`chip${on ? ' chip-on' : ''}`}>
            <input type="checkbox" className="visually-hidden" checked={on} onChange={() => onToggle(g.key)} />
            {on ? <span className="stats-swatch" style={{ background: seriesColour(selected.indexOf(g.key)) }} aria-hidden="true" /> : null}
            {g.label}
          </label>
        );
      })}
      {groups.length > visible.length ? (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setMore(true)}>
          {groups.length - visible.length} more…
        </button>
      ) : null}
    </fieldset>
  );
}

function TrendSection({ filters, series, measure }: { filters: StatsFilters; series: { group: ResponseTimeGroup; colour: string }[]; measure: TrendMeasure }) {
  const trend = useTrend({ groupBy: filters.groupBy, interval: filters.interval, clock: filters.clock, ...apiWindow(filters) });
  if (trend.isPending) return <Loading label="Loading the trend…" />;
  if (trend.isError) return <Alert title="The trend could not be loaded">{trend.error.message}</Alert>;
  if (series.length === 0) return <p className="muted">Pick a group above to see its trend.</p>;
  return <TrendChart trend={trend.data} series={series} measure={measure} interval={filters.interval} />;
}
