'use strict';
/**
 * Response shaping per OData version over fe-mockserver's V4/V2 answers: the V3 JSON-light root, V2 dates and
 * absolute V2 URIs, the collection envelopes, and config.drift. Never mutates a cached row.
 */
const { datePaths } = require('./schema');

/** Copy of obj with the 'YYYY-MM-DD' text at path p converted (copy-on-write: cached rows stay untouched). */
function withDateAt(obj, p, convert) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !(p[0] in obj)) return obj;
  const v = obj[p[0]];
  const nv = p.length > 1 ? withDateAt(v, p.slice(1), convert) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? convert(v) : v;
  return nv === v ? obj : Object.assign({}, obj, { [p[0]]: nv });
}

/**
 * V3 JSON light: '@odata.x' → 'odata.x' (property annotations 'X@odata.type' stay), Edm.Date → DateTime text,
 * also inside complex values (paths from schema.datePaths).
 */
function toV3Row(row, dates) {
  let out = {};
  for (const k of Object.keys(row)) out[k.startsWith('@odata.') ? k.slice(1) : k] = row[k];
  for (const p of dates) out = withDateAt(out, p, (day) => `${day}T00:00:00`);
  return out;
}

/**
 * V2: fe-mockserver writes top-level dates as /Date(ms)/ but leaves Edm.Date members of complex values as
 * 'YYYY-MM-DD'; a V2 server writes every Edm.DateTime as /Date(ms)/ (UTC midnight for a date).
 */
function v2NestedDates(row, dates) {
  let out = row;
  for (const p of dates) if (p.length > 1) out = withDateAt(out, p, (day) => `/Date(${Date.parse(`${day}T00:00:00Z`)})/`);
  return out;
}

/** Copy of a V2 row with absolute __metadata.id/uri (fe writes them relative). */
function absolutiseV2(row, origin) {
  if (!row || !row.__metadata) return row;
  const meta = Object.assign({}, row.__metadata);
  for (const k of ['id', 'uri']) if (typeof meta[k] === 'string' && meta[k].startsWith('/')) meta[k] = origin + meta[k];
  return Object.assign({}, row, { __metadata: meta });
}

/** A V2 row as a V2 server writes it. */
const toV2Row = (row, origin, dates) => v2NestedDates(absolutiseV2(row, origin), dates);

/** config.drift on one page of rows (see config.js). */
function drifted(drift, rows) {
  if (!drift) return rows;
  return rows.map((row, i) => {
    const out = Object.assign({}, row);
    for (const name of drift.drop || []) delete out[name];
    if (drift.add) out[drift.add] = 1;
    if (drift.bump && typeof out[drift.bump] === 'number' && i % 2 === 0) out[drift.bump] += 1000;
    return out;
  });
}

/**
 * The collection answer in the version's envelope.
 * page: { set, context (fe's V4 context), rows, count, countRequested, link, origin }.
 */
function collectionEnvelope(version, page) {
  const { set, rows, count, countRequested, link, origin } = page;
  if (version === 'v4') {
    const out = { '@odata.context': page.context };
    if (countRequested) out['@odata.count'] = count;
    out.value = rows;
    if (link) out['@odata.nextLink'] = link;
    return out;
  }
  const dates = datePaths(set);
  if (version === 'v3') {
    const out = { 'odata.metadata': `${origin}/odata-v3/$metadata#${set}` };
    if (countRequested) out['odata.count'] = String(count);
    out.value = rows.map((r) => toV3Row(r, dates));
    if (link) out['odata.nextLink'] = link;
    return out;
  }
  const d = { results: rows.map((r) => toV2Row(r, origin, dates)) };
  if (countRequested) d.__count = String(count);
  if (link) d.__next = link;
  return { d };
}

/** A single entity or property answer (fe's JSON) in the version's shape. `isProperty`: a property path, not an entity. */
function entityInVersion(version, json, { set, tail, origin, isProperty }) {
  if (version === 'v4' && /^\([^)]*\)$/.test(tail) && typeof json['@odata.context'] === 'string') {
    json['@odata.context'] = `$metadata#${set}/$entity`; // fe writes $metadata#Accounts(1002)
  }
  if (version === 'v3') {
    const ctxUrl = `${origin}/odata-v3/$metadata#${set}${isProperty ? '' : '/@Element'}`;
    const rest = Object.assign({}, json);
    delete rest['@odata.context'];
    return Object.assign({ 'odata.metadata': ctxUrl }, toV3Row(rest, datePaths(set)));
  }
  if (version === 'v2' && json.d) {
    const dates = datePaths(set);
    if (Array.isArray(json.d.results)) json.d.results = json.d.results.map((r) => toV2Row(r, origin, dates));
    else json.d = toV2Row(json.d, origin, dates);
  }
  return json;
}

module.exports = { drifted, collectionEnvelope, entityInVersion };
