import { useState } from 'react';
import { saveFailure, type FieldErrors } from './field-errors.ts';

/**
 * A form's messages: one beside each field and one above the form. `fail`
 * takes a failed save and puts the server's messages where they belong
 * (see `saveFailure`); `clear` empties both before the next try.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const fail = (error: unknown) => {
    const failure = saveFailure(error);
    setErrors(failure.errors);
    setFormError(failure.formError);
  };
  const clear = () => {
    setErrors({});
    setFormError(null);
  };
  return { errors, formError, setErrors, setFormError, fail, clear };
}
