import type { z } from 'zod';

/** "phone, video or other" */
function oneOf(values: readonly unknown[]): string {
  const words = values.map(String);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
}

function shown(cell: unknown): string {
  const text = typeof cell === 'string' ? cell : JSON.stringify(cell) ?? String(cell);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const TYPE_WORDS: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list' };

/**
 * A sentence for one cell that broke its column's rule, for a person fixing
 * a spreadsheet: "must be one of phone, video, message, in_person or other
 * (not "fax")" rather than zod's 'Invalid option: expected one of
 * "phone"|…'. The schemas' own messages are already sentences ("must be an
 * ISO 8601 date-time…") and begin in lower case; zod's built-in ones begin
 * with a capital and are replaced here, from the issue's details.
 */
export function cellMessage(issue: z.core.$ZodIssue, cell: unknown): string {
  if (cell === undefined) return 'is required';
  const own = /^[a-z"]/.test(issue.message);
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${oneOf(issue.values)} (not "${shown(cell)}")`;
    case 'invalid_type':
      return own ? issue.message : `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${shown(cell)}`;
    case 'too_small':
      if (own) return issue.message;
      return issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)} characters`;
    case 'too_big':
      return own ? issue.message : `must be at most ${String(issue.maximum)} characters`;
    case 'invalid_format':
      return own ? issue.message : `is not a valid ${issue.format} ("${shown(cell)}")`;
    default:
      return own ? issue.message : `is not valid ("${shown(cell)}")`;
  }
}
