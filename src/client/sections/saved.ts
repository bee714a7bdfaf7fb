/**
 * Saved imports: each with its last run, rows, last error and an "incomplete" marker; refresh one, refresh all,
 * remove (the tab and its data stay).
 */
import { goToTab, linkButton, onStatus, refreshStatus, refreshStatusIfStale, setStatus } from '../app';
import { byId, clear, el, formatCount, formatWhen, plural } from '../dom';
import { action, call, isAvailable, notAvailableMessage, show, Tone } from '../rpc';
import type { RefreshSummary, SavedImport, SavedQuery, Status } from '../server-api';

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

function renderItem(imp: SavedImport): HTMLLIElement {
  const out = el('p', { className: 'result', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } });
  const li = el('li', { className: 'import', attrs: { 'data-sheet': imp.sheetName } });
  const tab = linkButton(imp.sheetName, () => goToTab(imp.sheetName, li, out), `Go to the tab ${imp.sheetName}`);
  tab.classList.add('tab-name');
  li.appendChild(el('div', { className: 'title' }, tab, el('span', { className: 'muted', textContent: ` ${imp.datasetTitle}` })));

  const facts = imp.lastSuccess
    ? `${plural(imp.rows || 0, 'row')} × ${plural(imp.columns || 0, 'column')} · last run ${formatWhen(imp.lastRun)}`
    : `Not imported yet · last run ${formatWhen(imp.lastRun)}`;
  li.appendChild(el('div', { className: 'muted meta', textContent: facts }));
  const query = querySummary(imp.query);
  if (query) li.appendChild(el('div', { className: 'muted meta query', textContent: query, title: query }));
  if (imp.output) li.appendChild(el('div', { className: 'muted meta', textContent: imp.output }));
  if (imp.growthWarning) li.appendChild(el('div', { className: 'warn marker', textContent: `⚠ ${imp.growthWarning}` }));
  if (imp.truncated) li.appendChild(el('div', { className: 'warn marker', textContent: `⚠ Incomplete: ${imp.truncated}` }));
  if (imp.lastError) {
    const since = imp.lastSuccess ? ` The data is from ${formatWhen(imp.lastSuccess)}.` : '';
    li.appendChild(el('div', { className: 'error marker', textContent: `✖ Last run failed: ${imp.lastError.message}${since}` }));
  }

  const refresh = el('button', { type: 'button', className: 'small', textContent: 'Refresh' });
  refresh.setAttribute('aria-label', `Refresh ${imp.sheetName}`);
  refresh.addEventListener('click', async () => {
    if (!isAvailable('refreshImport')) return show(out, `${notAvailableMessage('Refreshing one import')} Use "Refresh all".`, 'warn');
    await action({ busy: li, out, pending: 'Refreshing…' }, () => call('refreshImport', imp.sheetName), (res) =>
      res.truncated ? [`Refreshed: ${plural(res.rows, 'row')}. Incomplete: ${res.truncated}`, 'warn'] : `Refreshed: ${plural(res.rows, 'row')} × ${plural(res.columns, 'column')}.`,
    );
    // the list is drawn again with the new last run; keep the outcome visible in the new item
    const message = out.textContent || '';
    const tone = out.className.replace('result', '').trim() as Tone;
    await refreshStatus();
    const again = document.querySelector<HTMLElement>(`li.import[data-sheet="${CSS.escape(imp.sheetName)}"] .result`);
    if (again && message) show(again, message, tone);
  });

  const remove = el('button', { type: 'button', className: 'small', textContent: 'Remove' });
  remove.setAttribute('aria-label', `Remove ${imp.sheetName} from the saved imports`);
  const confirmBox = el(
    'div',
    { className: 'confirm', hidden: true, attrs: { role: 'group', 'aria-label': `Remove ${imp.sheetName}?` } },
    el('span', { textContent: 'Stop refreshing this tab? The tab and its data stay.' }),
  );
  const yes = el('button', { type: 'button', className: 'small danger', textContent: 'Remove' });
  const no = el('button', { type: 'button', className: 'small', textContent: 'Cancel' });
  confirmBox.appendChild(el('div', { className: 'buttons' }, yes, no));
  remove.addEventListener('click', () => {
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
    if (status) {
      setStatus(status);
      show(byId('refresh-result'), `"${imp.sheetName}" is no longer refreshed; the tab and its data are still there.`, 'ok');
      byId('refresh-all').focus();
    }
  });

  li.appendChild(el('div', { className: 'buttons' }, refresh, remove));
  li.appendChild(confirmBox);
  li.appendChild(out);
  return li;
}

function render(status: Status): void {
  const list = byId('imports');
  clear(list);
  byId('saved-count').textContent = status.imports.length ? String(status.imports.length) : '';
  byId('refresh-all').hidden = !status.imports.length;
  if (!status.imports.length) {
    list.appendChild(el('li', { className: 'muted empty', textContent: 'No saved imports yet. Every import you make is saved here so it can be refreshed.' }));
    return;
  }
  for (const imp of status.imports) list.appendChild(renderItem(imp));
}

export function initSaved(): void {
  const section = byId<HTMLDetailsElement>('saved');
  let first = true;
  onStatus((status) => {
    render(status);
    if (first && status.imports.length) section.open = true;
    first = false;
  });
  section.addEventListener('toggle', () => {
    if (section.open) refreshStatusIfStale();
  });
  byId('refresh-all').addEventListener('click', async () => {
    const out = byId('refresh-result');
    const done = await action({ busy: section, out, pending: 'Refreshing every saved import…' }, () => call('refreshAll'), summaryText);
    if (done) await refreshStatus();
  });
}
