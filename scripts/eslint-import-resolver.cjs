// Resolves imports for the lint rules that follow them (feature boundaries,
// import cycles): the package's own subpath imports (#client/*, #server/*,
// #shared/* in package.json "imports"), which the stock node resolver does not
// know; everything else goes to that resolver.
const fs = require('node:fs');
const path = require('node:path');
const node = require('eslint-import-resolver-node');

const root = path.resolve(__dirname, '..');
const subpaths = Object.entries(require(path.join(root, 'package.json')).imports ?? {}).map(([pattern, target]) => ({
  prefix: pattern.replace(/\*$/, ''),
  target: path.join(root, target.replace(/\*$/, '')),
}));

exports.interfaceVersion = 2;

exports.resolve = (source, file, config) => {
  const subpath = subpaths.find(({ prefix }) => source.startsWith(prefix));
  if (!subpath) return node.resolve(source, file, config);
  const resolved = path.join(subpath.target, source.slice(subpath.prefix.length));
  return fs.existsSync(resolved) ? { found: true, path: resolved } : { found: false };
};
