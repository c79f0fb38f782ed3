import { meta, z } from './zod.ts';
import { Id, Timestamp } from './common.ts';

/** One change, as sent on the live event stream (`data:` of an SSE message). */
export const ChangeEvent = meta(
  z.object({
    type: meta(z.string(), { example: 'call.updated', description: '<entity>.<created|updated|deleted>' }),
    id: meta(Id, { description: "The changed object's id" }),
    seq: meta(z.number().check(z.int()), { description: 'The SSE id: grows with every change' }),
    at: Timestamp,
    actor: z.string(),
  }),
  { id: 'ChangeEvent' },
);
export type ChangeEvent = z.infer<typeof ChangeEvent>;

const PAST: Record<string, string> = { create: 'created', update: 'updated', delete: 'deleted' };

/** `call` + `update` → `call.updated`. */
export function eventType(entityType: string, action: string): string {
  return `${entityType}.${PAST[action] ?? action}`;
}
