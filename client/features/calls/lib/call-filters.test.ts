import { describe, expect, it } from 'vitest';
import { hasActiveFilters, parseFilters, toApiQuery, toSearchParams } from './call-filters.ts';

describe('the calls page filters in the address', () => {
  it('round-trips every filter', () => {
    const params = new URLSearchParams('status=returned,awaiting&ministry=m1&official=o1&from=2013-02-01&to=2013-02-28&q=nuclear&order=asc');
    const filters = parseFilters(params);
    expect(filters).toEqual({ status: ['awaiting', 'returned'], ministryId: 'm1', officialId: 'o1', from: '2013-02-01', to: '2013-02-28', q: 'nuclear', order: 'asc' });
    expect(parseFilters(toSearchParams(filters))).toEqual(filters);
    expect(hasActiveFilters(filters)).toBe(true);
  });

  it('ignores what it does not understand instead of failing the page', () => {
    const filters = parseFilters(new URLSearchParams('status=awaiting,lost,awaiting&from=12/02/2013&order=sideways&q=%20%20'));
    expect(filters).toEqual({ status: ['awaiting'], order: 'desc' });
    expect(hasActiveFilters({ status: [], order: 'asc' })).toBe(false);
    expect(toSearchParams({ status: [], order: 'desc' }).toString()).toBe('');
  });

  it('asks the API for whole days in the viewer’s zone, the "to" day included', () => {
    const query = toApiQuery({ status: ['awaiting', 'declined'], from: '2013-02-12', to: '2013-02-12', order: 'desc' });
    expect(query.status).toBe('awaiting,declined');
    expect(Date.parse(query.from!)).toBe(new Date(2013, 1, 12).getTime());
    expect(Date.parse(query.to!)).toBe(new Date(2013, 1, 13).getTime());
    expect(query.order).toBe('desc');
  });
});
