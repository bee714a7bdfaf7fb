/**
 * Check tables: one check's output table (rule key picked from listRuleKeys) for all accounts or a chosen
 * subset (from listAccounts), into one tab.
 */
import { goToTab, guardConnection, isConnected, onStatus, refreshStatus } from '../app';
import { byId, clear, el, plural } from '../dom';
import { insertFormulaFlow, runImportFlow } from '../import-flow';
import { isShown, onShow, showTab } from '../layout';
import { progressWidget } from '../progress';
import { call, isAvailable, notAvailableMessage, show } from '../rpc';
import type { AccountInfo, CheckTableParams, RuleKeyInfo, SavedImport } from '../server-api';
import { OutputModeControl, mountOutputMode, withOutputChoice } from './output-mode';

let ruleKeys: RuleKeyInfo[] | null = null;
let accounts: AccountInfo[] | null = null;
let loading = false;
let lastGoto: string | null = null;

function selectedAccountIds(): string[] {
  return Array.from(byId('account-list').querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')).map((b) => b.value);
}

function updateCount(): void {
  const n = selectedAccountIds().length;
  byId('account-count').textContent = accounts ? `${plural(n, 'account')} chosen of ${accounts.length}.` : '';
}

function renderRuleKeys(): void {
  const select = byId<HTMLSelectElement>('rule-key');
  clear(select);
  for (const r of ruleKeys || []) select.appendChild(el('option', { value: r.ruleKey, textContent: r.name && r.name !== r.ruleKey ? `${r.name} (${r.ruleKey})` : r.ruleKey }));
  byId('rule-key-help').textContent = ruleKeys && !ruleKeys.length ? 'No check in this account has an output table.' : '';
  updateTabPlaceholder();
}

/** The tab name the server uses when none is given (checkTableSheetName in src/app/check-table.ts). */
function updateTabPlaceholder(): void {
  const ruleKey = byId<HTMLSelectElement>('rule-key').value;
  byId<HTMLInputElement>('check-sheetName').placeholder = ruleKey ? `TrueClicks check ${ruleKey}`.slice(0, 100) : '';
}

function renderAccounts(): void {
  const list = byId('account-list');
  clear(list);
  for (const a of accounts || []) {
    const id = String(a.id);
    const box = el('input', { type: 'checkbox', value: id });
    box.addEventListener('change', updateCount);
    // The name and the id side by side: a long name is cut with an ellipsis, the id always stays in view.
    const label = el('label', { className: 'inline', title: a.name ? `${a.name} (${id})` : id, attrs: { 'data-search': `${a.name || ''} ${id}`.toLowerCase() } }, box, el('span', { textContent: a.name || id }), el('span', { className: 'type', textContent: id }));
    list.appendChild(label);
  }
  updateCount();
}

function filterAccounts(): void {
  const q = byId<HTMLInputElement>('account-search').value.trim().toLowerCase();
  byId('account-list')
    .querySelectorAll<HTMLElement>('label')
    .forEach((l) => {
      l.hidden = !!q && !(l.getAttribute('data-search') || '').includes(q);
    });
}

let listsLoading: Promise<void> = Promise.resolve();

/** Fills the pickers once per connection (when the section is opened); a second caller waits for the same load. */
function loadLists(): Promise<void> {
  if (!loading) listsLoading = readLists();
  return listsLoading;
}

async function readLists(): Promise<void> {
  if (loading || !isConnected() || (ruleKeys && accounts)) return;
  loading = true;
  const help = byId('rule-key-help');
  try {
    if (!ruleKeys) {
      if (!isAvailable('listRuleKeys')) {
        help.textContent = notAvailableMessage('The list of checks with tables');
      } else {
        help.textContent = 'Loading the checks…';
        try {
          ruleKeys = await call('listRuleKeys');
          renderRuleKeys();
        } catch (e) {
          help.textContent = `Could not load the checks: ${(e as Error).message}`;
        }
      }
    }
    if (!accounts) {
      const count = byId('account-count');
      if (!isAvailable('listAccounts')) {
        count.textContent = notAvailableMessage('The account list');
      } else {
        try {
          accounts = await call('listAccounts');
          renderAccounts();
        } catch (e) {
          count.textContent = `Could not load the accounts: ${(e as Error).message}`;
        }
      }
    }
  } finally {
    loading = false;
  }
}

/** Loads a saved check-table import into the form (Edit), or a copy of it for a new tab (Duplicate). */
export async function loadSavedCheck(imp: SavedImport, duplicate: boolean): Promise<void> {
  showTab('checks');
  await loadLists();
  const select = byId<HTMLSelectElement>('rule-key');
  const ruleKey = imp.ruleKey || '';
  if (ruleKey && !Array.from(select.options).some((o) => o.value === ruleKey)) select.appendChild(el('option', { value: ruleKey, textContent: ruleKey }));
  select.value = ruleKey;
  updateTabPlaceholder();
  const some = !!imp.accountIds;
  byId<HTMLInputElement>(some ? 'accounts-some' : 'accounts-all').checked = true;
  byId('account-picker').hidden = !some;
  const chosen = new Set(imp.accountIds || []);
  byId('account-list')
    .querySelectorAll<HTMLInputElement>('input[type=checkbox]')
    .forEach((b) => (b.checked = chosen.has(b.value)));
  updateCount();
  byId<HTMLInputElement>('check-account-names').checked = imp.accountNames === true;
  byId<HTMLInputElement>('check-sheetName').value = duplicate ? `${imp.sheetName} (copy)`.slice(0, 100) : imp.sheetName;
  show(byId('checks-result'), duplicate ? `A copy of "${imp.sheetName}": change what you need, then import into the new tab.` : `Editing "${imp.sheetName}": change what you need, then import to update the tab.`, '');
  select.focus();
}

/** The form as check-table parameters, or null after saying what is missing. */
function readParams(out: HTMLElement): CheckTableParams | null {
  const ruleKey = byId<HTMLSelectElement>('rule-key').value;
  if (!ruleKey) {
    show(out, 'Choose a check first.', 'error');
    return null;
  }
  const params: CheckTableParams = { ruleKey };
  if (byId<HTMLInputElement>('accounts-some').checked) {
    const ids = selectedAccountIds();
    if (!ids.length) {
      show(out, 'Choose at least one account, or pick "All accounts".', 'error');
      return null;
    }
    params.accountIds = ids;
  }
  const sheetName = byId<HTMLInputElement>('check-sheetName').value.trim();
  if (sheetName) params.sheetName = sheetName;
  if (byId<HTMLInputElement>('check-account-names').checked) params.accountNames = true;
  return params;
}

function wireSubmit(form: HTMLFormElement, out: HTMLElement, output: OutputModeControl): void {
  const widget = progressWidget(byId('checks-progress-slot'), 'checks');
  const gotoButton = byId<HTMLButtonElement>('checks-goto');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    gotoButton.hidden = true;
    show(out, '');
    const params = withOutputChoice(readParams(out), output, out);
    if (!params) return;
    const result = await runImportFlow({
      busy: form,
      out,
      widget,
      start: (progressId, overwrite) => call('importCheckTable', { ...params, progressId, ...(overwrite ? { overwrite: true } : {}) }),
      success: (r): [string, 'ok' | 'warn'] => {
        if (r.rows === 0) return [`The check "${params.ruleKey}" has no rows for ${params.accountIds ? 'the chosen accounts' : 'any account'}: the tab "${r.sheetName}" has only its header.`, 'warn'];
        const text = `Imported ${plural(r.rows, 'row')} × ${plural(r.columns, 'column')} into the tab "${r.sheetName}".${r.changes ? ` (${r.changes})` : ''}`;
        return r.truncated ? [`${text} Incomplete: ${r.truncated}`, 'warn'] : [text, 'ok'];
      },
    });
    if (!result) return;
    lastGoto = result.sheetName;
    gotoButton.textContent = `Go to tab "${result.sheetName}"`;
    gotoButton.hidden = false;
    await refreshStatus();
  });
  byId('checks-formula-button').addEventListener('click', () => {
    const params = readParams(out);
    if (!params) return;
    if (!isAvailable('insertFormula')) return show(out, notAvailableMessage('Inserting a formula'), 'warn');
    return insertFormulaFlow(form, out, { ruleKey: params.ruleKey, ...(params.accountIds ? { accountIds: params.accountIds } : {}) });
  });
}

export function initChecks(): void {
  const section = byId('checks');
  const form = byId<HTMLFormElement>('checks-form');
  const out = byId('checks-result');
  const unavailable = byId('checks-unavailable');
  const output = mountOutputMode(form, 'checks', { historyFrom: () => null, defaultKey: () => null, accountIdInKey: true });

  const applyAvailability = (connected: boolean) => {
    const available = isAvailable('importCheckTable');
    unavailable.hidden = available;
    if (!available) show(unavailable, notAvailableMessage('Importing check tables'), 'warn');
    guardConnection(section, form, connected && available);
    if (connected && !available) section.querySelectorAll<HTMLElement>('.needs-connection').forEach((n) => (n.hidden = true));
  };

  onStatus((status) => {
    if (!status.connection.connected) {
      ruleKeys = null;
      accounts = null;
    }
    applyAvailability(isConnected());
    if (isShown('checks')) loadLists();
  });
  onShow('checks', () => loadLists());

  for (const id of ['accounts-all', 'accounts-some']) {
    byId(id).addEventListener('change', () => {
      byId('account-picker').hidden = !byId<HTMLInputElement>('accounts-some').checked;
    });
  }
  byId('account-search').addEventListener('input', filterAccounts);
  byId('rule-key').addEventListener('change', updateTabPlaceholder);
  byId('checks-goto').addEventListener('click', () => {
    if (lastGoto) goToTab(lastGoto, section, out);
  });
  wireSubmit(form, out, output);
}
