/**
 * ImportJSON's transform (bradjasper/ImportJSON v1.5.0, `parseJSONObject_`, `parseData_`, `defaultTransform_`,
 * `includeXPath_`), re-implemented faithfully for the P3 comparison only — never shipped. Its documented
 * behaviour, including the parts that lose data (fill-down, number parsing, 256-character truncation, header
 * prefix stripping), is kept on purpose: this is the algorithm users run today.
 */
type Data = unknown[][];

function hasOption(options: string, option: string): boolean {
  return !!options && options.indexOf(option) >= 0;
}

function isObject(test: unknown): boolean {
  return Object.prototype.toString.call(test) === '[object Object]';
}

function isObjectArray(test: unknown): boolean {
  if (!Array.isArray(test)) return false;
  for (let i = 0; i < test.length; i++) if (isObject(test[i])) return true;
  return false;
}

function includeXPath(query: string[] | undefined, path: string): boolean {
  if (!query) return true;
  for (const q of query) if (path.indexOf(q) === 0) return true;
  return false;
}

/** parseData_: depth-first walk; one row per element of the innermost object array; columns by first path seen. */
function parseData(headers: Record<string, number>, data: Data, path: string, state: { rowIndex: number }, value: unknown, query: string[] | undefined, options: string): boolean {
  let dataInserted = false;
  if (Array.isArray(value) && isObjectArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (parseData(headers, data, path, state, value[i], query, options)) {
        dataInserted = true;
        if (data[state.rowIndex]) state.rowIndex++;
      }
    }
  } else if (isObject(value)) {
    for (const key in value as Record<string, unknown>) {
      if (parseData(headers, data, path + '/' + key, state, (value as Record<string, unknown>)[key], query, options)) dataInserted = true;
    }
  } else if (includeXPath(query, path)) {
    if (Array.isArray(value)) value = value.join();
    if (!data[state.rowIndex]) data[state.rowIndex] = new Array();
    if (!headers[path] && headers[path] != 0) {
      headers[path] = Object.keys(headers).length;
    }
    data[state.rowIndex][headers[path]] = value;
    dataInserted = true;
  }
  return dataInserted;
}

function toTitleCase(text: string): string {
  if (text == null) return text;
  return text.replace(/\w\S*/g, (word) => word.charAt(0).toUpperCase() + word.substr(1).toLowerCase());
}

function removeCommonPrefixes(data: Data, row: number): void {
  const header = data[row] as string[];
  let prefix = header[0] || '';
  for (let i = 1; i < header.length; i++) {
    while (prefix && header[i].indexOf(prefix) !== 0) prefix = prefix.slice(0, -1);
  }
  if (prefix) for (let i = 0; i < header.length; i++) header[i] = header[i].slice(prefix.length);
}

/** defaultTransform_: fill-down, header prettifying, number parsing, truncation to 256 characters. */
function defaultTransform(data: Data, row: number, column: number, options: string): void {
  if (data[row][column] == null) {
    if (row < 2 || hasOption(options, 'noInherit')) data[row][column] = '';
    else data[row][column] = data[row - 1][column];
  }
  if (!hasOption(options, 'rawHeaders') && row == 0) {
    if (column == 0 && data[row].length > 1) removeCommonPrefixes(data, row);
    data[row][column] = toTitleCase(String(data[row][column]).replace(/[\/\_]/g, ' '));
  }
  if (!hasOption(options, 'noParseNumbers') && typeof data[row][column] === 'string' && /^[+-]?\d+(\.\d+)?$/.test(data[row][column] as string)) {
    data[row][column] = parseFloat(data[row][column] as string);
  }
  if (!hasOption(options, 'noTruncate') && data[row][column]) {
    data[row][column] = String(data[row][column]).substr(0, 256);
  }
}

/** parseJSONObject_ with the default options (""), as `=ImportJSON(url)` runs it. */
export function importJsonTransform(object: unknown, query?: string[], options = ''): Data {
  const headers: Record<string, number> = {};
  const data: Data = [];
  const state = { rowIndex: 1 };
  parseData(headers, data, '', state, object, query, options);
  // parseHeaders_
  if (Object.keys(headers).length > 0) {
    data[0] = new Array();
    for (const key in headers) data[0][headers[key]] = key;
  }
  // transformData_
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    for (let j = 0; j < data[0].length; j++) defaultTransform(data, i, j, options);
  }
  return hasOption(options, 'noHeaders') ? (data.length > 1 ? data.slice(1) : new Array()) : data;
}
