'use strict';
/** What a data request asks for beyond the resource: exact numbers (IEEE754Compatible), the query forwarded to fe, unknown properties. */
const { getParam, withoutParams, translateLegacyFilter, findUnknownProperty } = require('./odata');
const { ENTITY_SETS } = require('./schema');
const { sendError } = require('./respond');

const entityTypeName = (set) => `TrueClicks.${ENTITY_SETS.find((s) => s.name === set).type}`;

/** V4 only, unless config.ignoreIeee754: Int64/Decimal as strings when the client asks for IEEE754Compatible=true. */
function wantsIeee754(ctx) {
  if (ctx.route.version !== 'v4' || ctx.state.config.ignoreIeee754) return false;
  const accept = String(ctx.req.headers.accept || '');
  const format = getParam(ctx.params, '$format') || '';
  return /IEEE754Compatible=true/i.test(accept) || /IEEE754Compatible=true/i.test(format);
}

/** Query forwarded to fe: no $format/$count/$inlinecount/paging options; V2/V3 $filter literals translated. */
function forwardParams(ctx, drop) {
  let fwd = withoutParams(ctx.params, ['$format', '$count', '$inlinecount', '$skiptoken'].concat(drop || []));
  if (ctx.route.version !== 'v4') {
    fwd = fwd.map((p) => {
      if (p.key !== '$filter') return p;
      const translated = translateLegacyFilter(p.value);
      return translated === p.value ? p : { raw: `$filter=${encodeURIComponent(translated)}`, key: '$filter', value: translated };
    });
  }
  return fwd;
}

/** After fe accepted the query (so its parse errors win): unknown property names → 400, as real servers do. */
function unknownPropertyError(ctx) {
  const bad = findUnknownProperty(ctx.route.set, ctx.params);
  return bad ? sendError(ctx, 400, `Property '${bad}' not found in type '${entityTypeName(ctx.route.set)}'`) : null;
}

/** The sandbox model has no navigation properties: any $expand → 400 (fe would silently ignore it). */
function expandError(ctx) {
  const expand = getParam(ctx.params, '$expand');
  if (expand === undefined) return null;
  return sendError(ctx, 400, `Navigation property '${expand.split(/[,(/]/)[0]}' not found in type '${entityTypeName(ctx.route.set)}' (the sandbox model has no navigation properties)`);
}

module.exports = { wantsIeee754, forwardParams, unknownPropertyError, expandError };
