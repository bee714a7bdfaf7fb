/**
 * Sidebar state shared by the sections: the last getStatus() answer, and who wants to hear about a new one.
 */
import { byId, el } from './dom';
import { action, call, isAvailable, notAvailableMessage, show } from './rpc';
import type { Status } from './server-api';

type Listener = (status: Status) => void;

const listeners: Listener[] = [];
let current: Status | null = null;
let receivedAt = 0;

export function currentStatus(): Status | null {
  return current;
}

export function isConnected(): boolean {
  return !!current && current.connection.connected;
}

export function onStatus(listener: Listener): void {
  listeners.push(listener);
  if (current) listener(current);
}

/** Tells every section about a fresh status (e.g. from removeImport, which returns one). */
export function setStatus(status: Status): void {
  current = status;
  receivedAt = Date.now();
  const banner = byId('app-error');
  banner.hidden = true;
  for (const l of listeners) l(status);
}

/** Reads getStatus() again; a failure is shown at the top of the sidebar. */
export async function refreshStatus(): Promise<void> {
  try {
    setStatus(await call('getStatus'));
  } catch (e) {
    show(byId('app-error'), `Could not read the add-on status: ${(e as Error).message}`, 'error');
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
  section.querySelectorAll<HTMLElement>('.needs-connection').forEach((n) => {
    n.hidden = connected;
  });
  form.classList.toggle('disabled', !connected);
  form.querySelectorAll<HTMLButtonElement>('button[type=submit]').forEach((b) => {
    b.disabled = !connected;
  });
}
