/**
 * Connection: when connected, one line (who, where, Change); otherwise the form — username, token (a password
 * field; the server never sends it back), an Advanced base URL. Only a passing test counts: a connection that
 * failed its last test is shown as such and imports stay blocked until it passes. An unreachable API is one
 * banner with Retry.
 */
import { hideBanner, lastTestPassed, onStatus, refreshStatus, setStatus, setTestResult, showBanner } from '../app';
import { byId, el } from '../dom';
import { action, call, isAvailable, show } from '../rpc';
import type { Status, TestResult } from '../server-api';

/** The user asked to see the form (Change). */
let changing = false;
/** The last test failed because TrueClicks could not be reached: the banner says so; the form stays folded. */
let unreachable = false;
let lastStatus: Status | null = null;

function hostOf(url: string | null): string {
  const m = /^[a-z]+:\/\/([^/]+)/i.exec(url || '');
  return m ? m[1] : url || '';
}

function renderLine(status: Status): void {
  const c = status.connection;
  const state = byId('connection-state');
  const badge = byId('connect-badge');
  const failed = c.connected && lastTestPassed() === false;
  state.textContent = '';
  if (!c.connected) state.textContent = 'Not connected.';
  else {
    // "Connected as" is read out but not shown: the line has room for who and where only.
    state.append(el('span', { className: 'visually-hidden', textContent: failed ? 'The last test failed for ' : 'Connected as ' }), `${c.username} · ${hostOf(c.baseUrl)}`);
  }
  state.title = c.connected ? `${failed ? 'The last test failed for' : 'Connected as'} ${c.username} to ${hostOf(c.baseUrl)}` : '';
  state.className = `state${!c.connected ? '' : failed ? ' warn' : ' ok'}`;
  badge.textContent = c.connected && !failed ? '✓' : failed ? '⚠' : '';
  badge.className = `badge${failed ? ' warn' : ''}`;
  byId('connect-change').hidden = !c.connected || changing;
}

function render(status: Status): void {
  lastStatus = status;
  const c = status.connection;
  renderLine(status);
  const open = !c.connected || changing || (lastTestPassed() === false && !unreachable);
  byId('connect-body').hidden = !open;
  byId('connection-state-long').textContent = c.connected ? '' : 'Enter your TrueClicks data connector username and token.';
  byId<HTMLInputElement>('username').value = c.username || byId<HTMLInputElement>('username').value;
  if (c.connected && c.baseUrl) byId<HTMLInputElement>('baseUrl').value = c.baseUrl;
  byId('token-keep').hidden = !c.connected;
  byId('formulas').hidden = !c.connected || typeof status.formulasAllowed !== 'boolean' || !isAvailable('setFormulasAllowed');
  byId<HTMLInputElement>('formulas-allowed').checked = status.formulasAllowed === true;
  byId('test-connection').hidden = !c.connected;
  byId('disconnect').hidden = !c.connected;
  byId('connect-close').hidden = !c.connected || lastTestPassed() === false;
}

/** Messages of an unreachable API (network, time-out, server down) rather than refused credentials. */
function looksUnreachable(r: TestResult): boolean {
  return r.code === 'NETWORK' || r.code === 'TIMEOUT' || r.code === 'SERVER';
}

/** Tests the saved connection; the badge, the forms and the banner follow the result. */
async function testAndReport(form: HTMLElement, out: HTMLElement, quiet = false): Promise<TestResult | undefined> {
  const result = await action({ busy: form, out, pending: quiet ? undefined : 'Testing the connection…' }, () => call('testConnection'), (r) => (quiet && r.ok ? undefined : [r.message, r.ok ? 'ok' : 'error']));
  if (!result) return undefined;
  unreachable = !result.ok && looksUnreachable(result);
  if (result.ok) hideBanner();
  else if (unreachable) {
    show(out, ''); // one message: the banner
    showBanner('connection', `${result.message} Imports wait until TrueClicks answers.`, () => testAndReport(form, out));
  }
  setTestResult(result.ok);
  if (result.ok) changing = false;
  await refreshStatus();
  return result;
}

function wireForm(form: HTMLFormElement, out: HTMLElement): void {
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
    if (!token.value && !(lastStatus && lastStatus.connection.connected)) {
      show(out, 'Enter the token from TrueClicks (Reporting → Data Connector → Create New Key).', 'error');
      token.focus();
      return;
    }
    const saved = await action({ busy: form, out, pending: 'Saving…' }, () => call('saveConnection', { username, token: token.value, ...(baseUrl ? { baseUrl } : {}) }));
    token.value = '';
    if (saved) await testAndReport(form, out);
  });
  byId('test-connection').addEventListener('click', () => testAndReport(form, out));
  byId('disconnect').addEventListener('click', async () => {
    const done = await action({ busy: form, out, pending: 'Disconnecting…' }, () => call('disconnect'), () => 'Disconnected. Your token was removed from this account.');
    if (!done) return;
    setTestResult(null);
    byId<HTMLInputElement>('token').value = '';
    await refreshStatus();
    byId('username').focus();
  });
}

function wireFormulas(): void {
  const allowed = byId<HTMLInputElement>('formulas-allowed');
  allowed.addEventListener('change', async () => {
    const on = allowed.checked;
    const status = await action({ busy: byId('formulas'), out: byId('formulas-result'), pending: 'Saving…' }, () => call('setFormulasAllowed', on), () =>
      on ? 'Formulas in this spreadsheet may use your connection.' : 'TrueClicks formulas are off in this spreadsheet.',
    );
    if (status) setStatus(status);
    else allowed.checked = !on;
  });
}

export function initConnect(): void {
  const form = byId<HTMLFormElement>('connect-form');
  const out = byId('connect-result');
  let first = true;
  onStatus((status) => {
    render(status);
    if (first && status.connection.connected) testAndReport(form, out, true); // the badge shows a real result, not a hope
    first = false;
  });
  byId('connect-change').addEventListener('click', () => {
    changing = true;
    if (lastStatus) render(lastStatus);
    byId('username').focus();
  });
  byId('connect-close').addEventListener('click', () => {
    changing = false;
    show(out, '');
    if (lastStatus) render(lastStatus);
  });
  wireForm(form, out);
  wireFormulas();
}

