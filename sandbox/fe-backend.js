'use strict';
/**
 * fe-mockserver-core behind the public server: a V4 and a V2 service over the same generated rows, read from memory
 * (nothing touches disk), on an internal loopback port that only this module talks to (every internal request
 * carries a per-instance secret header). Also the result cache of collection queries.
 */
const http = require('http');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const FEMockserver = require('@sap-ux/fe-mockserver-core').default;
const FileSystemLoader = require('@sap-ux/fe-mockserver-core/dist/plugins/fileSystemLoader').default;
require('./fe-patches');

const { buildEdmx, SERVED_SET_NAMES } = require('./schema');
const { toFeRows } = require('./odata');

const silentLogger = { info() {}, warn() {}, error() {}, debug() {}, verbose() {}, silly() {}, perf() {} };
let instanceCounter = 0;

/** The files fe-mockserver reads (metadata.xml, <Set>.json per version), and the exact texts of big numbers. */
function virtualFiles(sets) {
  const files = new Map();
  const root = path.join(os.tmpdir(), `tc-sandbox-virtual-${process.pid}-${++instanceCounter}`);
  const vfile = (...parts) => path.join(root, ...parts);
  const exact = {}; // set → Map(prop → Map(double → exact text))
  for (const set of SERVED_SET_NAMES) {
    const v4 = toFeRows(set, sets[set]);
    const v2 = toFeRows(set, sets[set], { dropCollections: true });
    exact[set] = v4.exact;
    files.set(vfile('v4', 'data', `${set}.json`), JSON.stringify(v4.rows));
    files.set(vfile('v2', 'data', `${set}.json`), JSON.stringify(v2.rows));
  }
  const edmx = { v4: buildEdmx('v4'), v3: buildEdmx('v3'), v2: buildEdmx('v2') };
  files.set(vfile('v4', 'metadata.xml'), edmx.v4);
  files.set(vfile('v2', 'metadata.xml'), edmx.v2);
  return { files, root, vfile, exact, edmx };
}

/** In-memory file loader: fe-mockserver reads metadata.xml and <Set>.json through it. */
function virtualLoader(files, root) {
  const isVirtual = (p) => path.normalize(p).startsWith(root);
  return class VirtualFileLoader extends FileSystemLoader {
    isTypescriptEnabled() {
      return false;
    }
    async loadFile(p) {
      return isVirtual(p) ? files.get(path.normalize(p)) : super.loadFile(p);
    }
    loadFileSync(p) {
      return isVirtual(p) ? files.get(path.normalize(p)) : super.loadFileSync(p);
    }
    async exists(p) {
      return isVirtual(p) ? files.has(path.normalize(p)) : super.exists(p);
    }
    existsSync(p) {
      // fe's per-tenant loader re-reads <Set>.json synchronously for the default tenant; answering "no"
      // makes it reuse the rows it already parsed (same data, one JSON.parse less per set).
      return isVirtual(p) ? false : super.existsSync(p);
    }
  };
}

function createFe(vf) {
  const service = (urlPath, dir) => ({ urlPath, metadataPath: vf.vfile(dir, 'metadata.xml'), mockdataPath: vf.vfile(dir, 'data'), generateMockData: false, noETag: true, logger: silentLogger });
  return new FEMockserver({
    fileLoader: virtualLoader(vf.files, vf.root),
    logger: silentLogger,
    services: [service('/odata', 'v4'), service('/odata-v2', 'v2')],
  });
}

/** The internal server: fe's router, answering only requests that carry the secret key. */
async function listenInternally(router, internalKey) {
  const internal = http.createServer((req, res) => {
    if (req.headers['x-tc-sandbox-internal'] !== internalKey) {
      res.statusCode = 403;
      res.end();
      return;
    }
    router(req, res, (err) => {
      res.statusCode = err ? 500 : 404;
      res.setHeader('content-type', 'text/plain');
      res.end(err ? String((err && err.message) || err) : '');
    });
  });
  await new Promise((resolve, reject) => internal.once('error', reject).listen(0, '127.0.0.1', resolve));
  return internal;
}

/** GET on the internal server → { status, headers, body }. */
function internalGetter(port, internalKey, agent) {
  return (pathAndQuery) =>
    new Promise((resolve, reject) => {
      const r = http.request(
        { host: '127.0.0.1', port, path: pathAndQuery, method: 'GET', agent, headers: { accept: 'application/json', 'x-tc-sandbox-internal': internalKey } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end();
    });
}

// fe-mockserver-core has no server-driven paging, and it deep-clones the whole entity set on every
// collection request (~150-250 ms per request for AccountHistory at scale 20). The data is read-only, so
// fe answers the client's query ($filter/$orderby/$select/$top/$skip/$count) once, the parsed answer is
// cached (LRU, bounded by row count), and the wrapper serves it page by page with integer $skiptoken offsets.
const MAX_CACHED_ROWS = 500000;

/** feCollection(fePath) → { resp, json? } (json only for a 200), cached. */
function cachedCollections(feGet) {
  const resultCache = new Map(); // fe path+query → { promise, rows }
  let cachedRows = 0;
  const evictBeyondLimit = (keep) => {
    for (const [k, e] of resultCache) {
      if (cachedRows <= MAX_CACHED_ROWS || k === keep) break;
      cachedRows -= e.rows;
      resultCache.delete(k);
    }
  };
  const load = (fePath, entry) =>
    feGet(fePath).then(
      (resp) => {
        if (resp.status !== 200) {
          resultCache.delete(fePath);
          return { resp };
        }
        const json = JSON.parse(resp.body);
        entry.rows = (json.d ? json.d.results : json.value).length;
        cachedRows += entry.rows;
        evictBeyondLimit(fePath);
        return { resp, json };
      },
      (err) => {
        resultCache.delete(fePath);
        throw err;
      },
    );
  return (fePath) => {
    const hit = resultCache.get(fePath);
    if (hit) {
      resultCache.delete(fePath); // refresh LRU position
      resultCache.set(fePath, hit);
      return hit.promise;
    }
    const entry = { rows: 0, promise: null };
    entry.promise = load(fePath, entry);
    resultCache.set(fePath, entry);
    return entry.promise;
  };
}

/**
 * Starts fe-mockserver over `sets` and warms every set up. Resolves to
 * { edmx, exact, get(pathAndQuery), collection(fePath), stopListening(), dispose() }.
 */
async function startFeBackend(sets) {
  const vf = virtualFiles(sets);
  const fe = createFe(vf);
  await fe.isReady;
  const internalKey = crypto.randomBytes(16).toString('hex');
  const internal = await listenInternally(fe.getRouter(), internalKey);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const get = internalGetter(internal.address().port, internalKey, agent);
  // fe-mockserver loads each entity set lazily on first access; warm everything up before we report ready.
  for (const set of SERVED_SET_NAMES) {
    await get(`/odata/${set}?$top=1`);
    await get(`/odata-v2/${set}?$top=1`);
  }
  const stopListening = () =>
    new Promise((resolve) => {
      internal.close(() => resolve());
      if (internal.closeAllConnections) internal.closeAllConnections();
    });
  const dispose = async () => {
    agent.destroy();
    await fe.dispose();
  };
  return { edmx: vf.edmx, exact: vf.exact, get, collection: cachedCollections(get), stopListening, dispose };
}

module.exports = { startFeBackend };
