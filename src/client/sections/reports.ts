/**
 * Reports: templates (a one-line description and a preview picture each), the column chosen for each role (proposed
 * by the server, changeable here), Create / Rebuild, one-click import of a missing dataset, a custom chart from any
 * imported tab, and the list of report tabs. The section builds its own card, so hooking it into the sidebar is one
 * call (initReports) wherever the layout wants it.
 */
import { goToTab, linkButton, onStatus, refreshStatus } from '../app';
import { clear, el, plural } from '../dom';
import { action, call, isAvailable, notAvailableMessage, show } from '../rpc';
import type { DescribedReport, ReportResult, ReportTab, ReportTemplateInfo, RoleProposal, Status } from '../server-api';
import { templatePreview } from './report-previews';

const STYLE = `
#reports .templates { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-direction: column; gap: 4px; }
#reports .templates label.inline { align-items: flex-start; margin: 0; padding: 4px; border-radius: 6px; cursor: pointer; }
#reports .templates label.inline:hover { background: #f8f9fa; }
#reports .templates input:checked + svg { outline: 2px solid #1a73e8; border-radius: 3px; }
#reports .templates .text { display: flex; flex-direction: column; min-width: 0; }
#reports .templates .name { font-weight: 500; }
#reports .templates .needs { font-size: 11px; }
#reports .preview { flex: none; }
#reports .mapping { border-top: 1px solid #eee; margin-top: 10px; padding-top: 2px; }
#reports .mapping label { margin-top: 8px; }
#reports .source { font-size: 12px; margin: 8px 0 0; display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; }
#reports h3 { font-size: 13px; font-weight: 500; margin: 14px 0 4px; }
#reports .report-tabs { list-style: none; padding: 0; margin: 0; }
#reports .report-tabs li { padding: 6px 0; border-top: 1px solid #eee; }
#reports .report-tabs .row-actions { display: flex; gap: 8px; margin-top: 4px; }
`;

interface State {
  templates: ReportTemplateInfo[];
  chosen: string | null;
  described: DescribedReport | null;
  imported: Set<string>;
  tabs: ReportTab[];
}

const state: State = { templates: [], chosen: null, described: null, imported: new Set(), tabs: [] };
const DATASET_TITLES: Record<string, string> = {
  accounts: 'Accounts', 'account-history': 'Accounts (history)', checks: 'Checks', tasks: 'Tasks', 'targets-active': 'Targets (active)',
};
const title = (dataset: string) => DATASET_TITLES[dataset] || dataset;

function card(): { root: HTMLDetailsElement; body: Record<string, HTMLElement> } {
  const body = {
    templates: el('ul', { className: 'templates', attrs: { role: 'radiogroup', 'aria-label': 'Report templates' } }),
    mapping: el('div', { className: 'mapping', hidden: true }),
    result: el('p', { className: 'result', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } }),
    custom: el('div'),
    tabs: el('ul', { className: 'report-tabs' }),
    count: el('span', { className: 'badge', id: 'reports-count' }),
  };
  const root = el('details', { className: 'card', id: 'reports-card' },
    el('summary', {}, el('h2', { textContent: 'Reports' }), body.count),
    el('p', { className: 'help', textContent: 'Build a report from your imported tabs. It updates itself whenever the data is refreshed.' }),
    body.templates, body.mapping, body.result,
    el('h3', { textContent: 'Custom chart' }), body.custom,
    el('h3', { textContent: 'Report tabs' }), body.tabs);
  return { root, body };
}

function needsLine(t: ReportTemplateInfo): HTMLElement {
  const missing = t.needs.filter((d) => !state.imported.has(d) && t.optionalNeeds.indexOf(d) < 0);
  const text = missing.length ? `Needs ${missing.map(title).join(', ')}` : `Uses ${t.needs.filter((d) => state.imported.has(d)).map(title).join(', ')}`;
  return el('span', { className: `needs ${missing.length ? 'warn' : 'muted'}`, textContent: text });
}

function renderTemplates(list: HTMLElement, onPick: (key: string) => void): void {
  clear(list);
  for (const t of state.templates) {
    const radio = el('input', { type: 'radio', name: 'report-template', value: t.key, checked: state.chosen === t.key });
    radio.addEventListener('change', () => onPick(t.key));
    const text = el('span', { className: 'text' }, el('span', { className: 'name', textContent: t.title }), el('span', { className: 'muted', textContent: t.description }), needsLine(t));
    list.appendChild(el('li', {}, el('label', { className: 'inline', attrs: { 'data-template': t.key } }, radio, templatePreview(t.key), text)));
  }
}

function roleSelect(p: RoleProposal, from: string): HTMLElement {
  const id = `role-${p.key.replace(/[^a-z0-9]/gi, '-')}`;
  const select = el('select', { id, attrs: { 'data-role': p.key, 'data-proposed': p.column || '' } });
  if (p.optional || !p.column) select.appendChild(el('option', { value: '', textContent: '(none)' }));
  for (const c of p.candidates) select.appendChild(el('option', { value: c, textContent: c, selected: c === p.column }));
  const how = p.reason === 'name' ? 'proposed from its name' : p.reason === 'kind' ? 'the only fit by type: check it' : p.reason === 'user' ? 'your choice' : 'no column fits';
  return el('div', {}, el('label', { htmlFor: id, textContent: from ? `${from}: ${p.label}` : p.label }, el('span', { className: 'muted', textContent: ` · ${how}` })), select);
}

function sourceLine(s: DescribedReport['sources'][number], box: HTMLElement, out: HTMLElement, onChange: () => void): HTMLElement {
  const line = el('p', { className: 'source' }, el('strong', { textContent: title(s.dataset) }));
  if (s.sheetName) {
    line.appendChild(el('span', { className: 'muted', textContent: `from the tab ${s.sheetName}` }));
    return line;
  }
  line.appendChild(el('span', { className: s.optional ? 'muted' : 'warn', textContent: s.optional ? 'not imported: its columns stay empty' : 'not imported yet' }));
  const importIt = el('button', { type: 'button', className: 'small', textContent: `Import ${title(s.dataset)}` });
  importIt.addEventListener('click', () => importMissing(s.dataset, box, out, onChange));
  line.appendChild(importIt);
  return line;
}

/** Sources first (with one-click imports), then the columns used, folded away unless one needs a look. */
function renderMapping(box: HTMLElement, d: DescribedReport, out: HTMLElement, onChange: () => void): void {
  clear(box);
  box.hidden = false;
  for (const s of d.sources) box.appendChild(sourceLine(s, box, out, onChange));
  const shown = d.roles.filter((r) => d.sources.some((s) => s.alias === r.source && s.sheetName));
  if (shown.length) {
    const doubtful = shown.filter((r) => r.reason === 'kind' || (r.reason === 'none' && !r.optional)).length;
    const columns = el('details', { className: 'advanced', open: doubtful > 0 },
      el('summary', { textContent: doubtful ? `Columns used: ${doubtful} to check` : `Columns used (${shown.length})` }));
    for (const r of shown) columns.appendChild(roleSelect(r, d.sources.length > 1 ? title(d.sources.find((s) => s.alias === r.source)!.dataset) : ''));
    box.appendChild(columns);
  }
  const exists = state.tabs.some((t) => t.template === d.template.key);
  const create = el('button', { type: 'submit', className: 'action', id: 'report-create', textContent: exists ? 'Rebuild report' : 'Create report' });
  create.addEventListener('click', () => createChosen(box, out));
  box.appendChild(el('div', { className: 'buttons' }, create));
}

async function importMissing(dataset: string, box: HTMLElement, out: HTMLElement, then: () => void): Promise<void> {
  const done = await action({ busy: box, out, pending: `Importing ${title(dataset)}…` }, () => call('importDataset', { dataset }), (r) => `Imported ${plural(r.rows, 'row')} into the tab ${r.sheetName}.`);
  if (done) {
    await refreshStatus();
    then();
  }
}

function chosenRoles(box: HTMLElement): Record<string, string> {
  const roles: Record<string, string> = {};
  box.querySelectorAll<HTMLSelectElement>('select[data-role]').forEach((s) => {
    if (s.value !== (s.dataset.proposed || '')) roles[s.dataset.role || ''] = s.value;
  });
  return roles;
}

function resultText(r: ReportResult): [string, 'ok' | 'warn'] {
  const parts = [r.pivotTables ? plural(r.pivotTables, 'pivot table') : '', r.charts ? plural(r.charts, 'chart') : ''].filter(Boolean);
  const made = `The report is in the tab ${r.sheetName}${parts.length ? ` (${parts.join(', ')})` : ''}.`;
  return r.remarks.length ? [`${made} ${r.remarks.join(' ')}`, 'warn'] : [made, 'ok'];
}

async function createChosen(box: HTMLElement, out: HTMLElement): Promise<void> {
  if (!state.chosen) return;
  const template = state.chosen;
  const existing = state.tabs.find((t) => t.template === template);
  const made = await action({ busy: box, out, pending: 'Building the report…' }, () => call('createReport', { template, roles: chosenRoles(box), sheetName: existing ? existing.sheetName : undefined }), resultText);
  await loadTabs();
  const button = box.querySelector<HTMLButtonElement>('#report-create');
  if (made && button) button.textContent = 'Rebuild report';
}

async function describe(box: HTMLElement, out: HTMLElement): Promise<void> {
  if (!state.chosen) return;
  const template = state.chosen;
  const existing = state.tabs.find((t) => t.template === template);
  const d = await action({ busy: box, out }, () => call('describeReport', { template, sheetName: existing ? existing.sheetName : undefined }));
  if (d && state.chosen === template) {
    state.described = d;
    renderMapping(box, d, out, () => describe(box, out));
  }
}

let tabsBox: HTMLElement | null = null;
let countBadge: HTMLElement | null = null;

function renderTab(t: ReportTab): HTMLElement {
  const out = el('p', { className: 'result', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } });
  const li = el('li', { attrs: { 'data-report': t.sheetName } });
  const go = linkButton(t.sheetName, () => goToTab(t.sheetName, li, out), `Go to the tab ${t.sheetName}`);
  li.appendChild(el('div', {}, go, t.title !== t.sheetName ? el('span', { className: 'muted', textContent: ` ${t.title}` }) : null));
  if (t.problem) li.appendChild(el('div', { className: 'warn', textContent: `⚠ ${t.problem}` }));
  const rebuild = el('button', { type: 'button', className: 'small', textContent: 'Rebuild' });
  rebuild.setAttribute('aria-label', `Rebuild ${t.sheetName}`);
  rebuild.addEventListener('click', async () => {
    await action({ busy: li, out, pending: 'Rebuilding…' }, () => call('rebuildReport', t.sheetName), resultText);
  });
  li.appendChild(el('div', { className: 'row-actions' }, rebuild));
  li.appendChild(out);
  return li;
}

async function loadTabs(): Promise<void> {
  if (!tabsBox || !isAvailable('listReports')) return;
  try {
    state.tabs = await call('listReports');
  } catch (e) {
    state.tabs = [];
  }
  clear(tabsBox);
  for (const t of state.tabs) tabsBox.appendChild(renderTab(t));
  if (!state.tabs.length) tabsBox.appendChild(el('li', { className: 'muted', textContent: 'No report tabs yet.' }));
  if (countBadge) countBadge.textContent = state.tabs.length ? String(state.tabs.length) : '';
}

/** Fills the Reports tab's panel (or, without one, adds the section to the page). */
export function initReports(panel?: HTMLElement): void {
  document.head.appendChild(el('style', { textContent: STYLE }));
  const { root, body } = card();
  if (panel) {
    // A tab of its own: nothing to unfold, and the tab already says "Reports".
    root.open = true;
    const summary = root.querySelector('summary');
    if (summary) summary.hidden = true;
  }
  (panel || document.querySelector('main') || document.body).appendChild(root);
  tabsBox = body.tabs;
  countBadge = body.count;
  if (!isAvailable('listReportTemplates')) {
    show(body.result, notAvailableMessage('Reports'), 'warn');
    return;
  }
  const pick = (key: string) => {
    state.chosen = key;
    describe(body.mapping, body.result);
  };
  initCustomChart(body.custom);
  call('listReportTemplates').then((templates) => {
    state.templates = templates;
    renderTemplates(body.templates, pick);
  }, (e: Error) => show(body.result, e.message, 'error'));
  onStatus((status: Status) => {
    state.imported = new Set(status.imports.map((i) => i.dataset.toLowerCase()));
    renderTemplates(body.templates, pick);
    refreshCustomSources(status);
    loadTabs();
  });
}

// ---- Custom chart ----

const custom = { source: null as HTMLSelectElement | null, fields: null as HTMLElement | null };

function refreshCustomSources(status: Status): void {
  const select = custom.source;
  if (!select) return;
  const current = select.value;
  clear(select);
  select.appendChild(el('option', { value: '', textContent: status.imports.length ? 'Choose an imported tab' : 'Import a dataset first' }));
  for (const i of status.imports) select.appendChild(el('option', { value: i.sheetName, textContent: i.sheetName, selected: i.sheetName === current }));
}

function options(id: string, label: string, values: string[], none?: string): HTMLElement {
  const select = el('select', { id });
  if (none !== undefined) select.appendChild(el('option', { value: '', textContent: none }));
  for (const v of values) select.appendChild(el('option', { value: v, textContent: v }));
  return el('div', {}, el('label', { htmlFor: id, textContent: label }), select);
}

function value(id: string): string {
  const node = document.getElementById(id) as HTMLSelectElement | null;
  return node ? node.value : '';
}

function initCustomChart(box: HTMLElement): void {
  const source = el('select', { id: 'custom-source' });
  const fields = el('div');
  const out = el('p', { className: 'result', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } });
  custom.source = source;
  custom.fields = fields;
  box.appendChild(el('div', {}, el('label', { htmlFor: 'custom-source', textContent: 'From the tab' }), source));
  box.appendChild(fields);
  box.appendChild(out);
  source.addEventListener('change', async () => {
    clear(fields);
    if (!source.value) return;
    const tab = await action({ busy: box, out }, () => call('describeTab', source.value));
    if (!tab) return;
    const names = tab.columns.map((c) => c.name);
    const numbers = tab.columns.filter((c) => c.kind === 'number').map((c) => c.name);
    fields.appendChild(options('custom-x', 'X (one bar or point per value)', names));
    fields.appendChild(el('div', { className: 'row' }, options('custom-y', 'Y', numbers.length ? numbers : names), options('custom-agg', 'Combined as', ['SUM', 'AVERAGE', 'COUNT', 'MIN', 'MAX'])));
    fields.appendChild(el('div', { className: 'row' }, options('custom-series', 'Series (optional)', names, '(none)'), options('custom-type', 'Chart', ['COLUMN', 'BAR', 'LINE', 'AREA', 'PIE'])));
    const create = el('button', { type: 'button', className: 'action', id: 'custom-create', textContent: 'Create chart' });
    create.addEventListener('click', async () => {
      await action({ busy: box, out, pending: 'Building the chart…' }, () => call('createCustomChart', {
        source: source.value, x: value('custom-x'), y: value('custom-y'), aggregate: value('custom-agg') as 'SUM', series: value('custom-series') || undefined, chartType: value('custom-type') as 'COLUMN',
      }), resultText);
      await loadTabs();
    });
    fields.appendChild(el('div', { className: 'buttons' }, create));
  });
}
