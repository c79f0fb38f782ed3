import { describe, expect, it } from 'vitest';
import { dateRangeError, dateRangeInputProps } from './date-range-error.tsx';

describe('a backwards date range', () => {
  it('is named on the "to" field, and only when both days are set and out of order', () => {
    expect(dateRangeError('2013-02-20', '2013-02-10')).toMatch(/^The “to” date is before the “from” date/);
    expect(dateRangeInputProps('r', '2013-02-20', '2013-02-10')).toEqual({ 'aria-invalid': true, 'aria-describedby': 'r' });
    expect(dateRangeError('2013-02-10', '2013-02-10')).toBeUndefined();
    expect(dateRangeError('2013-02-10', '2013-02-20')).toBeUndefined();
    expect(dateRangeError(undefined, '2013-02-10')).toBeUndefined();
    expect(dateRangeError('2013-02-20', '')).toBeUndefined();
    expect(dateRangeInputProps('r', '2013-02-10', '2013-02-20')).toEqual({});
  });
});
