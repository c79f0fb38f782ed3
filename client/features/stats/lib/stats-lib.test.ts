import { describe, expect, it } from 'vitest';
import { formatDuration, formatPeriod } from '#client/lib/format.ts';
import type { ResponseTimeGroup } from '#shared/schemas/stats.ts';
import { csvRows, curvePoints, defaultCurveKeys, medianAxisMax, medianRows, rankGroups } from './chart-data.ts';
import { isLonely, partialKey, trendRows } from './trend-rows.ts';
import { csvField, toCsv } from './csv.ts';
import { formatHourTick, formatShare, hourTicks } from './units.ts';

const H = 3_600_000;

function group(over: Partial<ResponseTimeGroup>): ResponseTimeGroup {
  return {
    key: 'k', label: 'K', calls: 10, responded: 8, awaiting: 1, withdrawn: 1, responseRate: 0.8,
    medianResponseMs: 5 * H, p90ResponseMs: 20 * H, survivalMedianMs: 6 * H, survivalMedianCi: { lowerMs: 4 * H, upperMs: 9 * H },
    replyWithin24hProbability: 0.7, replyWithin72hProbability: 0.8, smallSample: false,
    survival: [{ tMs: 0, stillAwaiting: 1 }, { tMs: 2 * H, stillAwaiting: 0.75 }, { tMs: 6 * H, stillAwaiting: 0.5 }],
    observedUntilMs: 30 * H, survivalThinned: false,
    ...over,
  };
}

describe('csv (RFC 4180)', () => {
  it('quotes only fields that need it, doubling quotes, with CRLF records', () => {
    expect(csvField('MFA Russia')).toBe('MFA Russia');
    expect(csvField('Foreign, Commonwealth')).toBe('"Foreign, Commonwealth"');
    expect(csvField('the "Cable"')).toBe('"the ""Cable"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [null, 'ü']])).toBe('a,b\r\n1,"x,y"\r\n,ü\r\n');
  });

  it('writes no text cell that a spreadsheet would run as a formula, as the export does', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-5)).toBe('-5');
  });
});

describe('units', () => {
  it('reads durations in minutes, hours and days', () => {
    expect(formatDuration(null, 'hours')).toBe('—');
    expect(formatDuration(45 * 60_000, 'hours')).toBe('45 min');
    expect(formatDuration(6.5 * H, 'hours')).toBe('6.5 h');
    expect(formatDuration(30 * H, 'hours')).toBe('30 h');
    expect(formatDuration(73 * H, 'hours')).toBe('3 days');
    expect(formatHourTick(0)).toBe('0');
    expect(formatHourTick(12)).toBe('12h');
    expect(formatHourTick(72)).toBe('3d');
    expect(formatShare(0.937)).toBe('94%');
    expect(formatShare(0.001)).toBe('<1%');
    expect(formatShare(null)).toBe('—');
  });

  it('picks round tick steps', () => {
    expect(hourTicks(24)).toEqual([0, 6, 12, 18, 24]);
    expect(hourTicks(72)).toEqual([0, 12, 24, 36, 48, 60, 72]);
    expect(hourTicks(24 * 30)).toEqual([0, 168, 336, 504, 672, 840]);
    expect(hourTicks(42)).toEqual([0, 12, 24, 36, 48]);
  });

  it('labels periods in UTC', () => {
    expect(formatPeriod('2013-02-11T00:00:00.000Z', 'week')).toBe('11 Feb 2013');
    expect(formatPeriod('2013-02-01T00:00:00.000Z', 'month')).toBe('Feb 2013');
  });
});

describe('chart data', () => {
  const fast = group({ key: 'a', label: 'Alpha', survivalMedianMs: 2 * H });
  const slow = group({ key: 'b', label: 'Bravo', survivalMedianMs: 50 * H });
  const never = group({ key: 'c', label: 'Charlie', survivalMedianMs: null, replyWithin72hProbability: 0.3 });
  const tiny = group({ key: 'd', label: 'Delta', calls: 2, smallSample: true, survivalMedianMs: 1 * H });

  it('ranks by survival median, never-half groups after, small groups unranked', () => {
    expect(rankGroups([tiny, never, slow, fast]).map((r) => [r.group.key, r.rank])).toEqual([['a', 1], ['b', 2], ['c', 3], ['d', null]]);
  });

  it('gives the bar chart hours, an open interval end as null, small groups with their count', () => {
    const [row] = medianRows([{ group: group({ survivalMedianCi: { lowerMs: 4 * H, upperMs: null } }), rank: 1 }]);
    expect(row).toMatchObject({ survivalMedian: 6, ciLower: 4, ciUpper: null, median: 5, p90: 20 });
    expect(medianRows([{ group: tiny, rank: null }])[0]?.label).toBe('Delta (n=2)');
  });

  it('lets a small group’s outlier run off the median chart rather than squash the rest', () => {
    const outlier = group({ key: 'x', calls: 2, smallSample: true, medianResponseMs: 5000 * 24 * H, p90ResponseMs: 5000 * 24 * H });
    // Largest ranked figure: fast's p90 of 20 h (its CI upper is 9 h), plus 5%.
    expect(medianAxisMax([fast, outlier])).toBeCloseTo(21, 12);
    expect(medianAxisMax([outlier])).toBeCloseTo(5000 * 24 * 1.05, 6);
  });

  it('turns a curve into percent over hours, flat to the last observation', () => {
    expect(curvePoints(group({}), 100)).toEqual([
      { hours: 0, awaiting: 100 }, { hours: 2, awaiting: 75 }, { hours: 6, awaiting: 50 }, { hours: 30, awaiting: 50 },
    ]);
    expect(curvePoints(group({}), 4)).toEqual([{ hours: 0, awaiting: 100 }, { hours: 2, awaiting: 75 }, { hours: 4, awaiting: 75 }]);
  });

  it('draws the busiest trustworthy groups first, topped up with small ones so the page never opens empty', () => {
    const g = (key: string, calls: number) => group({ key, label: key.toUpperCase(), calls, smallSample: calls < 5 });
    expect(defaultCurveKeys([g('a', 6), g('b', 30), g('c', 2), g('d', 9), g('e', 12), g('f', 8)], 4)).toEqual(['b', 'e', 'd', 'f']);
    expect(defaultCurveKeys([g('a', 6), g('c', 2), g('x', 4), g('y', 1)], 3)).toEqual(['a', 'x', 'c']);
    expect(defaultCurveKeys([], 4)).toEqual([]);
  });

  it('lays the trend out by period with a column per group', () => {
    const trend = {
      groupBy: 'ministry' as const, interval: 'week' as const, clock: 'wall' as const, from: null, to: null, asOf: '2013-03-01T00:00:00.000Z',
      groups: [
        { key: 'a', label: 'A', periods: [{ start: '2013-02-18T00:00:00.000Z', end: '2013-02-25T00:00:00.000Z', calls: 1, responded: 1, medianResponseMs: 2 * H, survivalMedianMs: 3 * H }] },
        { key: 'b', label: 'B', periods: [{ start: '2013-02-11T00:00:00.000Z', end: '2013-02-18T00:00:00.000Z', calls: 1, responded: 0, medianResponseMs: null, survivalMedianMs: null }] },
      ],
    };
    expect(trendRows(trend, ['a', 'b'], 'survivalMedianMs', 'week')).toEqual({
      rows: [
        { start: '2013-02-11T00:00:00.000Z', at: Date.UTC(2013, 1, 11), label: '11 Feb 2013', b: null },
        { start: '2013-02-18T00:00:00.000Z', at: Date.UTC(2013, 1, 18), label: '18 Feb 2013', a: 3 },
      ],
      partial: null,
      gaps: false,
    });
  });

  it('breaks the lines over periods without calls, and moves the period under way to dashed columns', () => {
    const period = (start: string, medianH: number) => ({ start, end: start, calls: 1, responded: 1, medianResponseMs: medianH * H, survivalMedianMs: medianH * H });
    const trend = {
      groupBy: 'ministry' as const, interval: 'month' as const, clock: 'wall' as const, from: null, to: null,
      // Two days into April 2026: April is under way.
      asOf: '2026-04-02T09:00:00.000Z',
      groups: [
        { key: 'ru', label: 'MFA Russia', periods: [period('2013-02-01T00:00:00.000Z', 50), period('2026-03-01T00:00:00.000Z', 20), period('2026-04-01T00:00:00.000Z', 1)] },
      ],
    };
    const { rows, partial, gaps } = trendRows(trend, ['ru'], 'medianResponseMs', 'month');
    // February 2013 to April 2026: 159 months, every one a row; only three have figures.
    expect(rows).toHaveLength(159);
    expect(rows.filter((r) => 'ru' in r).map((r) => [r.start, r.ru])).toEqual([['2013-02-01T00:00:00.000Z', 50], ['2026-03-01T00:00:00.000Z', 20]]);
    expect(rows[1]).toEqual({ start: '2013-03-01T00:00:00.000Z', at: Date.UTC(2013, 2, 1), label: 'Mar 2013', });
    expect(gaps).toBe(true);
    // April's 1 h so far is not drawn as a drop of the solid line: it is dashed, from March on.
    expect(partial?.start).toBe('2026-04-01T00:00:00.000Z');
    expect(partial?.ru).toBeUndefined();
    expect(partial?.[partialKey('ru')]).toBe(1);
    expect(rows[157]).toMatchObject({ ru: 20, [partialKey('ru')]: 20 });
    // February 2013 stands alone between gaps: a line cannot show it, so it keeps its dot; March 2026 joins April's dashes.
    expect(isLonely(rows, 0, 'ru')).toBe(true);
    expect(isLonely(rows, 157, 'ru')).toBe(true);
    expect(isLonely(rows, 157, partialKey('ru'))).toBe(false);
    expect(isLonely(rows, 1, 'ru')).toBe(false);
    // Once April is over, it is a period like any other.
    const later = trendRows({ ...trend, asOf: '2026-05-01T00:00:00.000Z' }, ['ru'], 'medianResponseMs', 'month');
    expect(later.partial).toBeNull();
    expect(later.rows[158]).toMatchObject({ ru: 1 });
    // A window ending inside a period makes that period partial too.
    expect(trendRows({ ...trend, asOf: '2026-06-01T00:00:00.000Z', to: '2026-04-15T00:00:00.000Z' }, ['ru'], 'medianResponseMs', 'month').partial?.start).toBe('2026-04-01T00:00:00.000Z');
  });

  it('exports exact values under the API’s field names', () => {
    expect(csvRows([{ group: fast, rank: 1 }])[0]).toEqual([1, 'a', 'Alpha', 10, 8, 1, 1, 0.8, 5 * H, 20 * H, 2 * H, 4 * H, 9 * H, 0.7, 0.8, false]);
  });
});
