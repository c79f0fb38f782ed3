/** What a filter's "to" field says when the range is backwards (days as "YYYY-MM-DD"), else undefined. */
export function dateRangeError(from: string | undefined, to: string | undefined): string | undefined {
  return from && to && from > to ? 'The “to” date is before the “from” date, so nothing can match. Swap them or clear one.' : undefined;
}

/**
 * Beside a filter's "to" date: says so when it lies before "from", instead
 * of the list or figures silently showing nothing. Give the input
 * `aria-invalid` and `aria-describedby={id}` from the same check.
 */
// A span, not a p: the statistics' date fields are labels, which hold only phrasing content.
export function DateRangeError({ id, from, to }: { id: string; from: string | undefined; to: string | undefined }) {
  const error = dateRangeError(from, to);
  return error ? (
    <span id={id} className="field-error" role="alert">
      {error}
    </span>
  ) : null;
}

/** The "to" input's attributes that go with DateRangeError. */
export function dateRangeInputProps(id: string, from: string | undefined, to: string | undefined) {
  const invalid = dateRangeError(from, to) !== undefined;
  return invalid ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}
