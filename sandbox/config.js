'use strict';
/** The sandbox's switchable behaviour (`POST /__sandbox/config`) and fault rules (`POST /__sandbox/faults`): defaults and validation. */

/** The start-up config; `POST /__sandbox/reset` returns to it. */
function initialConfig({ pageSize, latencyMs, maxPageSize }) {
  return {
    latencyMs: Number(latencyMs) || 0,
    pageSize,
    nextLinkStyle: 'absolute',
    nextLinkOrigin: null,
    checkTableShape: 'array',
    ignoreIeee754: false,
    // Parallel-paging edge cases (see README "Paging behaviour switches"):
    rejectSkip: false, // $skip on a collection → 400, as some services answer
    ignorePrefer: false, // Prefer: odata.maxpagesize is not honoured
    maxPageSize: maxPageSize || null, // Prefer: odata.maxpagesize is honoured up to this many rows (null: any)
    overDeliver: 0, // a request with $top gets up to this many rows more than it asked for, in the same page
    shortDeliver: 0, // a request with $skip > 0 gets this many rows fewer (at least 1) and no next link
    // Schema and data drift between runs (append/merge tests): { add?: column name (value 1), drop?: [names],
    // bump?: numeric column that grows by 1000 in every other row }; applied to v4 collections and check tables.
    drift: null,
  };
}

const isNonNegativeNumber = (v) => typeof v === 'number' && v >= 0;
const isNonNegativeInteger = (v) => Number.isInteger(v) && v >= 0;
const isPositiveInteger = (v) => Number.isInteger(v) && v > 0;
const isBoolean = (v) => typeof v === 'boolean';
const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const orNull = (test) => (v) => v === null || test(v);

/** [field, valid(value, whole object), message], checked in order on the fields present; the first failure is the answer. */
const CONFIG_CHECKS = [
  ['latencyMs', isNonNegativeNumber, 'latencyMs must be a non-negative number'],
  ['pageSize', isPositiveInteger, 'pageSize must be a positive integer'],
  ['nextLinkStyle', (v) => ['absolute', 'relative'].includes(v), "nextLinkStyle must be 'absolute' or 'relative'"],
  ['nextLinkOrigin', orNull((v) => /^https?:\/\/[^/]+$/.test(String(v).replace(/\/$/, ''))), 'nextLinkOrigin must look like http://host:port'],
  ['checkTableShape', (v) => ['array', 'value', 'data'].includes(v), "checkTableShape must be 'array', 'value' or 'data'"],
  ['ignoreIeee754', isBoolean, 'ignoreIeee754 must be a boolean'],
  ['rejectSkip', isBoolean, 'rejectSkip must be a boolean'],
  ['ignorePrefer', isBoolean, 'ignorePrefer must be a boolean'],
  ['maxPageSize', orNull(isPositiveInteger), 'maxPageSize must be a positive integer or null'],
  ['overDeliver', isNonNegativeInteger, 'overDeliver must be a non-negative integer'],
  ['shortDeliver', isNonNegativeInteger, 'shortDeliver must be a non-negative integer'],
  ['drift', orNull(isPlainObject), 'drift must be null or { add?, drop?, bump? }'],
];

const FAULT_FIELDS = ['match', 'status', 'retryAfter', 'body', 'contentType', 'times', 'page', 'delayMs', 'redirectTo'];

const FAULT_CHECKS = [
  ['status', (v) => Number.isInteger(v) && v >= 100 && v <= 599, 'status must be an HTTP status code'],
  ['retryAfter', isNonNegativeNumber, 'retryAfter must be a non-negative number'],
  ['times', isNonNegativeNumber, 'times must be a non-negative number'],
  ['page', isNonNegativeNumber, 'page must be a non-negative number'],
  ['delayMs', isNonNegativeNumber, 'delayMs must be a non-negative number'],
  ['page', (v) => Number.isInteger(v) && v >= 1, 'page must be an integer >= 1'],
  ['body', (v) => typeof v === 'string', 'body must be a string'],
  ['redirectTo', (v) => typeof v === 'string', 'redirectTo must be a string'],
  ['contentType', (v, f) => typeof v === 'string' && typeof f.body === 'string', 'contentType must be a string, with a body'],
];

/** The message of the first failed check, or null. */
function firstProblem(obj, checks) {
  const failed = checks.find(([field, valid]) => obj[field] !== undefined && !valid(obj[field], obj));
  return failed ? failed[2] : null;
}

function unknownFields(obj, known) {
  const unknown = Object.keys(obj).filter((k) => !known.includes(k));
  return unknown.length ? unknown : null;
}

/** Why a `POST /__sandbox/config` body is refused, or null. */
function validateConfig(c, defaults) {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return 'config must be an object';
  const unknown = unknownFields(c, Object.keys(defaults));
  if (unknown) return `unknown config field(s): ${unknown.join(', ')}`;
  return firstProblem(c, CONFIG_CHECKS);
}

/** Why one fault rule is refused, or null. */
function validateFault(f) {
  if (!f || typeof f !== 'object') return 'each fault must be an object';
  if (typeof f.match !== 'string') return "each fault needs a 'match' string";
  const unknown = unknownFields(f, FAULT_FIELDS);
  if (unknown) return `unknown fault field(s): ${unknown.join(', ')}`;
  return firstProblem(f, FAULT_CHECKS);
}

module.exports = { initialConfig, validateConfig, validateFault };
