'use strict';
/**
 * Helpers for the wrapper around fe-mockserver-core: raw query handling, exact Int64/Decimal
 * serialisation, OData error bodies, and the V3 filter-literal translation.
 */
const { EXACT_TYPES, propertyTypes } = require('./schema');

// ---------------------------------------------------------------- raw query strings
/** Splits a raw query string into [{ raw, key, value, rawValue }] without re-encoding anything. */
function parseQuery(rawQuery) {
  if (!rawQuery) return [];
  return rawQuery
    .split('&')
    .filter((part) => part.length > 0)
    .map((raw) => {
      const eq = raw.indexOf('=');
      const rawKey = eq < 0 ? raw : raw.slice(0, eq);
      const rawValue = eq < 0 ? '' : raw.slice(eq + 1);
      return { raw, key: safeDecode(rawKey), value: safeDecode(rawValue), rawValue };
    });
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function getParam(params, name) {
  const p = params.find((x) => x.key === name);
  return p ? p.value : undefined;
}

function withoutParams(params, names) {
  return params.filter((x) => !names.includes(x.key));
}

function joinQuery(params, extra = []) {
  return params.map((p) => p.raw).concat(extra).join('&');
}

// ---------------------------------------------------------------- exact numbers
/**
 * fe-mockserver-core parses Edm.Int64 with parseInt at load time (so 9007199254740993 would become
 * 9007199254740992) and compares Decimal strings lexicographically in $orderby. We therefore give fe
 * plain JS numbers and remember, per entity set and property, which double stands for which exact
 * decimal text. The generator guarantees the mapping is unambiguous (checked here).
 */
function toFeRows(setName, rows, { dropCollections = false } = {}) {
  const types = propertyTypes(setName);
  const exactProps = Object.keys(types).filter((k) => EXACT_TYPES.has(types[k]));
  const collectionProps = Object.keys(types).filter((k) => types[k].startsWith('Collection('));
  const exact = new Map(exactProps.map((k) => [k, new Map()]));
  const out = rows.map((row) => {
    const copy = Object.assign({}, row);
    for (const k of exactProps) {
      const text = copy[k];
      if (text === null || text === undefined) continue;
      const num = Number(text);
      if (!Number.isFinite(num)) throw new Error(`${setName}.${k}: not a number: ${text}`);
      copy[k] = num;
      if (String(num) !== text) {
        const m = exact.get(k);
        const prev = m.get(num);
        if (prev !== undefined && prev !== text) throw new Error(`${setName}.${k}: ${text} and ${prev} share the double ${num}`);
        m.set(num, text);
      }
    }
    if (dropCollections) for (const k of collectionProps) delete copy[k];
    return copy;
  });
  return { rows: out, exact };
}

/** Text of an exact-typed number: the stored exact text if we have it, else JS's shortest round-trip form. */
function exactText(exactMap, prop, num) {
  const m = exactMap && exactMap.get(prop);
  const t = m && m.get(num);
  if (t !== undefined) return t;
  if (Number.isInteger(num) && Math.abs(num) >= 1e21) return BigInt(num).toString();
  return String(num);
}

/**
 * JSON serialiser that writes Int64/Decimal properties (names in `exactProps`) either as raw number
 * tokens with their exact digits, or as JSON strings when `quote` is true. Everything else is written
 * like JSON.stringify would.
 */
function serialize(value, opts) {
  const { exactProps = new Set(), exact = new Map(), quote = false } = opts || {};
  const parts = [];
  const write = (v, propName) => {
    if (v === null || v === undefined) {
      parts.push('null');
    } else if (typeof v === 'number') {
      if (propName !== undefined && exactProps.has(propName)) {
        const text = exactText(exact, propName, v);
        parts.push(quote ? JSON.stringify(text) : text);
      } else {
        parts.push(Number.isFinite(v) ? String(v) : 'null');
      }
    } else if (typeof v === 'string' || typeof v === 'boolean') {
      parts.push(JSON.stringify(v));
    } else if (Array.isArray(v)) {
      parts.push('[');
      v.forEach((item, i) => {
        if (i) parts.push(',');
        // arrays of rows (value / results) keep no property context; primitive collections inherit it
        write(item, item !== null && typeof item === 'object' ? undefined : propName);
      });
      parts.push(']');
    } else if (typeof v === 'object') {
      parts.push('{');
      let first = true;
      for (const k of Object.keys(v)) {
        if (v[k] === undefined) continue;
        if (!first) parts.push(',');
        first = false;
        parts.push(JSON.stringify(k), ':');
        write(v[k], k);
      }
      parts.push('}');
    }
  };
  write(value, undefined);
  return parts.join('');
}

function exactPropsOf(setName) {
  const types = propertyTypes(setName);
  return new Set(Object.keys(types).filter((k) => EXACT_TYPES.has(types[k])));
}

// ---------------------------------------------------------------- errors
const STATUS_TEXT = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** OData JSON error body: V4/V3 {"error":{"code":"400","message":"..."}}, V2 message is {lang,value}. */
function errorBody(version, status, message, code) {
  const c = code || String(status);
  if (version === 'v2') return JSON.stringify({ error: { code: c, message: { lang: 'en', value: message } } });
  return JSON.stringify({ error: { code: c, message } });
}

// ---------------------------------------------------------------- V2/V3 $filter literal translation
/**
 * V2/V3 clients write typed literals that fe-mockserver's filter parser does not understand (in either
 * mode): drop the suffixes of 12.5M / 1.5d / 2f and turn datetimeoffset'…' / guid'…' into bare literals.
 * String literals are left untouched; datetime'…', 123L and substringof are understood by fe.
 * ($inlinecount is handled by the caller; the V3 root forwards to the V4 fe service.)
 */
function translateLegacyFilter(filter) {
  let out = '';
  let i = 0;
  while (i < filter.length) {
    const ch = filter[i];
    if (ch === "'") {
      // copy a string literal verbatim ('' escapes a quote)
      let j = i + 1;
      while (j < filter.length) {
        if (filter[j] === "'" && filter[j + 1] === "'") j += 2;
        else if (filter[j] === "'") break;
        else j++;
      }
      out += filter.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(datetimeoffset|guid)'([^']*)'/i.exec(filter.slice(i));
    if (m && !/[A-Za-z0-9_]/.test(filter[i - 1] || '')) {
      out += m[2];
      i += m[0].length;
      continue;
    }
    const n = /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)[mMdDfF](?![A-Za-z0-9_])/.exec(filter.slice(i));
    if (n && !/[A-Za-z0-9_.]/.test(filter[i - 1] || '')) {
      out += n[1];
      i += n[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

// ---------------------------------------------------------------- property-name validation
/**
 * fe-mockserver-core silently ignores unknown properties ($select=Nope → keys only, $orderby=Nope → unsorted,
 * $filter=Nope eq 1 → no rows) and ignores $expand. Real OData servers answer 400, so the wrapper checks names.
 */
const FILTER_KEYWORDS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'has', 'in', 'add', 'sub', 'mul', 'div', 'divby', 'mod', 'true', 'false', 'null', 'INF', 'NaN', 'asc', 'desc']);

function unknownProperty(name, props) {
  const first = name.split('/')[0];
  return first && first !== '*' && !Object.prototype.hasOwnProperty.call(props, first) ? first : null;
}

/** Index just after the quoted literal starting at i ('' inside is an escaped quote). */
function afterStringLiteral(f, i) {
  let j = i + 1;
  while (j < f.length && !(f[j] === "'" && f[j + 1] !== "'")) j += f[j] === "'" ? 2 : 1;
  return j + 1;
}

/** Index just after the number-like literal (numbers, dates, times, GUIDs) starting at i. */
function afterNumberLiteral(f, i) {
  let j = i;
  while (j < f.length && /[0-9A-Za-z:.+-]/.test(f[j])) j++;
  return j;
}

/** The first unknown property a $filter names, or null: a small tokenizer that skips literals, functions and operators. */
function unknownInFilter(f, props) {
  if (/\b(any|all)\s*\(/.test(f)) return null; // lambda variables: leave those to fe
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === "'") i = afterStringLiteral(f, i);
    else if (/[0-9]/.test(ch)) i = afterNumberLiteral(f, i);
    else if (/[A-Za-z_]/.test(ch)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(f.slice(i))[0];
      i += word.length;
      const next = f.slice(i).trimStart()[0];
      const isOperand = !(next === '(' || f[i] === "'" || FILTER_KEYWORDS.has(word)); // not a function, typed literal or operator
      const bad = isOperand ? unknownProperty(word, props) : null;
      if (bad) return bad;
    } else i++;
  }
  return null;
}

/** The first unknown property of a comma-separated list ($select, $orderby), each item named by nameOf. */
function unknownInList(value, props, nameOf) {
  for (const item of value.split(',')) {
    const bad = unknownProperty(nameOf(item), props);
    if (bad) return bad;
  }
  return null;
}

const PROPERTY_CHECKS = new Map([
  ['$select', (value, props) => unknownInList(value, props, (item) => item.trim())],
  ['$orderby', (value, props) => unknownInList(value, props, (item) => item.trim().split(/\s+/)[0])],
  ['$filter', unknownInFilter],
]);

/** Returns the first unknown property name used in $select / $orderby / $filter, or null. */
function findUnknownProperty(setName, params) {
  const props = propertyTypes(setName);
  for (const p of params) {
    const check = PROPERTY_CHECKS.get(p.key);
    const bad = check ? check(p.value, props) : null;
    if (bad) return bad;
  }
  return null;
}

module.exports = {
  findUnknownProperty,
  parseQuery,
  safeDecode,
  getParam,
  withoutParams,
  joinQuery,
  toFeRows,
  serialize,
  exactPropsOf,
  errorBody,
  STATUS_TEXT,
  translateLegacyFilter,
};
