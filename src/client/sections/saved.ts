/**
 * Saved imports as a compact list: the tab, what it loads in words, the last run (in the spreadsheet's zone),
 * markers for incomplete or failed runs, whether the schedule refreshes it, and Edit (into the Import form),
 * Duplicate, Refresh, Remove. "Refresh all" goes one import at a time, showing each one's state, and stops at the
 * first failure that would fail every other one too (TrueClicks unreachable, credentials refused).
 */
import { goToTab, hideBanner, linkButton, onStatus, refreshStatus, refreshStatusIfStale, setStatus, showBanner } from '../app';
import { byId, clear, el, formatCount, formatWhen, plural } from '../dom';
import { isShown, onShow, setTabBadge } from '../layout';
import { action, call, failureMessage, isAvailable, notAvailableMessage, show, Tone } from '../rpc';
import type { RefreshSummary, SavedImport, SavedQuery, Status } from '../server-api';
import { loadSavedCheck } from './checks';
import { loadSavedImport } from './import';

let scheduleOn = false;

function querySummary(q: SavedQuery | null | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  if (q.columns && q.columns.length) parts.push(`columns ${q.columns.join(', ')}`);
  if (q.filter) parts.push(`filter ${q.filter}`);
  if (q.orderby) parts.push(`sort ${q.orderby}`);
  if (q.top) parts.push(`first ${formatCount(q.top)}`);
  return parts.join(' · ');
}

function summaryText(s: RefreshSummary): [string, 'ok' | 'warn' | 'error'] {
  const incomplete = s.outcomes.filter((o) => o.truncated).length;
  const text =
    `Refreshed ${formatCount(s.refreshed)} of ${plural(s.outcomes.length, 'import')}.` +
    (s.failed ? ` ${formatCount(s.failed)} failed (see the list).` : '') +
    (s.skipped ? ` ${formatCount(s.skipped)} skipped for lack of time: run again to finish.` : '') +
    (incomplete ? ` ${formatCount(incomplete)} incomplete.` : '');
  return [text, s.failed ? 'error' : s.skipped || incomplete ? 'warn' : 'ok'];
}

function smallButton(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'small', textContent: text, attrs: { 'aria-label': label } });
  b.addEventListener('click', onClick);
  return b;
}

function itemOut(sheetName: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`li.import[data-sheet="${CSS.escape(sheetName)}"] .result`);
}

async function refreshOne(imp: SavedImport, li: HTMLElement, out: HTMLElement): Promise<void> {
  if (!isAvailable('refreshImport')) return show(out, `${notAvailableMessage('Refreshing one import')} Use "Refresh all".`, 'warn');
  await action({ busy: li, out, pending: 'Refreshing…' }, () => call('refreshImport', imp.sheetName), (res) =>
    res.truncated ? [`Refreshed: ${plural(res.rows, 'row')}. Incomplete: ${res.truncated}`, 'warn'] : [`Refreshed: ${plural(res.rows, 'row')} × ${plural(res.columns, 'column')}.`, res.rows ? 'ok' : 'warn'],
  );
  // the list is drawn again with the new last run; keep the outcome visible in the new item
  const message = out.textContent || '';
  const tone = out.className.replace('result', '').trim() as Tone;
  await refreshStatus();
  const again = itemOut(imp.sheetName);
  if (again && message) show(again, message, tone);
}

function removeControls(imp: SavedImport, li: HTMLElement, out: HTMLElement): { remove: HTMLButtonElement; confirmBox: HTMLElement } {
  const confirmBox = el(
    'div',
    { className: 'confirm', hidden: true, attrs: { role: 'group', 'aria-label': `Remove ${imp.sheetName}?` } },
    el('span', { textContent: 'Stop refreshing this tab? The tab and its data stay.' }),
  );
  const yes = el('button', { type: 'button', className: 'small danger', textContent: 'Remove' });
  const no = el('button', { type: 'button', className: 'small', textContent: 'Cancel' });
  confirmBox.appendChild(el('div', { className: 'buttons' }, yes, no));
  const remove = smallButton('Remove', `Remove ${imp.sheetName} from the saved imports`, () => {
    if (!isAvailable('removeImport')) return show(out, notAvailableMessage('Removing a saved import'), 'warn');
    confirmBox.hidden = false;
    yes.focus();
  });
  no.addEventListener('click', () => {
    confirmBox.hidden = true;
    remove.focus();
  });
  yes.addEventListener('click', async () => {
    const status = await action({ busy: li, out, pending: 'Removing…' }, () => call('removeImport', imp.sheetName));
    if (!status) return;
    setStatus(status);
    show(byId('refresh-result'), `"${imp.sheetName}" is no longer refreshed; the tab and its data are still there.`, 'ok');
    byId('refresh-all').focus();
  });
  return { remove, confirmBox };
}

function facts(imp: SavedImport): string {
  const when = imp.lastSuccess
    ? `${plural(imp.rows || 0, 'row')} × ${plural(imp.columns || 0, 'column')} · last run ${formatWhen(imp.lastRun)}`
    : `Not imported yet · last run ${formatWhen(imp.lastRun)}`;
  return scheduleOn ? `${when} · on schedule` : when;
}

function renderItem(imp: SavedImport): HTMLLIElement {
  const out = el('p', { className: 'result', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } });
  const li = el('li', { className: 'import', attrs: { 'data-sheet': imp.sheetName } });
  const tab = linkButton(imp.sheetName, () => goToTab(imp.sheetName, li, out), `Go to the tab ${imp.sheetName}`);
  tab.classList.add('tab-name');
  const words = imp.description || `${imp.datasetTitle}${imp.query ? ` · ${querySummary(imp.query)}` : ''}`;
  li.append(el('div', { className: 'title' }, tab), el('div', { className: 'muted meta what', textContent: words, title: words }), el('div', { className: 'muted meta', textContent: facts(imp) }));
  const query = querySummary(imp.query);
  if (query) li.appendChild(el('div', { className: 'muted meta query', textContent: query, title: query, hidden: !!imp.description }));
  if (imp.output) li.appendChild(el('div', { className: 'muted meta', textContent: imp.output }));
  if (imp.growthWarning) li.appendChild(el('div', { className: 'warn marker', textContent: `⚠ ${imp.growthWarning}` }));
  if (imp.truncated) li.appendChild(el('div', { className: 'warn marker', textContent: `⚠ Incomplete: ${imp.truncated}` }));
  if (imp.lastError) {
    const since = imp.lastSuccess ? ` The data is from ${formatWhen(imp.lastSuccess)}.` : '';
    li.appendChild(el('div', { className: 'error marker', textContent: `✖ Last run failed: ${imp.lastError.message}${since}` }));
  }
  const buttons = el('div', { className: 'buttons' });
  const load = imp.kind === 'checkTable' ? loadSavedCheck : loadSavedImport;
  buttons.append(smallButton('Edit', `Edit ${imp.sheetName}`, () => load(imp, false)), smallButton('Duplicate', `Duplicate ${imp.sheetName}`, () => load(imp, true)));
  const { remove, confirmBox } = removeControls(imp, li, out);
  buttons.append(smallButton('Refresh', `Refresh ${imp.sheetName}`, () => refreshOne(imp, li, out)), remove);
  li.append(buttons, confirmBox, out);
  return li;
}

function render(status: Status): void {
  const list = byId('imports');
  clear(list);
  scheduleOn = !!status.schedule && status.schedule.frequency !== 'off';
  setTabBadge('saved', status.imports.length ? String(status.imports.length) : '');
  byId('refresh-all').hidden = !status.imports.length;
  if (!status.imports.length) {
    list.appendChild(el('li', { className: 'muted empty', textContent: 'No saved imports yet. Every import you make is saved here so it can be refreshed.' }));
    return;
  }
  for (const imp of status.imports) list.appendChild(renderItem(imp));
}

/** Failures every later import would hit too: stop there with one message. */
async function isSharedFailure(): Promise<string | null> {
  try {
    const test = await call('testConnection');
    return test.ok ? null : test.message;
  } catch (e) {
    return failureMessage(e);
  }
}

/** Refreshes the saved imports one by one, each one's state shown in its line as it goes. */
async function refreshEach(imports: SavedImport[], out: HTMLElement): Promise<void> {
  hideBanner();
  let refreshed = 0;
  let failed = 0;
  for (let i = 0; i < imports.length; i++) {
    const imp = imports[i];
    const line = itemOut(imp.sheetName);
    show(out, `Refreshing ${i + 1} of ${imports.length}: "${imp.sheetName}"…`, 'busy');
    if (line) show(line, 'Refreshing…', 'busy');
    try {
      const r = await call('refreshImport', imp.sheetName);
      refreshed++;
      if (line) show(line, `✓ ${plural(r.rows, 'row')}${r.truncated ? `. Incomplete: ${r.truncated}` : ''}`, r.truncated || !r.rows ? 'warn' : 'ok');
    } catch (e) {
      failed++;
      const message = failureMessage(e);
      if (line) show(line, `✖ ${message}`, 'error');
      const shared = await isSharedFailure();
      if (shared) {
        imports.slice(i + 1).forEach((rest) => {
          const l = itemOut(rest.sheetName);
          if (l) show(l, 'Not refreshed: stopped.', 'warn');
        });
        show(out, `Stopped after ${refreshed} of ${plural(imports.length, 'import')}: ${shared}`, 'error');
        showBanner('connection', shared, () => byId('refresh-all').click());
        return;
      }
    }
  }
  show(out, `Refreshed ${formatCount(refreshed)} of ${plural(imports.length, 'import')}.${failed ? ` ${formatCount(failed)} failed (see the list).` : ''}`, failed ? 'error' : 'ok');
}

async function refreshAllClicked(section: HTMLElement): Promise<void> {
  const out = byId('refresh-result');
  const status = await call('getStatus').catch(() => null);
  if (status) setStatus(status);
  const imports = status ? status.imports : [];
  if (!isAvailable('refreshImport') || !imports.length) {
    // an older deployment: one call for all
    const done = await action({ busy: section, out, pending: 'Refreshing every saved import…' }, () => call('refreshAll'), summaryText);
    if (done) await refreshStatus();
    return;
  }
  const results: Array<[string, string, Tone]> = [];
  const button = byId<HTMLButtonElement>('refresh-all');
  button.disabled = true;
  try {
    await refreshEach(imports, out);
    imports.forEach((imp) => {
      const line = itemOut(imp.sheetName);
      if (line && line.textContent) results.push([imp.sheetName, line.textContent, line.className.replace('result', '').trim() as Tone]);
    });
  } finally {
    button.disabled = false;
  }
  const summary = [out.textContent || '', out.className.replace('result', '').trim() as Tone] as const;
  await refreshStatus();
  for (const [sheet, text, tone] of results) {
    const line = itemOut(sheet);
    if (line) show(line, text, tone);
  }
  show(out, summary[0], summary[1]);
}

export function initSaved(): void {
  const section = byId('saved');
  onStatus(render);
  onShow('saved', () => refreshStatusIfStale());
  byId('refresh-all').addEventListener('click', () => refreshAllClicked(section));
  if (isShown('saved')) refreshStatusIfStale();
}
