/**
 * Shared state of one fake Apps Script environment: who is running, in which auth mode, the clock,
 * the recorders tests assert on, and the "realm" (the vm context gas-local creates from `globals`).
 *
 * Realm: gas-local runs the bundle in a `vm` context whose global object is `env.globals`. Objects the
 * fakes hand back (Dates, Errors, 2-D arrays) are created with that context's constructors once it
 * exists, so `value instanceof Date` and `err instanceof Error` behave inside the add-on as they do in
 * Apps Script. Before gas-local loads anything (unit tests that call the fakes directly) the Node realm
 * is used.
 */
import * as vm from 'vm';
import { types } from 'util';

export type AuthModeName = 'FULL' | 'LIMITED' | 'NONE' | 'CUSTOM_FUNCTION';

export interface Realm {
  Date: DateConstructor;
  Array: ArrayConstructor;
  Error: ErrorConstructor;
  Object: ObjectConstructor;
}

export interface LogEntry {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

export interface ContextOptions {
  timeZone: string;
  scriptTimeZone: string;
  user: string;
  owner: string;
  authMode: AuthModeName;
  now: () => number;
  htmlDir?: string;
  httpTimeoutMs: number;
  sleepScale: number;
  addonName: string;
  scriptId: string;
  /** the project is an Editor add-on (trigger restrictions apply) */
  addOn: boolean;
  /**
   * Where an add-on's clock trigger belongs (Google's docs settle neither):
   * 'document' — getUserTriggers(ss) lists it and its handler runs with that spreadsheet active;
   * 'project' — only getProjectTriggers() lists it, and its handler runs with no active spreadsheet
   * (getActiveSpreadsheet() null, no document properties, cache or lock).
   */
  clockTriggers: 'document' | 'project';
  evaluateFormula?: (formula: string, where: { sheet: string; row: number; column: number }) => unknown;
}

const NODE_REALM: Realm = { Date, Array, Error, Object };

export class GasContext {
  user: string;
  readonly owner: string;
  authMode: AuthModeName;
  /** false while a trigger or custom function runs: SpreadsheetApp.getUi() then throws. */
  uiAvailable = true;
  readonly logs: string[] = [];
  readonly logEntries: LogEntry[] = [];
  readonly sleeps: number[] = [];
  private contextRealm?: Realm;
  /** Simulated kill (Apps Script's time limit): after this many more setValues calls, every spreadsheet call throws. */
  killAfterSetValues: number | null = null;
  killed = false;

  constructor(readonly options: ContextOptions, readonly globals: Record<string, unknown>) {
    this.user = options.user;
    this.owner = options.owner;
    this.authMode = options.authMode;
  }

  now(): number {
    return this.options.now();
  }

  /** Called after each completed setValues: arms the simulated kill. */
  afterSetValues(): void {
    if (this.killAfterSetValues === null) return;
    if (--this.killAfterSetValues <= 0) this.killed = true;
  }

  /** The realm objects handed to the add-on should come from (see file comment). */
  get realm(): Realm {
    if (this.contextRealm) return this.contextRealm;
    if (vm.isContext(this.globals)) {
      const get = (name: string) => vm.runInContext(name, this.globals as vm.Context);
      this.contextRealm = { Date: get('Date'), Array: get('Array'), Error: get('Error'), Object: get('Object') };
      return this.contextRealm;
    }
    return NODE_REALM;
  }

  /** An Apps Script style error: `name` is "Exception", so `String(e)` reads "Exception: <message>". */
  error(message: string): Error {
    const e = new this.realm.Error(message);
    e.name = 'Exception';
    return e;
  }

  date(ms: number): Date {
    return new this.realm.Date(ms);
  }

  /** A 2-D array built in the add-on's realm. */
  grid<T>(rows: T[][]): T[][] {
    const A = this.realm.Array;
    return A.from(rows, (row) => A.from(row));
  }

  log(source: LogEntry['source'], level: LogEntry['level'], message: string): void {
    this.logs.push(message);
    this.logEntries.push({ source, level, message });
  }
}

export const isDate = (v: unknown): v is Date => types.isDate(v);

/**
 * Apps Script enums are objects with `name()`, `ordinal()` and `toString()` (which returns the name).
 * Comparing with `===` against the enum member works; `String(member)` gives the name.
 */
export interface EnumMember {
  name(): string;
  ordinal(): number;
  toString(): string;
  toJSON(): string;
}

export function makeEnum<K extends string>(names: readonly K[]): Readonly<Record<K, EnumMember>> {
  const out = {} as Record<K, EnumMember>;
  names.forEach((n, i) => {
    out[n] = Object.freeze({ name: () => n, ordinal: () => i, toString: () => n, toJSON: () => n });
  });
  return Object.freeze(out);
}

/** The name of an enum member, or of a string naming one (the fakes accept both). */
function enumName(v: unknown): string {
  return String(v);
}

export function isEnumOf(v: unknown, e: Readonly<Record<string, EnumMember>>): boolean {
  return Object.values(e).includes(v as EnumMember);
}

/** Apps Script Byte[] values are signed (-128..127). */
export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

export function fromBytes(bytes: ArrayLike<number>): Buffer {
  return Buffer.from(Array.from(bytes, (b) => b & 0xff));
}

/** Bytes of a string in the given Apps Script charset (UTF_8 default, US_ASCII, ISO-8859-1). */
export function encodeString(s: string, charset?: unknown): Buffer {
  const cs = charset === undefined ? 'UTF_8' : enumName(charset).toUpperCase().replace(/-/g, '_');
  if (cs === 'US_ASCII' || cs === 'ASCII') return Buffer.from(s, 'ascii');
  if (cs === 'ISO_8859_1' || cs === 'LATIN1') return Buffer.from(s, 'latin1');
  return Buffer.from(s, 'utf8');
}

export function decodeBytes(buf: Uint8Array, charset?: unknown): string {
  const label = charset === undefined ? 'utf-8' : enumName(charset).replace(/_/g, '-').toLowerCase();
  if (label === 'us-ascii') return Buffer.from(buf).toString('ascii');
  return new TextDecoder(label).decode(buf);
}

/** A test clock: `now()` for the environment option, `advance(ms)` to move it. */
export function createManualClock(start = Date.UTC(2024, 0, 15, 9, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}
