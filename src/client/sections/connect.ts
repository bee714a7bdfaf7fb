/**
 * Connection: username + token (a password field; the server never sends the token back), an Advanced base
 * URL, test and disconnect.
 */
import { isConnected, onStatus, refreshStatus, setStatus } from '../app';
import { byId } from '../dom';
import { action, call, isAvailable, show } from '../rpc';
import type { Status, TestResult } from '../server-api';

/** The last test of this sidebar session, so the state line can say when saved credentials were refused. */
let lastTest: { username: string | null; result: TestResult } | null = null;

function hostOf(url: string | null): string {
  const m = /^[a-z]+:\/\/([^/]+)/i.exec(url || '');
  return m ? m[1] : url || '';
}

function render(status: Status): void {
  const c = status.connection;
  const state = byId('connection-state');
  const badge = byId('connect-badge');
  const refused = c.connected && lastTest && lastTest.username === c.username && !lastTest.result.ok;
  if (!c.connected) {
    state.textContent = 'Not connected. Enter your TrueClicks data connector username and token.';
    state.className = 'state';
    badge.textContent = '';
  } else if (refused) {
    state.textContent = `Saved for ${c.username}, but the last test failed (see below).`;
    state.className = 'state warn';
    badge.textContent = '';
  } else {
    state.textContent = `Connected as ${c.username} to ${hostOf(c.baseUrl)}.`;
    state.className = 'state ok';
    badge.textContent = '✓ connected';
  }
  byId<HTMLInputElement>('username').value = c.username || byId<HTMLInputElement>('username').value;
  if (c.connected && c.baseUrl) byId<HTMLInputElement>('baseUrl').value = c.baseUrl;
  byId('token-keep').hidden = !c.connected;
  const formulas = byId('formulas');
  formulas.hidden = !c.connected || typeof status.formulasAllowed !== 'boolean' || !isAvailable('setFormulasAllowed');
  byId<HTMLInputElement>('formulas-allowed').checked = status.formulasAllowed === true;
  byId('test-connection').hidden = !c.connected;
  byId('disconnect').hidden = !c.connected;
}

async function testAndReport(form: HTMLElement, out: HTMLElement): Promise<void> {
  const result = await action({ busy: form, out, pending: 'Testing the connection…' }, () => call('testConnection'), (r) => [r.message, r.ok ? 'ok' : 'error']);
  if (result) lastTest = { username: byId<HTMLInputElement>('username').value.trim(), result };
  await refreshStatus();
  if (result && result.ok) byId<HTMLDetailsElement>('import').open = true;
}

export function initConnect(): void {
  const form = byId<HTMLFormElement>('connect-form');
  const out = byId('connect-result');
  const section = byId<HTMLDetailsElement>('connect');
  let first = true;
  onStatus((status) => {
    render(status);
    if (first) {
      // Connected users come for the data: fold the connection away, open the import.
      first = false;
      section.open = !status.connection.connected;
      byId<HTMLDetailsElement>('import').open = status.connection.connected;
    }
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const username = byId<HTMLInputElement>('username').value.trim();
    const token = byId<HTMLInputElement>('token');
    const baseUrl = byId<HTMLInputElement>('baseUrl').value.trim();
    if (!username) {
      show(out, 'Enter the username from TrueClicks (Reporting → Data Connector).', 'error');
      byId('username').focus();
      return;
    }
    if (!token.value && !isConnected()) {
      show(out, 'Enter the token from TrueClicks (Reporting → Data Connector → Create New Key).', 'error');
      token.focus();
      return;
    }
    const saved = await action({ busy: form, out, pending: 'Saving…' }, () =>
      call('saveConnection', { username, token: token.value, ...(baseUrl ? { baseUrl } : {}) }),
    );
    token.value = '';
    if (saved) await testAndReport(form, out);
  });

  byId('test-connection').addEventListener('click', () => testAndReport(form, out));

  const allowed = byId<HTMLInputElement>('formulas-allowed');
  allowed.addEventListener('change', async () => {
    const on = allowed.checked;
    const status = await action({ busy: byId('formulas'), out: byId('formulas-result'), pending: 'Saving…' }, () => call('setFormulasAllowed', on), () =>
      on ? 'Formulas in this spreadsheet may use your connection.' : 'TrueClicks formulas are off in this spreadsheet.',
    );
    if (status) setStatus(status);
    else allowed.checked = !on;
  });

  byId('disconnect').addEventListener('click', async () => {
    const done = await action({ busy: form, out, pending: 'Disconnecting…' }, () => call('disconnect'), () => 'Disconnected. Your token was removed from this account.');
    if (done) {
      lastTest = null;
      byId<HTMLInputElement>('token').value = '';
      await refreshStatus();
      byId('username').focus();
    }
  });
}
