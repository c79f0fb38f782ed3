import { describe, expect, it } from 'vitest';
import { toLocalInput } from '#client/lib/format.ts';
import { buildCallCreate, emptyCallForm, type CallFormState } from './new-call-form.ts';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const kerry = { id: 'kerry', name: 'John Kerry' };
const lavrov = { id: 'lavrov', name: 'Sergei Lavrov' };

function form(patch: Partial<CallFormState> = {}): CallFormState {
  return { ...emptyCallForm(NOW), caller: kerry, callee: lavrov, topic: 'North Korean nuclear test', ...patch };
}

describe('the call form', () => {
  it('builds the request with the placed-at time as an instant with its offset', () => {
    const { body, errors } = buildCallCreate(form({ notes: '  ', source: ' https://example.org/readout ' }), NOW);
    expect(errors).toEqual({});
    expect(body).toMatchObject({ callerId: 'kerry', calleeId: 'lavrov', channel: 'phone', topic: 'North Korean nuclear test', status: 'awaiting', source: 'https://example.org/readout' });
    expect(body.notes).toBeUndefined();
    expect(body.placedAt).toMatch(/(Z|[+-]\d\d:\d\d)$/);
    expect(Date.parse(body.placedAt)).toBe(Math.floor(NOW / 60_000) * 60_000);
  });

  it('names every missing or wrong field in words beside it', () => {
    const { errors } = buildCallCreate(form({ caller: null, callee: null, topic: '   ', placedAt: '' }), NOW);
    expect(errors).toEqual({
      callerId: 'Choose who placed the call.',
      calleeId: 'Choose who was called.',
      placedAt: 'Enter when the call was placed.',
      topic: 'Must not be empty.',
    });
  });

  it('uses the shared schema: caller and callee must differ', () => {
    const { errors } = buildCallCreate(form({ callee: kerry }), NOW);
    expect(errors.calleeId).toBe('Must be a different official from the caller.');
  });

  it('refuses a call placed in the future', () => {
    const { errors } = buildCallCreate(form({ placedAt: toLocalInput(NOW + 60 * 60_000) }), NOW);
    expect(errors.placedAt).toBe('Must not be in the future.');
  });

  it('sends an outcome with its time in the field the status needs', () => {
    const placedAt = toLocalInput(NOW - 3 * 3_600_000);
    const returned = buildCallCreate(form({ placedAt, status: 'returned', statusAt: toLocalInput(NOW - 3_600_000) }), NOW);
    expect(returned.errors).toEqual({});
    expect(returned.body.respondedAt).toBeDefined();
    expect(returned.body.closedAt).toBeUndefined();
    const withdrawn = buildCallCreate(form({ placedAt, status: 'withdrawn', statusAt: toLocalInput(NOW) }), NOW);
    expect(withdrawn.body.closedAt).toBeDefined();
    expect(withdrawn.body.respondedAt).toBeUndefined();
  });

  it('leaves an empty outcome time to the server, and refuses one before the call', () => {
    const placedAt = toLocalInput(NOW - 3 * 3_600_000);
    expect(buildCallCreate(form({ placedAt, status: 'answered' }), NOW).body.respondedAt).toBeUndefined();
    const early = buildCallCreate(form({ placedAt, status: 'declined', statusAt: toLocalInput(NOW - 5 * 3_600_000) }), NOW);
    expect(early.errors.respondedAt).toBe('Must not be before the call was placed.');
  });
});
