import { parseAst, type Plugin } from 'vite';

/** The shared schemas, whose `meta(schema, {...})` is shared/schemas/zod.ts's. */
const SCHEMA_MODULE = /[\\/]shared[\\/]schemas[\\/][^\\/]+\.ts$/;

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/**
 * The code without its `meta(<schema>, { ... })` calls (each becomes
 * `<schema>`), or null when it has none. `meta` is shared/schemas/zod.ts's:
 * the metadata (descriptions, examples, ids) is what the server's OpenAPI
 * document is made of; a schema parses the same without it, and the
 * dashboard never reads it.
 */
export function stripMetaCalls(code: string): string | null {
  let found = false;
  const children = (node: Node): Node[] =>
    Object.values(node)
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter(isNode)
      .sort((a, b) => a.start - b.start);
  const render = (node: Node): string => {
    const callee = node.callee;
    const args = node.arguments as Node[] | undefined;
    if (node.type === 'CallExpression' && isNode(callee) && callee.type === 'Identifier' && callee.name === 'meta' && args?.length === 2 && args[1]!.type === 'ObjectExpression') {
      found = true;
      // What is inside the metadata goes too; only the schema can hold more.
      return render(args[0]!);
    }
    let out = '';
    let at = node.start;
    for (const child of children(node)) {
      if (child.start < at) continue;
      out += code.slice(at, child.start) + render(child);
      at = child.end;
    }
    return out + code.slice(at, node.end);
  };
  const program = parseAst(code) as unknown as Node;
  const out = code.slice(0, program.start) + render(program) + code.slice(program.end);
  return found ? out : null;
}

/**
 * The code with each top-level `const` that a call builds (a schema) built
 * inside a function marked pure, or null when it has none: a bundler drops
 * an unused declaration only when nothing in it may have effects, and a
 * schema's `.check(...)` is a method call it cannot see into. Building a
 * schema has no effect but the schema (shared/schemas have no other code at
 * the top level), so the page's chunk keeps only the schemas it uses.
 */
export function markSchemasPure(code: string): string | null {
  const cuts: Array<[number, string]> = [];
  for (const statement of (parseAst(code) as unknown as { body: Node[] }).body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node | null) : statement;
    if (!declaration || declaration.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations as Node[]) {
      const init = declarator.init as Node | null;
      if (!init || init.type !== 'CallExpression') continue;
      cuts.push([init.start, '/* @__PURE__ */ (() => '], [init.end, ')()']);
    }
  }
  if (cuts.length === 0) return null;
  let out = code;
  for (const [at, text] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

/**
 * The Vite plugin: the dashboard's build of `shared/schemas` leaves out the
 * OpenAPI metadata, a fifth of the first page's schema code, and marks the
 * schemas pure. Runs after the TypeScript is stripped, on the JavaScript.
 */
export function stripSchemaMeta(): Plugin {
  return {
    name: 'readout-strip-schema-meta',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!SCHEMA_MODULE.test(id)) return null;
      const stripped = stripMetaCalls(code) ?? code;
      const out = markSchemasPure(stripped) ?? stripped;
      return out === code ? null : { code: out, map: null };
    },
  };
}
