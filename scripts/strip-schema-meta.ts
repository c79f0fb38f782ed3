import { parseAst, type Plugin } from 'vite';

/** The shared schemas, where every `.meta({...})` is zod's. */
const SCHEMA_MODULE = /[\\/]shared[\\/]schemas[\\/][^\\/]+\.ts$/;

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/**
 * The code without its `<schema>.meta({ ... })` calls (each becomes
 * `<schema>`), or null when it has none. The metadata (descriptions,
 * examples, ids) is what the server's OpenAPI document is made of; a zod
 * schema parses the same without it, and the dashboard never reads it.
 */
export function stripMetaCalls(code: string): string | null {
  const cuts: Array<[number, number]> = [];
  const visit = (node: Node) => {
    const callee = node.callee;
    if (node.type === 'CallExpression' && isNode(callee) && callee.type === 'MemberExpression' && !callee.computed) {
      const property = callee.property as Node & { name?: string };
      const args = node.arguments as Node[];
      if (property.type === 'Identifier' && property.name === 'meta' && args.length === 1 && args[0]!.type === 'ObjectExpression') {
        cuts.push([(callee.object as Node).end, node.end]);
        // What is inside the argument goes too; only the schema it is called on can hold more.
        visit(callee.object as Node);
        return;
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) if (isNode(item)) visit(item);
      if (isNode(value)) visit(value);
    }
  };
  visit(parseAst(code) as unknown as Node);
  if (cuts.length === 0) return null;
  cuts.sort((a, b) => b[0] - a[0]);
  let out = code;
  for (const [from, to] of cuts) out = out.slice(0, from) + out.slice(to);
  return out;
}

/**
 * The Vite plugin: the dashboard's build of `shared/schemas` leaves out the
 * OpenAPI metadata, a fifth of the first page's schema code. Runs after the
 * TypeScript is stripped, on the JavaScript.
 */
export function stripSchemaMeta(): Plugin {
  return {
    name: 'readout-strip-schema-meta',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!SCHEMA_MODULE.test(id)) return null;
      const stripped = stripMetaCalls(code);
      return stripped === null ? null : { code: stripped, map: null };
    },
  };
}
