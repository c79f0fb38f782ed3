import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { saveFailure } from './field-errors.ts';

const problem = (status: number, detail: string, errors?: { path: string; message: string }[]) =>
  new ApiError(status, { type: 'about:blank', title: 'Error', status, detail, errors } as ConstructorParameters<typeof ApiError>[1]);

describe('saveFailure', () => {
  it('puts the server’s field messages beside their fields, with nothing above the form', () => {
    expect(saveFailure(problem(422, 'Invalid', [{ path: 'name', message: 'must not be empty' }]))).toEqual({ errors: { name: 'Must not be empty.' }, formError: null });
  });
  it('shows a message above the form when no field applies, or on a conflict', () => {
    expect(saveFailure(problem(500, 'Broken'))).toEqual({ errors: {}, formError: 'Broken' });
    expect(saveFailure(problem(409, 'Taken', [{ path: 'shortName', message: 'already used' }]))).toEqual({ errors: { shortName: 'Already used.' }, formError: 'Taken' });
  });
  it('shows any other failure above the form', () => {
    expect(saveFailure(new Error('Offline'))).toEqual({ errors: {}, formError: 'Offline' });
    expect(saveFailure('?')).toEqual({ errors: {}, formError: 'Not saved.' });
  });
});
