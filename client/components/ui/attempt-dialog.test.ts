import { describe, expect, it } from 'vitest';
import { attemptBody } from './attempt-dialog.tsx';

const placedAt = '2013-02-12T15:00:00Z';
const now = Date.parse('2013-02-14T09:00:30Z');

describe('an attempt from the "Tried again" dialog', () => {
  it('is made now, to the second, when the time is left alone', () => {
    const { body, errors } = attemptBody({ at: '2013-02-14T04:00', touched: false, channel: 'message', notes: '  ' }, placedAt, now);
    expect(errors).toEqual({});
    expect(body).toEqual({ at: '2013-02-14T09:00:30.000Z', channel: 'message' });
  });

  it('refuses a time before the first try, or in the future, naming the field', () => {
    expect(attemptBody({ at: '2013-02-11T10:00', touched: true, channel: 'phone', notes: '' }, placedAt, now).errors.at).toBe('Must not be before the call was first placed.');
    expect(attemptBody({ at: '2099-01-01T10:00', touched: true, channel: 'phone', notes: '' }, placedAt, now).errors.at).toBe('Must not be in the future.');
    expect(attemptBody({ at: '', touched: true, channel: 'phone', notes: '' }, placedAt, now).errors.at).toBe('Enter when you tried again.');
  });

  it('keeps a note', () => {
    expect(attemptBody({ at: '', touched: false, channel: 'phone', notes: 'Left a message with his office' }, placedAt, now).body.notes).toBe('Left a message with his office');
  });
});
