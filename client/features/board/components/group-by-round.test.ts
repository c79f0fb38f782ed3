import { describe, expect, it } from 'vitest';
import { makeCall } from '#client/test/fixtures.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { groupByRound } from './awaiting-list.tsx';

const open = (id: string, roundId: string | null): AwaitingCall => ({
  ...makeCall({ id, roundId }),
  waitingMs: 0,
  availability: { state: 'working', until: null, resumesAt: null, absence: null, holiday: null },
});

describe('the board grouped by round', () => {
  it('puts each round under its heading, the longest wait’s round first, calls in no round last', () => {
    // Longest wait first, as the server sends them.
    const items = [open('a', null), open('b', 'r2'), open('c', 'r1'), open('d', 'r2'), open('e', null)];
    const entries = groupByRound(items, new Map([['r1', 'DPRK test'], ['r2', 'Syria talks']]));
    expect(entries.map((e) => (e.kind === 'group' ? `# ${e.title} (${e.count})` : `${e.call.id}:${e.position}`))).toEqual([
      '# Syria talks (2)',
      'b:1',
      'd:2',
      '# DPRK test (1)',
      'c:3',
      '# In no round (2)',
      'a:4',
      'e:5',
    ]);
  });

  it('names a round it has no title for plainly', () => {
    const entries = groupByRound([open('a', 'r9')], new Map());
    expect(entries[0]).toMatchObject({ kind: 'group', title: 'A round', count: 1 });
  });
});
