/**
 * Sidebar state shared by the sections: the last getStatus() answer, and who wants to hear about a new one.
 */
import { byId, el, setTimeZone } from './dom';
import { action, call, isAvailable, notAvailableMessage, show } from './rpc';
import type { Status } from './server-api';

type Listener = (status: Status) => void;

const listeners: Listener[] = [];
let current: Status | null = null;
let receivedAt = 0;

/** False after the saved connection failed its last test (imports are blocked until it passes). */
let lastTestOk: boolean | null = null;

/** Connected, and the saved credentials did not fail their last test. */
export function isConnected(): boolean {
  return !!current && current.connection.connected && lastTestOk !== false;
}

export function lastTestPassed(): boolean | null {
  return lastTestOk;
}

/** Records a test's outcome and tells every section (forms are blocked while it failed). */
export function setTestResult(ok: boolean | null): void {
  lastTestOk = ok;
  if (current) setStatus(current);
}

export function onStatus(listener: Listener): void {
  listeners.push(listener);
  if (current) listener(current);
}

/** Tells every section about a fresh status (e.g. from removeImport, which returns one). */
export function setStatus(status: Status): void {
  current = status;
  receivedAt = Date.now();
  if (status.schedule && status.schedule.timeZone) setTimeZone(status.schedule.timeZone);
  if (bannerKind === 'status') hideBanner();
  for (const l of listeners) l(status);
}

let bannerKind: 'status' | 'connection' | null = null;
let bannerRetry: () => void = () => undefined;

/**
 * The one banner at the top: TrueClicks unreachable, credentials refused, or the status unreadable — with Retry.
 * Sections do not repeat it.
 */
export function showBanner(kind: 'status' | 'connection', text: string, retry: () => void): void {
  bannerKind = kind;
  bannerRetry = retry;
  byId('app-error').textContent = text;
  byId('app-banner').hidden = false;
}

export function hideBanner(): void {
  bannerKind = null;
  byId('app-banner').hidden = true;
}

export function initBanner(): void {
  byId('app-retry').addEventListener('click', () => bannerRetry());
}

/** Reads getStatus() again; a failure is shown in the banner with Retry. */
export async function refreshStatus(): Promise<void> {
  try {
    setStatus(await call('getStatus'));
  } catch (e) {
    showBanner('status', `Could not read the add-on status: ${(e as Error).message}`, () => refreshStatus());
  }
}

/**
 * Reads the status again unless it is fresh: for sections whose content changes behind the sidebar's back
 * (scheduled runs, the menu's "Refresh all"), when the user opens them.
 */
export function refreshStatusIfStale(maxAgeMs = 3000): Promise<void> {
  return Date.now() - receivedAt > maxAgeMs ? refreshStatus() : Promise.resolve();
}

/** A link-like "Go to tab" action: activates the tab, reporting problems in `out`. */
export function goToTab(sheetName: string, busy: HTMLElement, out: HTMLElement): Promise<unknown> {
  if (!isAvailable('goToSheet')) {
    show(out, `${notAvailableMessage('Going to a tab')} Open the tab "${sheetName}" yourself.`, 'warn');
    return Promise.resolve();
  }
  return action({ busy, out }, () => call('goToSheet', sheetName), () => `Showing the tab "${sheetName}".`);
}

/** A button that looks like a link, for actions inside text. */
export function linkButton(text: string, onClick: () => void, label?: string): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'link', textContent: text });
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** Shows or hides the "Connect first" notes and disables the forms that need a connection. */
export function guardConnection(section: HTMLElement, form: HTMLFormElement, connected: boolean): void {
  const saved = !!current && current.connection.connected;
  section.querySelectorAll<HTMLElement>('.needs-connection').forEach((n) => {
    n.hidden = connected;
    // saved but failing its test is not "not connected": say what imports wait for
    n.textContent = saved ? 'Imports wait until the connection works (see above).' : 'Connect first (above).';
  });
  form.classList.toggle('disabled', !connected);
  form.querySelectorAll<HTMLButtonElement>('button[type=submit], button.needs-connection-button').forEach((b) => {
    b.disabled = !connected;
  });
}
