/**
 * An independent expectation of what each cell must hold, computed from the sandbox's own model
 * (sandbox/schema.js) and raw JSON fetched directly from it — not from the add-on's code.
 */
const schema = require('../../sandbox/schema');

export interface ModelProperty {
  name: string;
  type: string;
}

/** Columns the sandbox declares for an entity set, complex types flattened to Parent.Child, declared order. */
export function declaredColumns(setName: string): ModelProperty[] {
  const type = schema.entityTypeOfSet(setName) as { properties: ModelProperty[] };
  const out: ModelProperty[] = [];
  for (const p of type.properties) {
    const complexName = p.type.startsWith(`${schema.NAMESPACE}.`) ? p.type.slice(schema.NAMESPACE.length + 1) : null;
    const members = complexName ? (schema.COMPLEX_TYPES[complexName] as ModelProperty[]) : null;
    if (members) for (const m of members) out.push({ name: `${p.name}.${m.name}`, type: m.type });
    else out.push(p);
  }
  return out;
}

/**
 * fetch, tried once more when Node reused a keep-alive socket that the sandbox closed (after its 5 s keep-alive
 * timeout) while this jest worker was busy with synchronous tests: undici then fails with "other side closed"
 * before anything was sent. Any other failure is not retried.
 */
async function fetchFresh(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    if (!cause || !(cause.code === 'UND_ERR_SOCKET' || /other side closed/.test(String(cause.message)))) throw e;
    return fetch(url, init);
  }
}

/** Fetches every page of a collection with exact numbers (IEEE754Compatible=true). */
export async function fetchAllRaw(serviceRoot: string, path: string, authHeader: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let url: string | null = serviceRoot + path;
  for (let guard = 0; url && guard < 1000; guard++) {
    const res: Response = await fetchFresh(url, { headers: { Authorization: authHeader, Accept: 'application/json;IEEE754Compatible=true' } });
    if (!res.ok) throw new Error(`raw fetch ${url} → ${res.status}`);
    const body = (await res.json()) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
    rows.push(...body.value);
    url = body['@odata.nextLink'] ? new URL(body['@odata.nextLink'], url).toString() : null;
  }
  return rows;
}

export function rawValue(row: Record<string, unknown>, column: string): unknown {
  return column.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);
}

/** Calendar day and time of an instant in a time zone, independent of the add-on (Intl). */
export function wallClock(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

function normaliseDecimal(text: string): string {
  let s = text.startsWith('+') ? text.slice(1) : text;
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/** The number a decimal string stands for when a double holds it exactly, else null. */
function exactDouble(text: string): number | null {
  const n = Number(text);
  if (!Number.isFinite(n)) return null;
  const back = String(n);
  return !/e/i.test(back) && back === normaliseDecimal(text) ? n : null;
}

const MARKER = /… \[truncated: \d+ characters\]$/;

/**
 * Asserts one cell against the raw value and its declared type. Returns a description of the mismatch, or null.
 */
export function checkCell(type: string, raw: unknown, value: unknown, format: string, formula: string, timeZone: string): string | null {
  if (formula) return `became a formula ${formula}`;
  if (raw === null || raw === undefined) return value === '' ? null : `expected empty, got ${JSON.stringify(value)}`;
  switch (type) {
    case 'Edm.String': {
      const text = raw as string;
      if (format !== '@') return `text not in a plain-text cell (format ${format})`;
      if (text.length > 50000) {
        return typeof value === 'string' && value.length === 50000 && MARKER.test(value) && text.startsWith(value.replace(MARKER, ''))
          ? null
          : 'long text not truncated with a marker';
      }
      return value === text ? null : `text changed: ${JSON.stringify(text)} → ${JSON.stringify(value)}`;
    }
    case 'Collection(Edm.String)':
      return format === '@' && value === (raw as string[]).join(', ') ? null : `list cell ${JSON.stringify(value)}`;
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
    case 'Edm.Double': {
      const text = String(raw);
      const exact = exactDouble(text);
      if (exact !== null) return value === exact && format !== '@' ? null : `number ${text} → ${JSON.stringify(value)} (${format})`;
      return value === text && format === '@' ? null : `inexact number ${text} not kept as exact text: ${JSON.stringify(value)} (${format})`;
    }
    case 'Edm.Boolean':
      return value === raw ? null : `boolean ${raw} → ${JSON.stringify(value)}`;
    case 'Edm.DateTimeOffset':
      return value instanceof Date && value.getTime() === Date.parse(raw as string) ? null : `instant ${raw} → ${String(value)}`;
    case 'Edm.Date':
      return value instanceof Date && wallClock(value, timeZone) === `${raw} 00:00:00` ? null : `date ${raw} → ${value instanceof Date ? wallClock(value, timeZone) : JSON.stringify(value)} in ${timeZone}`;
    default:
      return `no oracle for ${type}`;
  }
}
