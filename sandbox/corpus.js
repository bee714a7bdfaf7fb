'use strict';
/**
 * The hostile corpus: nasty values the add-on must import faithfully, from committed data files.
 *
 *  - sandbox/corpus/hostile.json     rows of the entity set `Corpus` (type TrueClicks.CorpusCase, key `Case`),
 *                                    served like the other sets under /odata/, /odata-v2/ and /odata-v3/.
 *  - sandbox/corpus/check-table.json the REST check output table of the rule key `hostile-corpus` (any existing
 *                                    account), served BYTE FOR BYTE: raw number tokens such as 9007199254740993
 *                                    or 1e400 reach the client exactly as written, which JSON.parse +
 *                                    JSON.stringify could not do. Free-form JSON (deep objects, arrays of arrays,
 *                                    hostile keys) that an EDMX cannot describe lives here.
 *
 * Every row has `Case` (its name) and `Why` (what it guards against). See sandbox/README.md.
 */
const fs = require('fs');
const path = require('path');
const { EXACT_TYPES, NAMESPACE, COMPLEX_TYPES, entityTypeOfSet } = require('./schema');

const CORPUS_SET = 'Corpus';
const CORPUS_RULE_KEY = 'hostile-corpus';
const CORPUS_FILE = path.join(__dirname, 'corpus', 'hostile.json');
const CHECK_TABLE_CORPUS_FILE = path.join(__dirname, 'corpus', 'check-table.json');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `{"$repeat": unit, "length": N, "prefix"?, "suffix"?}` → prefix + unit repeated + suffix, exactly N code units. */
function expandText(value, where) {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('$repeat' in value)) return value;
  const { $repeat: unit, length, prefix = '', suffix = '' } = value;
  const unknown = Object.keys(value).filter((k) => !['$repeat', 'length', 'prefix', 'suffix'].includes(k));
  if (unknown.length) throw new Error(`${where}: unknown $repeat field(s) ${unknown.join(', ')}`);
  if (typeof unit !== 'string' || !unit || !Number.isInteger(length) || typeof prefix !== 'string' || typeof suffix !== 'string') {
    throw new Error(`${where}: $repeat needs a non-empty unit text and an integer length`);
  }
  const body = length - prefix.length - suffix.length;
  if (body < 0) throw new Error(`${where}: prefix and suffix are longer than ${length}`);
  const text = prefix + unit.repeat(Math.ceil(body / unit.length)).slice(0, body) + suffix;
  if (LONE_SURROGATE.test(text)) throw new Error(`${where}: the $repeat cut splits a surrogate pair; choose another length`);
  return text;
}

/** Edm type → [accepts(value), what it must be]; EXACT_TYPES (Int64/Decimal) are exact decimal strings. */
const EXACT_CHECK = [(v) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v), 'an exact decimal string'];
const VALUE_CHECKS = new Map([
  ['Edm.String', [(v) => typeof v === 'string', 'a string']],
  ['Edm.Int32', [(v) => Number.isInteger(v) && v >= -2147483648 && v <= 2147483647, 'an Int32']],
  ['Edm.Double', [(v) => typeof v === 'number' && Number.isFinite(v), 'a finite double']],
  ['Edm.Boolean', [(v) => typeof v === 'boolean', 'a boolean']],
  ['Edm.Date', [(v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v), 'a YYYY-MM-DD date']],
  ['Edm.DateTimeOffset', [(v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/.test(v) && !isNaN(Date.parse(v)), 'a date-time with an offset']],
]);

function checkValue(type, value, where) {
  if (value === null) return;
  const check = EXACT_TYPES.has(type) ? EXACT_CHECK : VALUE_CHECKS.get(type);
  if (!check) throw new Error(`${where}: the corpus loader does not know the type ${type}`);
  const [accepts, what] = check;
  if (!accepts(value)) throw new Error(`${where}: ${JSON.stringify(value)} is not ${what}`);
}

/** Validates one structured value against its declared properties and fills absent ones (null, or [] for collections). */
function normalise(obj, properties, where) {
  const known = new Set(properties.map((p) => p.name));
  const unknown = Object.keys(obj).filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`${where}: unknown propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}`);
  const out = {};
  for (const prop of properties) {
    const at = `${where}.${prop.name}`;
    const collection = /^Collection\((.*)\)$/.exec(prop.type);
    let value = obj[prop.name] === undefined ? (collection ? [] : null) : expandText(obj[prop.name], at);
    if (value === null && prop.nullable === false) throw new Error(`${at}: required`);
    const complexOf = (type) => (type.startsWith(`${NAMESPACE}.`) ? COMPLEX_TYPES[type.slice(NAMESPACE.length + 1)] : null);
    if (collection) {
      if (!Array.isArray(value)) throw new Error(`${at}: a collection must be an array`);
      const members = complexOf(collection[1]);
      value = value.map((item, i) => {
        if (members) return normalise(item, members, `${at}[${i}]`);
        checkValue(collection[1], item, `${at}[${i}]`);
        return item;
      });
    } else if (complexOf(prop.type)) {
      if (value !== null) {
        if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${at}: must be an object or null`);
        value = normalise(value, complexOf(prop.type), at);
      }
    } else {
      checkValue(prop.type, value, at);
    }
    out[prop.name] = value;
  }
  return out;
}

/** The rows of the entity set Corpus, validated against TrueClicks.CorpusCase, absent properties filled in. */
function loadCorpusRows(file = CORPUS_FILE) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!doc || !Array.isArray(doc.rows)) throw new Error(`${file}: expected {"about": [...], "rows": [...]}`);
  const type = entityTypeOfSet(CORPUS_SET);
  const seen = new Set();
  return doc.rows.map((row, i) => {
    const where = `${path.basename(file)} row ${i + 1}`;
    if (!row || typeof row.Case !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(row.Case)) throw new Error(`${where}: Case must be a slug (letters, digits, -)`);
    if (seen.has(row.Case)) throw new Error(`${where}: duplicate Case ${row.Case}`);
    seen.add(row.Case);
    if (typeof row.Why !== 'string' || !row.Why.trim()) throw new Error(`${where} (${row.Case}): Why is required`);
    return normalise(row, type.properties, `${where} (${row.Case})`);
  });
}

/** The REST corpus: its exact text (served verbatim) and its row count. */
function loadCheckTableCorpus(file = CHECK_TABLE_CORPUS_FILE) {
  const text = fs.readFileSync(file, 'utf8').trim();
  const rows = JSON.parse(text);
  if (!Array.isArray(rows)) throw new Error(`${file}: expected a JSON array of rows`);
  const seen = new Set();
  rows.forEach((row, i) => {
    if (!row || typeof row !== 'object' || typeof row.Case !== 'string' || typeof row.Why !== 'string' || !row.Why.trim()) {
      throw new Error(`${path.basename(file)} row ${i + 1}: every row needs Case and Why`);
    }
    if (seen.has(row.Case)) throw new Error(`${path.basename(file)} row ${i + 1}: duplicate Case ${row.Case}`);
    seen.add(row.Case);
  });
  return { text, rows: rows.length };
}

module.exports = { CORPUS_SET, CORPUS_RULE_KEY, CORPUS_FILE, loadCorpusRows, loadCheckTableCorpus };
