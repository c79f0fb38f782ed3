import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/**
 * better-sqlite3 is a native addon compiled for one Node.js ABI. Switching
 * Node.js (20 to 24, say) without rebuilding it makes the first SQLite open
 * throw a dlopen error whose stack trace does not say what to do; this module
 * turns that into one paragraph naming the command that fixes it.
 */

/** What the explanation needs to know about the Node.js running Readout. */
export interface NodeRuntime {
  /** `process.version`, e.g. v24.22.3 */
  version: string;
  /** `process.versions.modules`: the addon ABI this Node.js loads */
  modules: string;
  /** The install folder (`<prefix>/bin/node`) */
  prefix: string;
  /** Whether `<prefix>/include/node` holds this Node's headers, so a rebuild needs no download */
  hasHeaders: boolean;
  /** Whether `node` on PATH is this binary: npm builds addons for the `node` it finds there */
  firstOnPath: boolean;
}

const ADDON_FILE = 'better_sqlite3.node';

function describeFailure(error: Error, node: NodeRuntime): string | null {
  const built = /NODE_MODULE_VERSION (\d+)\./.exec(error.message)?.[1];
  if (built) return `was built for another Node.js (module version ${built}) than the one running now, Node.js ${node.version} (module version ${node.modules})`;
  if (error.message.includes('did not self-register')) return `was built against the headers of another Node.js than the one running now, Node.js ${node.version}`;
  if (error.message.includes('Could not locate the bindings file')) return 'has not been built (its install script was skipped or failed)';
  if ((error as NodeJS.ErrnoException).code === 'ERR_DLOPEN_FAILED') {
    return `cannot be loaded by Node.js ${node.version} (${error.message.split('\n')[0]!.trim()})`;
  }
  return null;
}

/** The command that rebuilds the addon for `node`, from its own headers when it has them. */
export function rebuildCommand(node: NodeRuntime): string {
  const path = node.firstOnPath ? '' : `PATH=${join(node.prefix, 'bin')}:$PATH `;
  const nodedir = node.hasHeaders ? ` --nodedir=${node.prefix}` : '';
  return `${path}npm rebuild better-sqlite3${nodedir}`;
}

/**
 * One paragraph saying why the SQLite driver failed to load and what to run,
 * or null when `error` is not such a failure (it is then rethrown as it is).
 */
export function explainSqliteAddonFailure(error: unknown, node: NodeRuntime): string | null {
  if (!(error instanceof Error) || !error.message.includes(ADDON_FILE)) return null;
  const what = describeFailure(error, node);
  if (what === null) return null;
  return (
    `Readout cannot open its SQLite database: the SQLite driver in node_modules (better-sqlite3) ${what}. ` +
    `Rebuild it for this Node.js with \`${rebuildCommand(node)}\` and start again, or run Readout with the Node.js it was built for. ` +
    'A postgres:// DATABASE_URL does not load this driver.'
  );
}

function resolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The running Node.js, as `explainSqliteAddonFailure` needs it. */
export function currentRuntime(): NodeRuntime {
  const prefix = dirname(dirname(process.execPath));
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'node'))
    .find((candidate) => existsSync(candidate));
  return {
    version: process.version,
    modules: process.versions.modules,
    prefix,
    hasHeaders: existsSync(join(prefix, 'include', 'node', 'node_version.h')),
    firstOnPath: onPath !== undefined && resolved(onPath) === resolved(process.execPath),
  };
}

/**
 * Runs `open` (which opens the database); if it fails because the SQLite addon
 * does not fit this Node.js, prints the explanation and exits with status 1.
 * Any other error is thrown on unchanged.
 */
export function exitOnSqliteAddonMismatch<T>(open: () => T, runtime: () => NodeRuntime = currentRuntime): T {
  try {
    return open();
  } catch (error) {
    const explanation = explainSqliteAddonFailure(error, runtime());
    if (explanation === null) throw error;
    process.stderr.write(`${explanation}\n`);
    process.exit(1);
  }
}
