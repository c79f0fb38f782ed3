import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/** One change, as sent on the live event stream (`data:` of an SSE message). */
export const ChangeEvent = z
  .object({
    type: z.string().meta({ example: 'call.updated', description: '<entity>.<created|updated|deleted>' }),
    id: Id.meta({ description: "The changed object's id" }),
    seq: z.number().int().meta({ description: 'The SSE id: grows with every change' }),
    at: Timestamp,
    actor: z.string(),
  })
  .meta({ id: 'ChangeEvent' });
export type ChangeEvent = z.infer<typeof ChangeEvent>;

const PAST: Record<string, string> = { create: 'created', update: 'updated', delete: 'deleted' };

/** `call` + `update` → `call.updated`. */
export function eventType(entityType: string, action: string): string {
  return `${entityType}.${PAST[action] ?? action}`;
}
