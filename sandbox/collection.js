'use strict';
/**
 * Entity-set collections: fe answers the query once (cached, see fe-backend.js), and the wrapper applies the client's
 * $skip/$top, server-driven paging with $skiptoken offsets and next links, Prefer: odata.maxpagesize, $count, and
 * the paging switches of the config (rejectSkip, ignorePrefer, maxPageSize, overDeliver, shortDeliver, drift).
 */
const { getParam, withoutParams, joinQuery, serialize, exactPropsOf } = require('./odata');
const { send, sendError, sendFeError, jsonHeaders } = require('./respond');
const { wantsIeee754, forwardParams, unknownPropertyError } = require('./query-options');
const { drifted, collectionEnvelope } = require('./shapes');

const originOf = (ctx) => ctx.state.originOf(ctx.req);

/** Why the paging options are refused, or null. */
function invalidPaging(ctx) {
  for (const name of ['$top', '$skip']) {
    const v = getParam(ctx.params, name);
    if (v !== undefined && !/^\d+$/.test(v)) return `Invalid value '${v}' for ${name}: expected a non-negative integer.`;
  }
  const tok = getParam(ctx.params, '$skiptoken');
  if (tok !== undefined && !/^\d+$/.test(tok)) return `Invalid $skiptoken '${tok}'`;
  if (ctx.state.config.rejectSkip && getParam(ctx.params, '$skip') !== undefined) return 'The query option $skip is not supported.';
  return null;
}

function isCountRequested(ctx) {
  if (ctx.route.version === 'v4') return String(getParam(ctx.params, '$count')).toLowerCase() === 'true';
  return getParam(ctx.params, '$inlinecount') === 'allpages';
}

/** The server page size, or the client's Prefer: odata.maxpagesize (V4), capped by config.maxPageSize. */
function negotiatePageSize(ctx) {
  const { config } = ctx.state;
  const prefer = /odata\.maxpagesize=(\d+)/i.exec(String(ctx.req.headers.prefer || ''));
  if (ctx.route.version !== 'v4' || !prefer || !(Number(prefer[1]) > 0) || config.ignorePrefer) return { pageSize: config.pageSize, headers: {} };
  const pageSize = config.maxPageSize ? Math.min(Number(prefer[1]), config.maxPageSize) : Number(prefer[1]);
  return { pageSize, headers: { 'Preference-Applied': `odata.maxpagesize=${pageSize}` } };
}

function nextLink(ctx, offset) {
  const { config } = ctx.state;
  const { set } = ctx.route;
  const kept = withoutParams(ctx.params, ['$skiptoken']);
  const token = `$skiptoken=${offset}`;
  if (config.nextLinkStyle === 'relative') return `${set}?${[token].concat(kept.map((p) => p.raw)).join('&')}`;
  const origin = config.nextLinkOrigin || originOf(ctx);
  return `${origin}${ctx.route.root.prefix}${set}?${joinQuery(kept, [token])}`;
}

/** The client's $skip/$top window of fe's full answer (over-delivered by config.overDeliver). */
function clientWindow(ctx, full) {
  const topParam = getParam(ctx.params, '$top');
  const skipParam = getParam(ctx.params, '$skip');
  const clientTop = topParam !== undefined ? Number(topParam) : Infinity;
  const skipped = skipParam !== undefined ? Number(skipParam) : 0;
  if (clientTop === 0) return { rows: [], clientTop };
  const end = clientTop === Infinity ? undefined : skipped + clientTop + ctx.state.config.overDeliver;
  return { rows: full.slice(skipped, end), clientTop };
}

/** One server page of the window, with its next link (none after a short delivery). */
function serverPage(ctx, full, pageSize) {
  const { config } = ctx.state;
  const tok = getParam(ctx.params, '$skiptoken');
  const offset = tok !== undefined ? Number(tok) : 0;
  const window = clientWindow(ctx, full);
  // Over-delivery: the extra rows come in the same page (a server that ignores $top, not one that pages it).
  const size = config.overDeliver > 0 && window.clientTop !== Infinity ? Math.max(pageSize, window.clientTop + config.overDeliver) : pageSize;
  const page = window.rows.slice(offset, offset + size);
  const rows = ctx.route.version === 'v4' ? drifted(config.drift, page) : page;
  const link = window.rows.length > offset + size ? nextLink(ctx, offset + size) : null;
  const shortDelivery = config.shortDeliver > 0 && Number(getParam(ctx.params, '$skip') || 0) > 0 && rows.length > 1;
  if (shortDelivery) return { rows: rows.slice(0, Math.max(1, rows.length - config.shortDeliver)), link: null };
  return { rows, link };
}

async function collection(ctx) {
  const { version, set } = ctx.route;
  const invalid = invalidPaging(ctx);
  if (invalid) return sendError(ctx, 400, invalid);
  const ieee754 = wantsIeee754(ctx);
  const countRequested = isCountRequested(ctx);
  const negotiated = negotiatePageSize(ctx);
  // fe answers the query without the client's $top/$skip (so every window of one query shares one cached
  // answer; fe would deep-clone the whole set for each), and the client's $skip/$top are applied here.
  const fePath = `${ctx.route.root.fe}${set}?${joinQuery(forwardParams(ctx, ['$top', '$skip']))}`;
  const { resp, json } = await ctx.state.fe.collection(fePath);
  if (!json) return sendFeError(ctx, resp);
  const unknown = unknownPropertyError(ctx);
  if (unknown) return unknown;
  const full = version === 'v2' ? json.d.results : json.value;
  const count = version === 'v2' ? json.d.__count : json['@odata.count'];
  const { rows, link } = serverPage(ctx, full, negotiated.pageSize);
  const out = collectionEnvelope(version, { set, context: json['@odata.context'], rows, count, countRequested, link, origin: originOf(ctx) });
  const body = serialize(out, { exactProps: exactPropsOf(set), exact: ctx.state.fe.exact[set], quote: version !== 'v4' || ieee754 });
  return send(ctx, 200, Object.assign(jsonHeaders(ctx, ieee754), negotiated.headers), body);
}

module.exports = { collection };
