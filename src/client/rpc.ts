/**
 * The one place that knows about google.script.run: a typed promise per server call, JSON-safe arguments, and
 * errors reduced to a short message (never a stack trace). `action()` adds the busy state and shows the
 * outcome in place, next to the control that started it.
 */
import type { ServerApi, ServerFunction } from './server-api';

/** A server call failed; `notAvailable` when this version of the add-on has no such server function. */
export class ServerError extends Error {
  constructor(message: string, readonly notAvailable = false) {
    super(message);
    this.name = 'ServerError';
  }
}

const GENERIC = 'Something went wrong. Please try again; if it keeps happening, reload the sidebar.';

function runner(): GoogleScriptClient.Runner | undefined {
  const g = window.google;
  return g && g.script ? g.script.run : undefined;
}

/**
 * Whether the deployed script has this server function. Apps Script gives google.script.run one method per
 * top-level function, so a function the server does not have yet is simply missing.
 */
export function isAvailable(name: ServerFunction): boolean {
  const run = runner();
  return !!run && typeof run[name] === 'function';
}

/** "… is not a function" (client side) or "Script function not found" (server side) means: not deployed yet. */
function looksMissing(message: string): boolean {
  return /is not a function|Script function not found|function .* not found/i.test(message);
}

/** The first line of a message, without "Error: " / "Exception: " prefixes or stack frames. */
function cleanMessage(raw: unknown): string {
  const text = raw && typeof raw === 'object' && 'message' in raw ? String((raw as { message: unknown }).message) : typeof raw === 'string' ? raw : '';
  const first = text.split(/\r?\n/)[0].replace(/^(\s*(Uncaught\s+)?(Script)?(Error|Exception|TypeError):\s*)+/i, '').trim();
  return first || GENERIC;
}

/**
 * The message shown when the deployed script lacks a server function. `feature` names what the user tried, in
 * their words ("Refreshing one import"); a failed call that turns out to be missing says it in general terms.
 */
export function notAvailableMessage(feature = 'This feature'): string {
  return `${feature} is not available yet in this version of the add-on.`;
}

function toServerError(raw: unknown): ServerError {
  const message = cleanMessage(raw);
  if (looksMissing(message)) return new ServerError(notAvailableMessage(), true);
  return new ServerError(message);
}

/** Apps Script refuses Dates, functions and other non-JSON values in arguments; fail early and say where. */
function assertJsonSafe(value: unknown, where = 'value'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ServerError(`Cannot send ${where}: it is not a finite number.`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertJsonSafe(v, `${where}[${i}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) assertJsonSafe(v, `${where}.${k}`);
    return;
  }
  throw new ServerError(`Cannot send ${where}: only text, numbers, true/false, lists and plain objects can go to the server.`);
}

/** Calls a server function; resolves with its result or rejects with a ServerError. */
export function call<K extends ServerFunction>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise<ReturnType<ServerApi[K]>>((resolve, reject) => {
    try {
      assertJsonSafe(args, 'the arguments');
      const run = runner();
      if (!run) throw new ServerError('The sidebar is not connected to Google Sheets. Close it and open it again from the Extensions menu.');
      const target = run
        .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
        .withFailureHandler((error) => reject(toServerError(error)));
      const fn = target[name];
      if (typeof fn !== 'function') throw new TypeError(`google.script.run.${name} is not a function`);
      (fn as (...a: unknown[]) => void).apply(target, args);
    } catch (e) {
      reject(e instanceof ServerError ? e : toServerError(e));
    }
  });
}

export type Tone = 'ok' | 'error' | 'warn' | 'busy' | '';

/** Shows a message in a result line. Errors are announced assertively, everything else politely. */
export function show(out: HTMLElement, text: string, tone: Tone = ''): void {
  out.textContent = text;
  out.className = `result${tone ? ` ${tone}` : ''}`;
  out.setAttribute('aria-live', tone === 'error' ? 'assertive' : 'polite');
  out.hidden = !text;
  if (text && tone !== 'busy' && typeof out.scrollIntoView === 'function') out.scrollIntoView({ block: 'nearest' });
}

const busyCount = new WeakMap<HTMLElement, number>();

/** Marks a region busy: aria-busy, and its buttons disabled (nested calls are counted). */
export function setBusy(region: HTMLElement, on: boolean): void {
  const n = (busyCount.get(region) || 0) + (on ? 1 : -1);
  busyCount.set(region, Math.max(0, n));
  const busy = n > 0;
  region.setAttribute('aria-busy', busy ? 'true' : 'false');
  region.classList.toggle('is-busy', busy);
  region.querySelectorAll<HTMLButtonElement>('button').forEach((b) => {
    if (busy) {
      if (!b.disabled) {
        b.disabled = true;
        b.dataset.busyDisabled = '1';
      }
    } else if (b.dataset.busyDisabled) {
      b.disabled = false;
      delete b.dataset.busyDisabled;
    }
  });
}

/** The short message of a failed call (never a stack trace). */
export function failureMessage(e: unknown): string {
  return e instanceof ServerError ? e.message : cleanMessage(e);
}

/**
 * Shows what a failed call says. A feature the deployed script lacks, and a cancelled import (the user's choice),
 * are warnings, never a success and not an error.
 */
export function showFailure(out: HTMLElement, e: unknown): void {
  const message = failureMessage(e);
  show(out, message, (e instanceof ServerError && e.notAvailable) || /^Import cancelled/.test(message) ? 'warn' : 'error');
}

export interface ActionOptions {
  /** the region that is busy while the call runs (its buttons are disabled) */
  busy: HTMLElement;
  /** where the pending text, the outcome or the error is shown */
  out: HTMLElement;
  /** shown while the call runs */
  pending?: string;
}

/**
 * Runs server work with a busy state and shows what happened in place. Resolves with the result, or with
 * undefined after showing the error (callers need no catch of their own).
 */
export async function action<T>(options: ActionOptions, work: () => Promise<T>, success?: (result: T) => string | [string, Tone] | void): Promise<T | undefined> {
  setBusy(options.busy, true);
  if (options.pending) show(options.out, options.pending, 'busy');
  try {
    const result = await work();
    const message = success ? success(result) : undefined;
    if (Array.isArray(message)) show(options.out, message[0], message[1]);
    else if (typeof message === 'string') show(options.out, message, 'ok');
    else if (options.pending) show(options.out, '');
    return result;
  } catch (e) {
    showFailure(options.out, e);
    return undefined;
  } finally {
    setBusy(options.busy, false);
  }
}
