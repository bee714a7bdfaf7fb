/**
 * Import a dataset: the catalogue plus the service's own entity sets, columns from $metadata, filter with
 * examples, sort, row limit, tab name; live progress (getProgress polled about once a second) and the result
 * with a "Go to tab" link.
 */
import { goToTab, guardConnection, isConnected, onStatus, refreshStatus } from '../app';
import { byId, clear, el, plural } from '../dom';
import { action, call, isAvailable, notAvailableMessage, show } from '../rpc';
import { newProgressId, watchProgress } from '../progress';
import { mountOutputMode } from './output-mode';
import type { DatasetDescription, DatasetInfo, ImportParams, ImportResult } from '../server-api';

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

/** The tab name the server will use when none is given (mirrors defaultSheetName in src/app/import-dataset.ts). */
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
    entitySets = null; // try again next time the section opens
    describeChoice(`(Could not list the service's entity sets: ${(e as Error).message})`);
  }
}

// ---- columns, sort and filter examples from $metadata ----

function typedColumns(): string[] {
  return byId<HTMLInputElement>('columns')
    .value.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function syncCheckboxesFromText(): void {
  const chosen = new Set(typedColumns().map((s) => s.toLowerCase()));
  byId('column-list')
    .querySelectorAll<HTMLInputElement>('input[type=checkbox]')
    .forEach((box) => {
      box.checked = chosen.has(box.value.toLowerCase());
    });
}

function syncTextFromCheckboxes(): void {
  const boxes = Array.from(byId('column-list').querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
  const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
  // keep names typed by hand that the list does not know (nested Owner.Name etc.)
  const known = new Set(boxes.map((b) => b.value.toLowerCase()));
  const typedExtra = typedColumns().filter((c) => !known.has(c.toLowerCase()));
  byId<HTMLInputElement>('columns').value = chosen.concat(typedExtra).join(', ');
}

function shortType(type: string): string {
  return type.replace(/^Edm\./, '').replace(/^Collection\((?:Edm\.)?(.*)\)$/, 'list of $1');
}

const EXAMPLE_VALUE: Record<string, (name: string) => string> = {
  String: (n) => `${n} eq 'text'`,
  Boolean: (n) => `${n} eq true`,
  Date: (n) => `${n} ge 2026-01-01`,
  DateTimeOffset: (n) => `${n} ge 2026-01-01T00:00:00Z`,
  DateTime: (n) => `${n} ge datetime'2026-01-01T00:00:00'`,
};
const NUMERIC = /^(Int16|Int32|Int64|Decimal|Double|Single|Byte)$/;

function filterExamples(description: DatasetDescription | null, dataset: string): string[] {
  if (!description) {
    return dataset === 'accounts' || dataset === '' ? ["Platform eq 'Google Ads'", 'AuditScore lt 60 and IsActive eq true', "contains(Name,'shop')"] : [];
  }
  const keys = new Set(description.key);
  const examples: string[] = [];
  // ids make poor examples: prefer a measure, a name, a date, a flag
  const pick = (test: (t: string) => boolean) => description.columns.find((c) => !keys.has(c.name) && !/Id$/.test(c.name) && test(shortType(c.type)));
  const num = pick((t) => NUMERIC.test(t));
  if (num) examples.push(`${num.name} gt 50`);
  const text = pick((t) => t === 'String');
  if (text) examples.push(`contains(${text.name},'a')`);
  const when = pick((t) => t === 'Date' || t === 'DateTimeOffset' || t === 'DateTime');
  if (when) examples.push(EXAMPLE_VALUE[shortType(when.type)](when.name));
  const flag = pick((t) => t === 'Boolean');
  if (flag && num) examples.push(`${EXAMPLE_VALUE.Boolean(flag.name)} and ${num.name} gt 50`);
  else if (flag) examples.push(EXAMPLE_VALUE.Boolean(flag.name));
  return examples.slice(0, 3);
}

function renderExamples(examples: string[]): void {
  const list = byId('filter-examples');
  clear(list);
  byId('filter-examples-label').hidden = !examples.length;
  for (const example of examples) {
    const use = el('button', { type: 'button', className: 'link code', textContent: example });
    use.setAttribute('aria-label', `Use the filter ${example}`);
    use.addEventListener('click', () => {
      const filter = byId<HTMLInputElement>('filter');
      filter.value = example;
      filter.focus();
    });
    list.appendChild(el('li', {}, use));
  }
}

function renderColumns(description: DatasetDescription | null, note: string): void {
  const picker = byId<HTMLDetailsElement>('column-picker');
  const list = byId('column-list');
  const orderby = byId('orderby-list');
  clear(list);
  clear(orderby);
  byId('columns-help').textContent = note;
  renderExamples(filterExamples(description, chosenDataset()));
  if (!description || !description.columns.length) {
    picker.hidden = true;
    return;
  }
  picker.hidden = false;
  byId('column-picker-summary').textContent = `Choose columns (${description.columns.length})`;
  for (const c of description.columns) {
    const box = el('input', { type: 'checkbox', value: c.name });
    box.addEventListener('change', syncTextFromCheckboxes);
    list.appendChild(el('label', { className: 'inline' }, box, el('span', { textContent: c.name }), el('span', { className: 'type', textContent: shortType(c.type) })));
    if (!/^Collection\(/.test(c.type)) {
      orderby.appendChild(el('option', { value: `${c.name} asc` }));
      orderby.appendChild(el('option', { value: `${c.name} desc` }));
    }
  }
  syncCheckboxesFromText();
}

let describeSeq = 0;

async function loadColumns(): Promise<void> {
  const dataset = chosenDataset();
  const seq = ++describeSeq;
  const plain = 'Comma-separated names; empty = all columns.';
  if (!dataset || !isConnected()) return renderColumns(null, plain);
  if (!isAvailable('describeDataset')) return renderColumns(null, `${plain} (${notAvailableMessage('The column list')})`);
  if (!descriptions.has(dataset)) {
    byId('columns-help').textContent = 'Reading the columns from the service…';
    try {
      descriptions.set(dataset, await call('describeDataset', dataset));
    } catch (e) {
      if (seq === describeSeq) renderColumns(null, `${plain} (Could not read the columns: ${(e as Error).message})`);
      return;
    }
  }
  if (seq !== describeSeq) return; // the user picked another dataset meanwhile
  const description = descriptions.get(dataset) || null;
  renderColumns(
    description,
    description ? `Comma-separated, or choose below; empty = all ${description.columns.length} columns.` : `${plain} (The service does not describe this dataset.)`,
  );
}

// ---- import ----

function resultText(r: ImportResult): [string, 'ok' | 'warn'] {
  const text = `Imported ${plural(r.rows, 'row')} × ${plural(r.columns, 'column')} into the tab "${r.sheetName}".${r.changes ? ` (${r.changes})` : ''}`;
  return r.truncated ? [`${text} Incomplete: ${r.truncated}`, 'warn'] : [text, 'ok'];
}

function readParams(out: HTMLElement): ImportParams | null {
  const dataset = chosenDataset();
  if (!dataset) {
    show(out, 'Choose a dataset, or type the name of an entity set.', 'error');
    return null;
  }
  const params: ImportParams = { dataset };
  const columns = byId<HTMLInputElement>('columns').value.trim();
  const filter = byId<HTMLInputElement>('filter').value.trim();
  const orderby = byId<HTMLInputElement>('orderby').value.trim();
  const top = byId<HTMLInputElement>('top').value.trim();
  const sheetName = byId<HTMLInputElement>('sheetName').value.trim();
  if (columns) params.columns = columns;
  if (filter) params.filter = filter;
  if (orderby) params.orderby = orderby;
  if (top) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1) {
      show(out, 'The row limit must be a whole number of at least 1 (or empty for all rows).', 'error');
      byId('top').focus();
      return null;
    }
    params.top = n;
  }
  if (sheetName) params.sheetName = sheetName;
  if (byId<HTMLInputElement>('overwrite').checked) params.overwrite = true;
  return params;
}

export function initImport(datasets: DatasetInfo[]): void {
  catalogue = datasets;
  const section = byId<HTMLDetailsElement>('import');
  const form = byId<HTMLFormElement>('import-form');
  const out = byId('import-result');
  const gotoButton = byId<HTMLButtonElement>('import-goto');
  renderDatasetOptions();
  describeChoice();
  const output = mountOutputMode(form, 'import', {
    historyFrom: () => (chosenDataset().toLowerCase() === 'accounts' ? 'account-history' : null),
    defaultKey: () => ((descriptions.get(chosenDataset()) || { key: [] }).key || []).join(' + ') || null,
  });

  const onConnected = () => {
    if (section.open && isConnected()) {
      loadEntitySets();
      loadColumns().then(output.refresh);
    }
  };
  onStatus((status) => {
    guardConnection(section, form, status.connection.connected);
    if (!status.connection.connected) {
      entitySets = null;
      descriptions.clear();
    }
    onConnected();
  });
  section.addEventListener('toggle', onConnected);

  byId('dataset').addEventListener('change', () => {
    const other = byId<HTMLSelectElement>('dataset').value === OTHER;
    byId('dataset-other-wrap').hidden = !other;
    if (other) byId('dataset-other').focus();
    describeChoice();
    loadColumns().then(output.refresh);
  });
  byId('dataset-other').addEventListener('change', () => {
    describeChoice();
    loadColumns();
  });
  byId('columns').addEventListener('input', syncCheckboxesFromText);
  byId('columns-all').addEventListener('click', () => {
    byId('column-list')
      .querySelectorAll<HTMLInputElement>('input[type=checkbox]')
      .forEach((b) => (b.checked = true));
    syncTextFromCheckboxes();
  });
  byId('columns-none').addEventListener('click', () => {
    byId<HTMLInputElement>('columns').value = '';
    syncCheckboxesFromText();
  });

  gotoButton.addEventListener('click', () => {
    if (lastGoto) goToTab(lastGoto, section, out);
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    gotoButton.hidden = true;
    show(out, '');
    const params = readParams(out);
    const mode = params && output.read(out);
    if (!params || !mode) return;
    Object.assign(params, mode);
    params.progressId = newProgressId();
    const stop = watchProgress(params.progressId, byId('import-progress'), byId('import-progress-text'));
    const result = await action({ busy: form, out }, () => call('importDataset', params), resultText);
    stop();
    if (result) {
      lastGoto = result.sheetName;
      gotoButton.textContent = `Go to tab "${result.sheetName}"`;
      gotoButton.hidden = false;
      await refreshStatus();
    }
  });
}

