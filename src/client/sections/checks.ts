/**
 * Check tables: one check's output table (rule key picked from listRuleKeys) for all accounts or a chosen
 * subset (from listAccounts), into one tab.
 */
import { goToTab, guardConnection, isConnected, onStatus, refreshStatus } from '../app';
import { byId, clear, el, plural } from '../dom';
import { newProgressId, watchProgress } from '../progress';
import { action, call, isAvailable, notAvailableMessage, show } from '../rpc';
import { mountOutputMode } from './output-mode';
import type { AccountInfo, CheckTableParams, RuleKeyInfo } from '../server-api';

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
    list.appendChild(el('label', { className: 'inline', attrs: { 'data-search': `${a.name || ''} ${id}`.toLowerCase() } }, box, el('span', { textContent: a.name || id }), el('span', { className: 'type', textContent: id })));
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

/** Fills the pickers once per connection (when the section is opened). */
async function loadLists(): Promise<void> {
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

export function initChecks(): void {
  const section = byId<HTMLDetailsElement>('checks');
  const form = byId<HTMLFormElement>('checks-form');
  const out = byId('checks-result');
  const gotoButton = byId<HTMLButtonElement>('checks-goto');
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
    applyAvailability(status.connection.connected);
    if (section.open) loadLists();
  });
  section.addEventListener('toggle', () => {
    if (section.open) loadLists();
  });

  const scope = () => (byId<HTMLInputElement>('accounts-some').checked ? 'some' : 'all');
  for (const id of ['accounts-all', 'accounts-some']) {
    byId(id).addEventListener('change', () => {
      byId('account-picker').hidden = scope() === 'all';
    });
  }
  byId('account-search').addEventListener('input', filterAccounts);
  byId('rule-key').addEventListener('change', updateTabPlaceholder);
  gotoButton.addEventListener('click', () => {
    if (lastGoto) goToTab(lastGoto, section, out);
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    gotoButton.hidden = true;
    show(out, '');
    const ruleKey = byId<HTMLSelectElement>('rule-key').value;
    if (!ruleKey) {
      show(out, 'Choose a check first.', 'error');
      return;
    }
    const params: CheckTableParams = { ruleKey };
    if (scope() === 'some') {
      const ids = selectedAccountIds();
      if (!ids.length) {
        show(out, 'Choose at least one account, or pick "All accounts".', 'error');
        return;
      }
      params.accountIds = ids;
    }
    const sheetName = byId<HTMLInputElement>('check-sheetName').value.trim();
    if (sheetName) params.sheetName = sheetName;
    if (byId<HTMLInputElement>('check-overwrite').checked) params.overwrite = true;
    const mode = output.read(out);
    if (!mode) return;
    Object.assign(params, mode);
    params.progressId = newProgressId();
    const stop = watchProgress(params.progressId, byId('checks-progress'), byId('checks-progress-text'));
    const result = await action({ busy: form, out }, () => call('importCheckTable', params), (r): [string, 'ok' | 'warn'] => {
      const text = `Imported ${plural(r.rows, 'row')} × ${plural(r.columns, 'column')} into the tab "${r.sheetName}".${r.changes ? ` (${r.changes})` : ''}`;
      return r.truncated ? [`${text} Incomplete: ${r.truncated}`, 'warn'] : [text, 'ok'];
    });
    stop();
    if (result) {
      lastGoto = result.sheetName;
      gotoButton.textContent = `Go to tab "${result.sheetName}"`;
      gotoButton.hidden = false;
      await refreshStatus();
    }
  });
}
