import { formatDuration } from '#client/lib/format.ts';
import type { GroupBy } from '#shared/schemas/stats.ts';
import { CSV_HEADER, csvRows, type RankedGroup } from '../lib/chart-data.ts';
import { downloadText, toCsv } from '../lib/csv.ts';
import { formatShare } from '../lib/units.ts';

const GROUP_WORD: Record<GroupBy, string> = { ministry: 'Ministry', official: 'Official', country: 'Country' };

/** Every figure in a table (the accessible view of the charts), with the same numbers as CSV. */
export function StatsTable({ ranked, groupBy, fileName }: { ranked: RankedGroup[]; groupBy: GroupBy; fileName: string }) {
  const download = () => downloadText(fileName, toCsv(CSV_HEADER, csvRows(ranked)));
  return (
    <>
      <div className="stats-card-head">
        <div>
          <h2 id="stats-table-title">All figures</h2>
          <p className="muted">Ranked by survival median; groups with fewer than 5 calls are shown but not ranked.</p>
        </div>
        <button type="button" className="btn btn-small btn-secondary" onClick={download}>
          Download CSV
        </button>
      </div>
      <div className="stats-table-wrap">
        <table className="table stats-table" aria-labelledby="stats-table-title">
          <thead>
            <tr>
              <th scope="col" className="num">
                Rank
              </th>
              <th scope="col">{GROUP_WORD[groupBy]}</th>
              <th scope="col" className="num">
                Calls
              </th>
              <th scope="col" className="num">
                Replied
              </th>
              <th scope="col" className="num">
                Awaiting
              </th>
              <th scope="col" className="num">
                Withdrawn
              </th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col" className="num">
                Median
              </th>
              <th scope="col" className="num">
                p90
              </th>
              <th scope="col" className="num">
                Survival median
              </th>
              <th scope="col">95% CI</th>
              <th scope="col" className="num">
                ≤ 24 h
              </th>
              <th scope="col" className="num">
                ≤ 72 h
              </th>
            </tr>
          </thead>
          <tbody>
            {ranked.map(({ group: g, rank }) => (
              <tr key={g.key} className={g.smallSample ? 'small-sample' : undefined}>
                <td className="num">{rank ?? '—'}</td>
                <th scope="row">
                  {g.label}
                  {g.smallSample ? (
                    <>
                      {' '}
                      <span className="badge" title="Fewer than 5 calls: not ranked">
                        few calls
                      </span>
                    </>
                  ) : null}
                </th>
                <td className="num">{g.calls}</td>
                <td className="num">{g.responded}</td>
                <td className="num">{g.awaiting}</td>
                <td className="num">{g.withdrawn}</td>
                <td className="num">{formatShare(g.responseRate)}</td>
                <td className="num">{formatDuration(g.medianResponseMs, 'hours')}</td>
                <td className="num">{formatDuration(g.p90ResponseMs, 'hours')}</td>
                <td className="num">{g.survivalMedianMs === null ? 'not reached' : formatDuration(g.survivalMedianMs, 'hours')}</td>
                <td>
                  {g.survivalMedianMs === null || g.survivalMedianCi.lowerMs === null
                    ? '—'
                    : `${formatDuration(g.survivalMedianCi.lowerMs, 'hours')} – ${g.survivalMedianCi.upperMs === null ? 'open' : formatDuration(g.survivalMedianCi.upperMs, 'hours')}`}
                </td>
                <td className="num">{formatShare(g.replyWithin24hProbability)}</td>
                <td className="num">{formatShare(g.replyWithin72hProbability)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
