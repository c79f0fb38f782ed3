import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering of docs/decisions/0007-feature-boundaries.md, as the linter
// enforces it: each case lints a small file as if it stood at `path`, with the
// project's own configuration, against the real modules it imports.
const root = fileURLToPath(new URL('../..', import.meta.url));
// The project's configuration as it is, but for how no-cycle searches: its
// shortcut (strongly connected components) is worked out from the files on
// disk, which knows nothing of a fixture that exists only in memory.
const eslint = new ESLint({ cwd: root, overrideConfig: { rules: { 'import/no-cycle': ['error', { ignoreExternal: true, disableScc: true }] } } });

async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`).sort();
}

const use = (names: string) => `\nexport const used = [${names}];\n`;

describe('the client’s feature boundaries', () => {
  it('refuse a feature importing another feature’s components', async () => {
    const found = await problems(
      'client/features/board/components/fixture.tsx',
      `import { SourceText } from '#client/features/calls/components/call-labels.tsx';${use('SourceText')}`,
    );
    expect(found).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*feature="board".*feature="calls"/)]);
  });

  it('refuse it by a relative path as well', async () => {
    const found = await problems('client/features/board/components/fixture.tsx', `import { SourceText } from '../../calls/components/call-labels.tsx';${use('SourceText')}`);
    expect(found).toEqual([expect.stringMatching(/^boundaries\/dependencies:/)]);
  });

  it('let a feature use its own files, another feature’s api/ and the shared layers', async () => {
    const code = [
      `import { patchCall } from '#client/features/calls/api/calls.ts';`,
      `import { useAwaiting } from '../api/awaiting.ts';`,
      `import { BoardSummary } from './board-summary.tsx';`,
      `import { Alert } from '#client/components/ui/alert.tsx';`,
      `import { formatDuration } from '#client/lib/format.ts';`,
      `import { STATUS_LABELS } from '#shared/domain/call-labels.ts';`,
      `import { useQuery } from '@tanstack/react-query';`,
    ].join('\n');
    expect(await problems('client/features/board/components/fixture.tsx', code + use('patchCall, useAwaiting, BoardSummary, Alert, formatDuration, STATUS_LABELS, useQuery'))).toEqual([]);
  });

  it('refuse a feature importing the app, and the shared layers importing features or the client', async () => {
    expect(await problems('client/features/board/components/fixture.tsx', `import { BoardPage } from '#client/app/pages/board-page.tsx';${use('BoardPage')}`)).toHaveLength(1);
    expect(await problems('client/lib/fixture.ts', `import { patchCall } from '#client/features/calls/api/calls.ts';${use('patchCall')}`)).toHaveLength(1);
    expect(await problems('client/components/ui/fixture.tsx', `import { useAwaiting } from '#client/features/board/api/awaiting.ts';${use('useAwaiting')}`)).toHaveLength(1);
    expect(await problems('shared/domain/fixture.ts', `import { formatDuration } from '../../client/lib/format.ts';${use('formatDuration')}`)).toEqual([
      expect.stringMatching(/^boundaries\/dependencies:/),
      expect.stringMatching(/^no-restricted-imports:/),
    ]);
  });

  it('let the app compose every feature', async () => {
    const code = `import { CallView } from '#client/features/calls/components/call-view.tsx';\nimport { OfficialPicker } from '#client/features/officials/components/official-picker.tsx';`;
    expect(await problems('client/app/pages/fixture.tsx', code + use('CallView, OfficialPicker'))).toEqual([]);
  });

  it('refuse an import cycle', async () => {
    // preferences.ts imports local-store.ts; this local-store.ts would import it back.
    const found = await problems('client/lib/local-store.ts', `import { thresholdsStore } from './preferences.ts';${use('thresholdsStore')}`);
    expect(found).toEqual([expect.stringMatching(/^import\/no-cycle:/)]);
  });
});

describe('zod in the dashboard and the shared schemas', () => {
  it("refuse zod's chained API in client/ and shared/, and let the server keep it", async () => {
    const code = `import { z } from 'zod';${use('z')}`;
    expect(await problems('client/lib/fixture.ts', code)).toEqual([expect.stringMatching(/^no-restricted-imports: .*zod\/mini/)]);
    expect(await problems('shared/schemas/fixture.ts', code)).toEqual([expect.stringMatching(/^no-restricted-imports: .*zod\/mini/)]);
    // The server's files have no import rules for the override above to set: linted as configured.
    const [server] = await new ESLint({ cwd: root }).lintText(code, { filePath: `${root}server/lib/fixture.ts` });
    expect(server?.messages).toEqual([]);
  });

  it('let them use zod/mini', async () => {
    expect(await problems('client/lib/fixture.ts', `import { z } from 'zod/mini';${use('z')}`)).toEqual([]);
    expect(await problems('shared/schemas/fixture.ts', `import { z } from './zod.ts';${use('z')}`)).toEqual([]);
  });
});
