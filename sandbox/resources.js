'use strict';
/** The service documents, $metadata, and single entities / property paths / $count (fe answers; we normalise errors, numbers and shapes). */
const { joinQuery, serialize, exactPropsOf } = require('./odata');
const { SET_NAMES } = require('./schema');
const { send, sendFeError, odataHeaders, jsonHeaders } = require('./respond');
const { wantsIeee754, forwardParams, unknownPropertyError } = require('./query-options');
const { entityInVersion } = require('./shapes');

async function serviceDocument(ctx) {
  const { version } = ctx.route;
  // fe-mockserver answers the service document with Atom XML unless $format=json is given.
  const resp = await ctx.state.fe.get(`${ctx.route.root.fe}?$format=json`);
  if (resp.status !== 200) return sendFeError(ctx, resp);
  // Hidden sets (the hostile corpus) are served but not listed.
  const listed = (name) => SET_NAMES.includes(name);
  const doc = JSON.parse(resp.body);
  if (version === 'v2') {
    doc.d.EntitySets = doc.d.EntitySets.filter(listed);
    return send(ctx, 200, odataHeaders('v2', { 'content-type': 'application/json;charset=utf-8' }), JSON.stringify(doc));
  }
  doc.value = doc.value.filter((s) => listed(s.name));
  if (version === 'v4') return send(ctx, 200, odataHeaders('v4', { 'content-type': 'application/json;odata.metadata=minimal' }), JSON.stringify(doc));
  const body = { 'odata.metadata': `${ctx.state.originOf(ctx.req)}/odata-v3/$metadata`, value: doc.value.map((s) => ({ name: s.name, url: s.url })) };
  return send(ctx, 200, odataHeaders('v3', { 'content-type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' }), JSON.stringify(body));
}

async function metadata(ctx) {
  const { version } = ctx.route;
  if (version === 'v3') return send(ctx, 200, odataHeaders('v3', { 'content-type': 'application/xml;charset=utf-8' }), ctx.state.fe.edmx.v3);
  const resp = await ctx.state.fe.get(`${ctx.route.root.fe}$metadata`);
  if (resp.status !== 200) return sendFeError(ctx, resp);
  return send(ctx, 200, odataHeaders(version, { 'content-type': 'application/xml;charset=utf-8' }), resp.body);
}

/**
 * The exact-number texts that apply to this answer: the set's, or for a property value request
 * (e.g. Accounts(1002)/LifetimeImpressions → {"value": ...}) the property's under the name 'value'.
 */
function exactNumbersFor(ctx, json, property) {
  const { version, set } = ctx.route;
  const exactOfSet = ctx.state.fe.exact[set];
  let exactProps = exactPropsOf(set);
  if (!property || !exactProps.has(property)) return { exactProps, exact: exactOfSet };
  exactProps = new Set(['value']);
  const exact = new Map([['value', exactOfSet.get(property)]]);
  if (version === 'v2' && json.d) {
    exactProps.add(property);
    exact.set(property, exactOfSet.get(property));
  }
  return { exactProps, exact };
}

/** Single entities, property paths and /$count. */
async function entity(ctx) {
  const { version, set, tail } = ctx.route;
  const q = joinQuery(forwardParams(ctx));
  const resp = await ctx.state.fe.get(`${ctx.route.root.fe}${ctx.route.rawRest}${q ? '?' + q : ''}`);
  if (resp.status !== 200) return sendFeError(ctx, resp);
  const unknown = unknownPropertyError(ctx);
  if (unknown) return unknown;
  const ct = String(resp.headers['content-type'] || '');
  if (!/json/.test(ct)) return send(ctx, 200, Object.assign(odataHeaders(version), { 'content-type': ct || 'text/plain' }), resp.body);
  const ieee754 = wantsIeee754(ctx);
  const json = JSON.parse(resp.body);
  const propMatch = /^\([^)]*\)\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(tail);
  const { exactProps, exact } = exactNumbersFor(ctx, json, propMatch && propMatch[1]);
  const shaped = entityInVersion(version, json, { set, tail, origin: ctx.state.originOf(ctx.req), isProperty: !!propMatch });
  const body = serialize(shaped, { exactProps, exact, quote: version !== 'v4' || ieee754 });
  return send(ctx, 200, jsonHeaders(ctx, ieee754), body);
}

module.exports = { serviceDocument, metadata, entity };
