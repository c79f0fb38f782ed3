import { describe, expect, it, vi } from 'vitest';
import { currentRuntime, exitOnSqliteAddonMismatch, explainSqliteAddonFailure, rebuildCommand, type NodeRuntime } from './native-check.ts';

// The errors below are the ones Node.js and the bindings package actually throw.
const ADDON = '/srv/readout/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

function dlopenError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_DLOPEN_FAILED' });
}

const abiMismatch = dlopenError(
  `The module '${ADDON}'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\n` +
    'NODE_MODULE_VERSION 137. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).',
);
const notSelfRegistered = dlopenError(`Module did not self-register: '${ADDON}'.`);
const neverBuilt = new Error(
  'Could not locate the bindings file. Tried:\n → /srv/readout/node_modules/better-sqlite3/build/better_sqlite3.node\n' +
    ' → /srv/readout/node_modules/better-sqlite3/build/Debug/better_sqlite3.node\n → /srv/readout/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
);
const wrongPlatform = dlopenError(`${ADDON}: invalid ELF header`);

const node24: NodeRuntime = { version: 'v24.22.3', modules: '137', prefix: '/opt/node-24', hasHeaders: true, firstOnPath: true };

describe('explaining a SQLite driver that does not fit the running Node.js', () => {
  it('names both module versions and the rebuild command, in one paragraph', () => {
    const text = explainSqliteAddonFailure(abiMismatch, node24)!;
    expect(text).toContain('built for another Node.js (module version 115) than the one running now, Node.js v24.22.3 (module version 137)');
    expect(text).toContain('`npm rebuild better-sqlite3 --nodedir=/opt/node-24`');
    expect(text).not.toContain('\n');
    expect(text).not.toMatch(/\bat \S+ \(/); // no stack frames
  });

  it('says a build against the wrong headers is the problem when the module did not self-register', () => {
    expect(explainSqliteAddonFailure(notSelfRegistered, node24)).toContain('built against the headers of another Node.js than the one running now, Node.js v24.22.3');
  });

  it('says the driver was never built when the bindings file is missing', () => {
    expect(explainSqliteAddonFailure(neverBuilt, node24)).toContain('has not been built (its install script was skipped or failed)');
  });

  it('passes on the first line of any other load failure of the driver', () => {
    expect(explainSqliteAddonFailure(wrongPlatform, node24)).toContain(`cannot be loaded by Node.js v24.22.3 (${ADDON}: invalid ELF header)`);
  });

  it('leaves every other error alone, so it is thrown as it is', () => {
    expect(explainSqliteAddonFailure(Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }), node24)).toBeNull();
    expect(explainSqliteAddonFailure(dlopenError('/srv/readout/node_modules/other/build/Release/other.node: invalid ELF header'), node24)).toBeNull();
    expect(explainSqliteAddonFailure(new Error(`${ADDON} is fine, the query is not`), node24)).toBeNull();
    expect(explainSqliteAddonFailure('NODE_MODULE_VERSION 115. better_sqlite3.node', node24)).toBeNull();
  });
});

describe('the rebuild command', () => {
  it('builds from this Node.js’s own headers when it has them, with no download', () => {
    expect(rebuildCommand(node24)).toBe('npm rebuild better-sqlite3 --nodedir=/opt/node-24');
    expect(rebuildCommand({ ...node24, hasHeaders: false })).toBe('npm rebuild better-sqlite3');
  });

  it('puts this Node.js first on PATH when another `node` is found there first, since npm builds for that one', () => {
    expect(rebuildCommand({ ...node24, firstOnPath: false })).toBe('PATH=/opt/node-24/bin:$PATH npm rebuild better-sqlite3 --nodedir=/opt/node-24');
  });
});

describe('the running Node.js', () => {
  it('is described by its own version, module version and install folder', () => {
    const runtime = currentRuntime();
    expect(runtime.version).toBe(process.version);
    expect(runtime.modules).toBe(process.versions.modules);
    expect(process.execPath.startsWith(runtime.prefix)).toBe(true);
  });
});

describe('opening the database behind the check', () => {
  it('answers what the opener answers when it succeeds', () => {
    expect(exitOnSqliteAddonMismatch(() => 42, () => node24)).toBe(42);
  });

  it('prints the explanation and exits with status 1 when the driver does not fit', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(() =>
      exitOnSqliteAddonMismatch(() => {
        throw abiMismatch;
      }, () => node24),
    ).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(write).toHaveBeenCalledTimes(1);
    expect(String(write.mock.calls[0]![0])).toMatch(/^Readout cannot open its SQLite database: .*npm rebuild better-sqlite3 --nodedir=\/opt\/node-24.*\n$/);
  });

  it('throws any other error on unchanged', () => {
    const exit = vi.spyOn(process, 'exit');
    const failure = new Error('DATABASE_URL must start with sqlite: or postgres://, got "mysql://x"');
    expect(() =>
      exitOnSqliteAddonMismatch(() => {
        throw failure;
      }, () => node24),
    ).toThrow(failure);
    expect(exit).not.toHaveBeenCalled();
  });
});
