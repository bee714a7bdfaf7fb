'use strict';
/** Which resource a public path names: a service root, $metadata, the check table, a collection or an entity path. */
const { safeDecode } = require('./odata');
const { SERVED_SET_NAMES } = require('./schema');

const ROOTS = [
  { prefix: '/odata-v2/', version: 'v2', fe: '/odata-v2/' },
  { prefix: '/odata-v3/', version: 'v3', fe: '/odata/' }, // V3 = shape transform over the V4 fe service
  { prefix: '/odata/', version: 'v4', fe: '/odata/' },
];

const ROOT_KINDS = { '': 'servicedoc', $metadata: 'metadata', CheckOutputTable: 'checktable', $batch: 'batch' };

/** The part after a service root: a fixed resource, an entity set (collection or entity path), or an unknown set. */
function classifyRest(base) {
  const { rest } = base;
  if (Object.prototype.hasOwnProperty.call(ROOT_KINDS, rest)) return Object.assign(base, { kind: ROOT_KINDS[rest] });
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(rest);
  if (!m || !SERVED_SET_NAMES.includes(m[1])) return Object.assign(base, { kind: 'unknown-set', name: m ? m[1] : rest });
  const tail = m[2];
  if (tail === '' || tail === '/') return Object.assign(base, { kind: 'collection', set: m[1] });
  return Object.assign(base, { kind: 'entity', set: m[1], tail });
}

/** { kind, version?, root?, rawRest?, rest?, set?, tail?, name? } for a request path. */
function classify(pathname) {
  if (pathname === '/odata' || pathname === '/odata-v2' || pathname === '/odata-v3') return { kind: 'noslash' };
  const root = ROOTS.find((r) => pathname.startsWith(r.prefix));
  if (!root) return { kind: pathname === '/' ? 'index' : 'unknown-path' };
  const rawRest = pathname.slice(root.prefix.length);
  return classifyRest({ version: root.version, root, rawRest, rest: safeDecode(rawRest) });
}

module.exports = { classify };
