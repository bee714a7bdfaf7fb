/**
 * The filter builder: rows of column → operator (by type) → typed value (number field, date picker, text with
 * suggestions from a sample), ANDed, or ORed with the row before. The generated `$filter` is written into the
 * Advanced text box and shown underneath; a hand-written filter the rows can express is shown back as rows.
 * Examples come from this dataset's real columns and sample values, so none of them returns nothing.
 */
import { FilterOperator, FilterRow, OPERATORS, buildFilter, parseFilter } from '../../core/odata/filter-builder';
import { filterInWords } from '../../core/import-words';
import { dayZone } from '../day-zone';
import { byId, clear, el, spreadsheetTimeZone } from '../dom';
import type { DatasetDescription, DescribedColumn, ValueKind } from '../server-api';

const OP_LABELS: Record<string, Partial<Record<FilterOperator, string>>> = {
  text: { contains: 'contains', startswith: 'starts with', eq: 'is', ne: 'is not', empty: 'is empty', notempty: 'is not empty' },
  number: { eq: '=', ne: '≠', lt: '<', le: '≤', gt: '>', ge: '≥', between: 'between', empty: 'is empty' },
  date: { eq: 'on', lt: 'before', gt: 'after', le: 'on or before', ge: 'on or after', between: 'between', empty: 'is empty' },
  datetime: { lt: 'before', ge: 'on or after', between: 'between', empty: 'is empty' },
  boolean: { true: 'is true', false: 'is false' },
  other: { empty: 'is empty', notempty: 'is not empty' },
};
const NO_VALUE: FilterOperator[] = ['empty', 'notempty', 'true', 'false'];

let description: DatasetDescription | null = null;
let rows: FilterRow[] = [];
/** The text box holds a filter the rows cannot show: rows are off until it is cleared or rewritten. */
let advancedOnly = false;
let onChange: () => void = () => undefined;
/** "in the last …" on a date row becomes the import's date range (one per import, resolved at every refresh). */
let onWindow: (column: string) => void = () => undefined;
const IN_THE_LAST = 'last';

/** Days typed for date-time columns begin at midnight in the spreadsheet's time zone. */
const zone = () => dayZone(spreadsheetTimeZone());

const filterColumns = () => (description ? description.columns.filter((c) => kindOf(c) !== 'list') : []);

function kindOf(c: DescribedColumn): ValueKind {
  return c.kind || 'other';
}

function columnNamed(name: string): DescribedColumn | undefined {
  return filterColumns().find((c) => c.name === name);
}

function rawBox(): HTMLTextAreaElement {
  return byId<HTMLTextAreaElement>('filter');
}

/** Writes the rows' `$filter` into the text box and the preview; a row without its value is named in the preview. */
function rowsChanged(): void {
  const preview = byId('filter-preview');
  try {
    rawBox().value = description ? buildFilter(rows, filterColumns(), description.dialect || 'v4', zone()) : rawBox().value;
    preview.className = 'preview';
  } catch (e) {
    preview.textContent = (e as Error).message;
    preview.className = 'preview warn';
    preview.hidden = false;
    onChange();
    return;
  }
  renderPreview();
  onChange();
}

function renderPreview(): void {
  const preview = byId('filter-preview');
  const raw = rawBox().value.trim();
  preview.hidden = !raw;
  clear(preview);
  if (!raw) return;
  preview.appendChild(el('span', { className: 'muted', textContent: advancedOnly ? 'Filter (written by hand): ' : '$filter: ' }));
  preview.appendChild(el('code', { textContent: raw }));
}

function operatorSelect(row: FilterRow, kind: ValueKind, i: number): HTMLSelectElement {
  const select = el('select', { className: 'op', attrs: { 'aria-label': `Condition ${i + 1}: operator` } });
  const labels = OP_LABELS[kind] || OP_LABELS.other;
  for (const op of OPERATORS[kind as keyof typeof OPERATORS] || []) select.appendChild(el('option', { value: op, textContent: labels[op] || op }));
  if (kind === 'date' || kind === 'datetime') select.appendChild(el('option', { value: IN_THE_LAST, textContent: 'in the last …' }));
  select.value = row.op;
  select.addEventListener('change', () => {
    if (select.value === IN_THE_LAST) {
      rows.splice(i, 1);
      render();
      rowsChanged();
      return onWindow(row.column);
    }
    row.op = select.value as FilterOperator;
    render();
    rowsChanged();
  });
  return select;
}

function columnSelect(row: FilterRow, i: number): HTMLSelectElement {
  const select = el('select', { className: 'col', attrs: { 'aria-label': `Condition ${i + 1}: column` } });
  for (const c of filterColumns()) select.appendChild(el('option', { value: c.name, textContent: c.name }));
  select.value = row.column;
  select.addEventListener('change', () => {
    row.column = select.value;
    const kind = kindOf(columnNamed(row.column)!);
    row.op = (OPERATORS[kind as keyof typeof OPERATORS] || ['empty'])[0];
    row.value = row.value2 = undefined;
    render();
    rowsChanged();
  });
  return select;
}

/** A value field typed by the column: number, date picker, or text with suggestions. */
function valueInput(row: FilterRow, which: 'value' | 'value2', column: DescribedColumn, i: number): HTMLInputElement {
  const kind = kindOf(column);
  const input = el('input', { className: 'val', attrs: { 'aria-label': `Condition ${i + 1}: ${which === 'value2' ? 'up to' : 'value'}` } });
  if (kind === 'number') {
    input.type = 'number';
    input.step = 'any';
  } else if (kind === 'date' || kind === 'datetime') {
    input.type = 'date';
  } else if (column.samples && column.samples.length) {
    const listId = `samples-${column.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    if (!document.getElementById(listId)) {
      const list = el('datalist', { id: listId });
      for (const v of column.samples.slice().sort()) list.appendChild(el('option', { value: v }));
      byId('filter-rows').appendChild(list);
    }
    input.setAttribute('list', listId);
    input.placeholder = `e.g. ${column.samples[0]}`;
  }
  input.value = row[which] || '';
  input.addEventListener('input', () => {
    row[which] = input.value;
    rowsChanged();
  });
  return input;
}

function joinSelect(row: FilterRow, i: number): HTMLSelectElement {
  const join = el('select', { className: 'join', attrs: { 'aria-label': `Condition ${i + 1}: and / or` } }, el('option', { value: 'and', textContent: 'and' }), el('option', { value: 'or', textContent: 'or' }));
  join.value = row.or ? 'or' : 'and';
  join.addEventListener('change', () => {
    row.or = join.value === 'or';
    rowsChanged();
  });
  return join;
}

function rowElement(row: FilterRow, i: number): HTMLLIElement {
  const column = columnNamed(row.column)!;
  const remove = el('button', { type: 'button', className: 'small icon', textContent: '×', attrs: { 'aria-label': `Remove condition ${i + 1}` } });
  remove.addEventListener('click', () => {
    rows.splice(i, 1);
    render();
    rowsChanged();
  });
  const head = el('div', { className: 'cond-head' }, i > 0 ? joinSelect(row, i) : null, columnSelect(row, i), operatorSelect(row, kindOf(column), i), remove);
  const li = el('li', { className: 'cond', attrs: { 'data-index': String(i) } }, head);
  if (NO_VALUE.indexOf(row.op) < 0) {
    const values = el('div', { className: 'cond-values' }, valueInput(row, 'value', column, i));
    if (row.op === 'between') values.append(el('span', { className: 'muted', textContent: 'and' }), valueInput(row, 'value2', column, i));
    li.appendChild(values);
  }
  return li;
}

function render(): void {
  const list = byId('filter-rows');
  clear(list);
  const usable = !!description && !advancedOnly;
  byId<HTMLButtonElement>('filter-add').hidden = !usable || !filterColumns().length;
  if (advancedOnly) {
    list.appendChild(el('li', { className: 'help', textContent: 'This filter is written by hand and the conditions cannot show it. Edit it under Advanced, or clear it there to use conditions.' }));
  } else {
    rows.forEach((row, i) => list.appendChild(rowElement(row, i)));
  }
  renderExamples();
}

/** A sample value from the middle of the sample: "at least" it, or "on or after" it, always matches a row. */
function middle(samples: string[], numeric: boolean): string {
  const sorted = samples.slice().sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : 1));
  return sorted[Math.floor(sorted.length / 2)];
}

function isIdLike(c: DescribedColumn): boolean {
  return (description ? description.key.indexOf(c.name) >= 0 : false) || /Id$/.test(c.name);
}

/** Up to three conditions from real columns and sample values. */
function exampleRows(): FilterRow[] {
  const cols = filterColumns().filter((c) => !isIdLike(c) && c.samples && c.samples.length);
  const out: FilterRow[] = [];
  const text = cols.find((c) => kindOf(c) === 'text' && c.samples!.length > 1 && c.samples!.length < 12);
  if (text) out.push({ column: text.name, op: 'eq', value: text.samples!.slice().sort()[0] });
  const num = cols.find((c) => kindOf(c) === 'number');
  if (num) out.push({ column: num.name, op: 'ge', value: middle(num.samples!, true) });
  const date = cols.find((c) => kindOf(c) === 'date');
  if (date) out.push({ column: date.name, op: 'ge', value: middle(date.samples!, false).slice(0, 10) });
  return out;
}

function renderExamples(): void {
  const list = byId('filter-examples');
  clear(list);
  const examples = advancedOnly || !description || rows.length ? [] : exampleRows();
  byId('filter-examples-wrap').hidden = !examples.length;
  for (const example of examples) {
    const words = filterInWords(buildFilter([example], filterColumns(), description!.dialect || 'v4', zone()), filterColumns(), zone());
    const use = el('button', { type: 'button', className: 'link chip', textContent: words, attrs: { 'aria-label': `Add the condition ${words}` } });
    use.addEventListener('click', () => {
      rows.push({ ...example });
      render();
      rowsChanged();
    });
    list.appendChild(el('li', {}, use));
  }
}

/** Reads the text box back into rows when it can; otherwise the rows step aside ("Advanced" only). */
export function setFilterText(text: string): void {
  rawBox().value = text;
  const parsed = description ? parseFilter(text, filterColumns(), zone()) : null;
  advancedOnly = !!text.trim() && !parsed;
  rows = parsed || [];
  render();
  renderPreview();
  byId<HTMLDetailsElement>('advanced-filter').open = advancedOnly || byId<HTMLDetailsElement>('advanced-filter').open;
}

/**
 * New columns (another dataset): conditions on columns it also has stay, the others go (said in the preview);
 * a hand-written filter stays as text.
 */
export function setDescription(next: DatasetDescription | null): void {
  const hadRows = !advancedOnly && rows.length > 0;
  description = next;
  if (!hadRows || !next) return setFilterText(rawBox().value);
  const kept = rows.filter((r) => !!columnNamed(r.column));
  const dropped = rows.length - kept.length;
  rows = kept.map((r, i) => (i === 0 ? { ...r, or: false } : r));
  render();
  rowsChanged();
  if (dropped) {
    const preview = byId('filter-preview');
    preview.hidden = false;
    preview.prepend(el('span', { className: 'warn', textContent: `${dropped === 1 ? 'A condition was' : `${dropped} conditions were`} removed: this dataset does not have ${dropped === 1 ? 'its column' : 'their columns'}. ` }));
  }
}

/** The `$filter` to send: the rows' (checked, so a missing value is reported) or the hand-written text. */
export function currentFilter(): string {
  if (!advancedOnly && description && rows.length) return buildFilter(rows, filterColumns(), description.dialect || 'v4', zone());
  return rawBox().value.trim();
}

export function filterWords(): string {
  const raw = rawBox().value.trim();
  return raw && description ? filterInWords(raw, filterColumns(), zone()) : raw;
}

export function focusFirstCondition(): void {
  const first = byId('filter-rows').querySelector<HTMLElement>('input, select');
  (first || byId('filter-add')).focus();
}

export function initFilterRows(changed: () => void, window: (column: string) => void): void {
  onChange = changed;
  onWindow = window;
  byId('filter-add').addEventListener('click', () => {
    const first = filterColumns()[0];
    if (!first) return;
    const kind = kindOf(first);
    rows.push({ column: first.name, op: (OPERATORS[kind as keyof typeof OPERATORS] || ['empty'])[0], or: false });
    render();
    rowsChanged();
    const selects = byId('filter-rows').querySelectorAll<HTMLSelectElement>('select.col');
    if (selects.length) selects[selects.length - 1].focus();
  });
  rawBox().addEventListener('input', () => {
    const text = rawBox().value;
    const parsed = description ? parseFilter(text, filterColumns(), zone()) : null;
    advancedOnly = !!text.trim() && !parsed;
    if (parsed) rows = parsed;
    render();
    renderPreview();
    onChange();
  });
  render();
}
