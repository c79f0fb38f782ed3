import type { FormEvent } from 'react';
import type { FieldErrors } from './field-errors.ts';
import { useFormErrors } from './use-form-errors.ts';
import { notify } from './notices.ts';
import { useLeaveGuard } from './use-leave-guard.tsx';

export type FormBodyResult<Body> = { ok: true; body: Body } | { ok: false; errors: FieldErrors };

export interface SaveFormOptions<Body, Saved> {
  /** The record being edited; absent when the form creates one. */
  existing: Saved | undefined;
  /** The form's values checked with the shared schema (when editing, only what changed). */
  validate: () => FormBodyResult<Body>;
  create: (body: Body) => Promise<Saved>;
  update: (body: Body) => Promise<Saved>;
  /** How the notice names the saved record. */
  name: (saved: Saved) => string;
  onSaved: (saved: Saved) => void;
  /** The values differ from what the form started with: leaving asks first (useLeaveGuard). */
  dirty: boolean;
}

/**
 * A create-or-edit form's submit: validates, creates or updates (an edit that
 * changed nothing is not sent), announces it, and on failure keeps the server's
 * messages beside their fields and above the form.
 */
export function useSaveForm<Body extends object, Saved>({ existing, validate, create, update, name, onSaved, dirty }: SaveFormOptions<Body, Saved>) {
  const guard = useLeaveGuard(dirty);
  const { errors, formError, setErrors, setFormError, fail } = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A form in a dialog opened from another form (a new ministry while adding
    // an official while logging a call) must not submit the form around it.
    event.stopPropagation();
    setFormError(null);
    const result = validate();
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    try {
      const saved = existing ? (Object.keys(result.body).length ? await update(result.body) : existing) : await create(result.body);
      notify(existing ? `${name(saved)} saved.` : `${name(saved)} added.`, 'success');
      guard.release();
      onSaved(saved);
    } catch (error) {
      fail(error);
    }
  };

  return { errors, formError, submit };
}
