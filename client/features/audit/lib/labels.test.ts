import { describe, expect, it } from 'vitest';
import { AUDIT_TYPES } from '#shared/schemas/audit.ts';
import { AUDIT_LABELS, AUDIT_AREAS, detailParts, isWarning } from './labels.ts';

describe('audit labels', () => {
  it('name every kind of entry, and every kind belongs to an area of the filter', () => {
    for (const type of AUDIT_TYPES) {
      expect(AUDIT_LABELS[type], type).toBeTruthy();
      expect(AUDIT_AREAS.some((area) => area.value.split(',').includes(type.split('.')[0]!)), type).toBe(true);
    }
  });

  it('mark refusals and failures, and spell out details', () => {
    expect(isWarning({ type: 'auth.login_failed' })).toBe(true);
    expect(isWarning({ type: 'auth.login' })).toBe(false);
    expect(detailParts({ reason: 'wrong password', query: { format: 'csv' } })).toEqual(['reason: wrong password', 'query: {"format":"csv"}']);
  });
});
