/**
 * Import a dataset: the catalogue plus the service's own entity sets; conditions, a date range, columns and sort
 * built from this dataset's $metadata and a small sample (filter-rows.ts, date-window.ts, column-picker.ts);
 * progress with Cancel; the result — a warning naming the filter when nothing matched — and "Insert as formula".
 * Saved imports load back into this form (Edit, Duplicate).
 */
import { describeDateWindow } from '../../core/odata/date-window';
import { goToTab, guardConnection, isConnected, onStatus, refreshStatus } from '../app';
import { byId, clear, el, plural } from '../dom';
import { insertFormulaFlow, runImportFlow } from '../import-flow';
import { isShown, onShow, showTab } from '../layout';
import { progressWidget } from '../progress';
import { call, isAvailable, notAvailableMessage, show, Tone } from '../rpc';
import type { DatasetDescription, DatasetInfo, ImportParams, ImportResult, SavedImport } from '../server-api';
import { chosenColumns, initColumnPicker, setChosenColumns, setColumnsDescription, setOrderby } from './column-picker';
import { currentWindow, initDateWindow, setWindow, setWindowDescription } from './date-window';
import { currentFilter, filterWords, focusFirstCondition, initFilterRows, setDescription, setFilterText } from './filter-rows';
import { OutputModeControl, mountOutputMode, withOutputChoice } from './output-mode';

const OTHER = '__other__';

let catalogue: DatasetInfo[] = [];
let entitySets: string[] | null = null;
const descriptions = new Map<string, DatasetDescription | null>();
let lastGoto: string | null = null;

/** What the dataset field currently names: a catalogue key, an entity set, or what the user typed. */
function chosenDataset(): string {
  const select = byId<HTMLSelectElement>('dataset');
  return select.value === OTHER ? byId<HTMLInputElement>('dataset-other').value.trim() : select.value;
}

/** The tab name the server will use when none is given (datasetSheetName in src/app/dataset-table.ts). */
function defaultTabName(dataset: string): string {
  const known = catalogue.find((d) => d.key === dataset.toLowerCase());
  return `TrueClicks ${known ? known.key : dataset}`.slice(0, 90);
}

function renderDatasetOptions(): void {
  const select = byId<HTMLSelectElement>('dataset');
  const previous = select.value;
  clear(select);
  const known = el('optgroup', { label: 'TrueClicks datasets' });
  for (const d of catalogue) known.appendChild(el('option', { value: d.key, textContent: d.title }));
  select.appendChild(known);
  const paths = new Set(catalogue.map((d) => d.path.toLowerCase()));
  const extra = (entitySets || []).filter((s) => !paths.has(s.toLowerCase()));
  if (extra.length) {
    const group = el('optgroup', { label: 'More from the service' });
    for (const s of extra) group.appendChild(el('option', { value: s, textContent: s }));
    select.appendChild(group);
  }
  select.appendChild(el('option', { value: OTHER, textContent: 'Other (type a name)…' }));
  if (previous && Array.from(select.options).some((o) => o.value === previous)) select.value = previous;
}

function describeChoice(extraNote = ''): void {
  const dataset = chosenDataset();
  const known = catalogue.find((d) => d.key === dataset);
  const help = byId('dataset-help');
  help.textContent = known
    ? known.description
    : byId<HTMLSelectElement>('dataset').value === OTHER
      ? 'Any OData entity set name of the service, relative to the API base URL.'
      : 'An entity set listed by the service.';
  if (extraNote) help.appendChild(el('span', { className: 'muted', textContent: ` ${extraNote}` }));
  byId<HTMLInputElement>('sheetName').placeholder = dataset ? defaultTabName(dataset) : '';
}

async function loadEntitySets(): Promise<void> {
  if (entitySets !== null || !isConnected()) return;
  if (!isAvailable('listEntitySets')) {
    entitySets = [];
    describeChoice(`(${notAvailableMessage("The list of the service's entity sets")})`);
    return;
  }
  try {
    entitySets = await call('listEntitySets');
    renderDatasetOptions();
  } catch (e) {
    entitySets = null; // try again next time the tab opens
    describeChoice(`(Could not list the service's entity sets: ${(e as Error).message})`);
  }
}

function applyDescription(description: DatasetDescription | null, note: string): void {
  byId('columns-help').textContent = note;
  // names can be looked up only for a dataset with its own account id column (not for accounts itself)
  const accountColumn = description && description.accountColumn;
  byId('import-account-names-wrap').hidden = !accountColumn;
  byId('import-account-names-wrap').title = accountColumn ? `Adds each account's name right after ${accountColumn}.` : '';
  if (!accountColumn) byId<HTMLInputElement>('import-account-names').checked = false;
  setColumnsDescription(description);
  setWindowDescription(description);
  setDescription(description);
}

let describeSeq = 0;
/** The columns being read for the chosen dataset: Import waits for them, so it never sends the last dataset's sort. */
let describing: Promise<void> = Promise.resolve();

function loadColumns(): Promise<void> {
  describing = readColumns();
  return describing;
}

/** Reads the dataset's columns (types and sample values) once per dataset; resolves when the form shows them. */
async function readColumns(): Promise<void> {
  const dataset = chosenDataset();
  const seq = ++describeSeq;
  if (!dataset || !isConnected()) return applyDescription(null, '');
  if (!isAvailable('describeDataset')) return applyDescription(null, `Comma-separated names; empty = all columns. (${notAvailableMessage('The column list')})`);
  if (!descriptions.has(dataset)) {
    byId('columns-help').textContent = 'Reading the columns from the service…';
    try {
      descriptions.set(dataset, await call('describeDataset', dataset));
    } catch (e) {
      if (seq === describeSeq) applyDescription(null, `Could not read the columns: ${(e as Error).message}`);
      return;
    }
  }
  if (seq !== describeSeq) return; // the user picked another dataset meanwhile
  const description = descriptions.get(dataset) || null;
  applyDescription(description, description ? '' : 'The service does not describe this dataset: type column names and the filter by hand.');
}

// ---- import ----

/** Replace, append or merge (sections/output-mode.ts), mounted into the form by initImport. */
let output: OutputModeControl | null = null;

function refreshOutput(): void {
  if (output) output.refresh();
}

function resultText(r: ImportResult, params: ImportParams): [string, Tone] {
  const into = `into the tab "${r.sheetName}"`;
  if (r.rows === 0) {
    const what = [params.filter ? `the filter ${filterWords()}` : '', params.dateWindow ? describeDateWindow(params.dateWindow) : ''].filter(Boolean).join(' with ');
    return [`No rows matched ${what || 'this import'}: the tab "${r.sheetName}" has only its header. Edit the filter and import again.`, 'warn'];
  }
  const text = `Imported ${plural(r.rows, 'row')} × ${plural(r.columns, 'column')} ${into}.${r.changes ? ` (${r.changes})` : ''}`;
  return r.truncated ? [`${text} Incomplete: ${r.truncated}`, 'warn'] : [text, 'ok'];
}

function readTop(out: HTMLElement): number | null | undefined {
  const top = byId<HTMLInputElement>('top').value.trim();
  if (!top) return undefined;
  const n = Number(top);
  if (Number.isInteger(n) && n >= 1) return n;
  show(out, 'The row limit must be a whole number of at least 1 (or empty for all rows).', 'error');
  byId('top').focus();
  return null;
}

/** The form as import parameters, or null after saying what is missing. */
function readParams(out: HTMLElement): ImportParams | null {
  const dataset = chosenDataset();
  if (!dataset) {
    show(out, 'Choose a dataset, or type the name of an entity set.', 'error');
    return null;
  }
  let filter: string;
  try {
    filter = currentFilter();
  } catch (e) {
    show(out, (e as Error).message, 'error');
    focusFirstCondition();
    return null;
  }
  const params: ImportParams = { dataset };
  const columns = chosenColumns();
  const orderby = byId<HTMLInputElement>('orderby').value.trim();
  const top = readTop(out);
  const sheetName = byId<HTMLInputElement>('sheetName').value.trim();
  const dateWindow = currentWindow();
  if (top === null) return null;
  if (columns.length) params.columns = columns.join(', ');
  if (filter) params.filter = filter;
  if (dateWindow) params.dateWindow = dateWindow;
  if (orderby) params.orderby = orderby;
  if (top) params.top = top;
  if (sheetName) params.sheetName = sheetName;
  if (byId<HTMLInputElement>('import-account-names').checked) params.accountNames = true;
  return params;
}

/** Loads a saved import into the form (Edit), or a copy of it for a new tab (Duplicate). */
export async function loadSavedImport(imp: SavedImport, duplicate: boolean): Promise<void> {
  showTab('import');
  const select = byId<HTMLSelectElement>('dataset');
  const known = Array.from(select.options).some((o) => o.value === imp.dataset);
  select.value = known ? imp.dataset : OTHER;
  byId('dataset-other-wrap').hidden = known;
  if (!known) byId<HTMLInputElement>('dataset-other').value = imp.dataset;
  describeChoice();
  await loadColumns();
  const q = imp.query || {};
  setChosenColumns(q.columns || []);
  setFilterText(q.filter || '');
  setWindow(imp.dateWindow || null);
  setOrderby(q.orderby || '');
  byId<HTMLInputElement>('top').value = q.top ? String(q.top) : '';
  byId<HTMLInputElement>('import-account-names').checked = imp.accountNames === true;
  byId<HTMLInputElement>('sheetName').value = duplicate ? `${imp.sheetName} (copy)`.slice(0, 100) : imp.sheetName;
  show(byId('import-result'), duplicate ? `A copy of "${imp.sheetName}": change what you need, then Import into the new tab.` : `Editing "${imp.sheetName}": change what you need, then Import to update the tab.`, '');
  byId('dataset').focus();
}

function showGoto(sheetName: string): void {
  lastGoto = sheetName;
  const gotoButton = byId<HTMLButtonElement>('import-goto');
  gotoButton.textContent = `Go to tab "${sheetName}"`;
  gotoButton.hidden = false;
}

function wireSubmit(form: HTMLFormElement, out: HTMLElement): void {
  const widget = progressWidget(byId('import-progress-slot'), 'import');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    byId('import-goto').hidden = true;
    byId('import-edit').hidden = true;
    show(out, '');
    await describing;
    const params = withOutputChoice(readParams(out), output, out);
    if (!params) return;
    const result = await runImportFlow({
      busy: form,
      out,
      widget,
      start: (progressId, overwrite) => call('importDataset', { ...params, progressId, ...(overwrite ? { overwrite: true } : {}) }),
      success: (r) => resultText(r, params),
    });
    if (!result) return;
    showGoto(result.sheetName);
    byId('import-edit').hidden = result.rows !== 0;
    await refreshStatus();
  });
  byId('formula-button').addEventListener('click', async () => {
    await describing;
    const params = readParams(out);
    if (!params) return;
    if (!isAvailable('insertFormula')) return show(out, notAvailableMessage('Inserting a formula'), 'warn');
    const { sheetName: _tab, accountNames: _names, ...query } = params;
    return insertFormulaFlow(form, out, query);
  });
}

function onDatasetChange(): void {
  // the last outcome was about another dataset
  show(byId('import-result'), '');
  byId('import-goto').hidden = true;
  byId('import-edit').hidden = true;
  const other = byId<HTMLSelectElement>('dataset').value === OTHER;
  byId('dataset-other-wrap').hidden = !other;
  if (other) byId('dataset-other').focus();
  describeChoice();
  setChosenColumns([]); // another dataset: its own columns (conditions and sort on shared columns stay)
  loadColumns().then(refreshOutput);
}

export function initImport(datasets: DatasetInfo[]): void {
  catalogue = datasets;
  const section = byId('import');
  const form = byId<HTMLFormElement>('import-form');
  const out = byId('import-result');
  renderDatasetOptions();
  describeChoice();
  initFilterRows(
    () => undefined,
    (column) => {
      setWindow({ column, last: 30, unit: 'days' }, true);
      byId<HTMLInputElement>('window-last').select();
    },
  );
  initColumnPicker();
  initDateWindow();
  output = mountOutputMode(form, 'import', {
    historyFrom: () => (chosenDataset().toLowerCase() === 'accounts' ? 'account-history' : null),
    defaultKey: () => ((descriptions.get(chosenDataset()) || { key: [] }).key || []).join(' + ') || null,
  });

  const onConnected = () => {
    if (isShown('import') && isConnected()) {
      loadEntitySets();
      loadColumns().then(refreshOutput);
    }
  };
  onStatus((status) => {
    guardConnection(section, form, isConnected());
    if (!status.connection.connected) {
      entitySets = null;
      descriptions.clear();
    }
    onConnected();
  });
  onShow('import', onConnected);

  byId('dataset').addEventListener('change', onDatasetChange);
  byId('dataset-other').addEventListener('change', () => {
    describeChoice();
    loadColumns().then(refreshOutput);
  });
  byId('import-goto').addEventListener('click', () => {
    if (lastGoto) goToTab(lastGoto, section, out);
  });
  byId('import-edit').addEventListener('click', () => {
    byId('import-edit').hidden = true;
    focusFirstCondition();
  });
  wireSubmit(form, out);
}
