import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS } from '#shared/domain/availability/working-hours.ts';
import type { Ministry } from '#shared/schemas/ministries.ts';
import { calendarPatchFromForm, calendarValuesOf, describeDay } from './hours-form.ts';

const ministry: Ministry = {
  id: 'm1',
  name: 'Ministry of Foreign Affairs of the Russian Federation',
  shortName: 'MFA Russia',
  country: 'RU',
  workingHours: DEFAULT_WORKING_HOURS as Ministry['workingHours'],
  countryHolidays: true,
  extraHolidays: ['2013-02-22'],
  createdAt: '2013-01-01T00:00:00Z',
  updatedAt: '2013-01-01T00:00:00Z',
};

describe('the hours editor’s form', () => {
  it('describes a day as people write it', () => {
    expect(describeDay([['09:00', '13:00'], ['14:00', '18:00']])).toBe('09:00–13:00, 14:00–18:00');
    expect(describeDay([])).toBe('Closed');
  });

  it('sends only what changed: a lunch break on Monday, the dates sorted', () => {
    const values = calendarValuesOf(ministry);
    values.hours.mon = [['09:00', '13:00'], [' 14:00', '18:00 ']];
    values.extraHolidays = ['2013-03-01', '2013-02-22'];
    expect(calendarPatchFromForm(values, ministry)).toEqual({
      ok: true,
      patch: { workingHours: { ...DEFAULT_WORKING_HOURS, mon: [['09:00', '13:00'], ['14:00', '18:00']] }, extraHolidays: ['2013-02-22', '2013-03-01'] },
    });
    expect(calendarPatchFromForm(calendarValuesOf(ministry), ministry)).toEqual({ ok: true, patch: {} });
  });

  it('names each broken rule by its field, as the server would', () => {
    const values = calendarValuesOf(ministry);
    values.hours.tue = [['18:00', '09:00']];
    values.hours.wed = [['09:00', '13:00'], ['12:00', '14:00']];
    values.hours.thu = [['9', '12:00']];
    values.extraHolidays = ['2013-02-30'];
    const result = calendarPatchFromForm(values, ministry);
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(['extraHolidays.0', 'workingHours.thu.0.0', 'workingHours.tue.0.1', 'workingHours.wed.1']);
  });
});
