import { describe, expect, it } from 'vitest';
import { ApiError } from '#client/lib/api-client.ts';
import { buildRoundCreate, emptyRoundForm, pathErrors, rowPath, type RoundFormState } from './round-form.ts';

const now = Date.parse('2013-02-12T18:00:00Z');
const kerry = { id: 'kerry', name: 'John Kerry' };
const official = (id: string) => ({ id, name: id });

function form(over: Partial<RoundFormState>): RoundFormState {
  return { ...emptyRoundForm(now, ['a', 'b', 'c']), trigger: 'DPRK nuclear test', initiator: kerry, triggerAt: '', ...over };
}

describe('logging a round from the form', () => {
  it('sends the round with one call per filled row, leaving defaults to the server', () => {
    const { body, errors } = buildRoundCreate(
      form({
        callees: [
          { key: 'a', callee: official('kishida'), placedAt: '', channel: '', topic: '' },
          { key: 'b', callee: null, placedAt: '', channel: '', topic: '' },
          { key: 'c', callee: official('lavrov'), placedAt: '', channel: 'message', topic: 'The test, and the Council' },
        ],
      }),
      now,
    );
    expect(errors).toEqual({});
    expect(body).toEqual({
      trigger: 'DPRK nuclear test',
      initiatorId: 'kerry',
      calls: [{ calleeId: 'kishida' }, { calleeId: 'lavrov', channel: 'message', topic: 'The test, and the Council' }],
    });
  });

  it('names each field that is not right, on its own row', () => {
    const { errors } = buildRoundCreate(
      form({
        trigger: '',
        initiator: null,
        callees: [
          { key: 'a', callee: null, placedAt: '', channel: '', topic: '' },
          { key: 'b', callee: official('lavrov'), placedAt: '2099-01-01T10:00', channel: '', topic: '' },
          { key: 'c', callee: official('lavrov'), placedAt: '', channel: '', topic: '' },
        ],
      }),
      now,
    );
    expect(errors.trigger).toBe('Must not be empty.');
    expect(errors.initiatorId).toMatch(/^Choose who reached out/);
    expect(errors['calls.1.placedAt']).toBe('Must not be in the future.');
    // The schema's "same callee twice" lands on the form's third row, not the body's second call.
    expect(errors['calls.2.calleeId']).toBe('Is already called in this round.');
  });

  it('asks for a callee', () => {
    expect(buildRoundCreate(form({}), now).errors.calls).toBe('Add at least one callee.');
  });

  it('maps the server’s paths onto the form’s rows', () => {
    expect(rowPath('calls.1.calleeId', [0, 2])).toBe('calls.2.calleeId');
    expect(rowPath('trigger', [0, 2])).toBe('trigger');
    const problem = new ApiError(422, { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'Invalid', errors: [{ path: 'calls.0.calleeId', message: 'must be a different official from the initiator (the caller)' }] });
    expect(pathErrors(problem)).toEqual({ 'calls.0.calleeId': 'Must be a different official from the initiator (the caller).' });
  });
});
