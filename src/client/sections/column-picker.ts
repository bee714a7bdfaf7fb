/**
 * Columns and sort for a dataset import: a searchable list with friendly type names (Number, Date & time, Text …),
 * the chosen columns in the order they will have in the tab (move up/down), the same list as comma-separated
 * text for names the list does not know; and a sort picker (column + direction) instead of a text box.
 */
import { byId, clear, el } from '../dom';
import type { DatasetDescription } from '../server-api';

let description: DatasetDescription | null = null;
/** The chosen columns, in tab order; empty = all columns. */
let chosen: string[] = [];

function textColumns(): string[] {
  return byId<HTMLInputElement>('columns')
    .value.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function labelOf(name: string): string {
  const c = description && description.columns.find((x) => x.name === name);
  return c ? c.label || c.type.replace(/^Edm\./, '') : '';
}

function summary(): void {
  const total = description ? description.columns.length : 0;
  byId('column-picker-summary').textContent = chosen.length ? `Columns: ${chosen.length} chosen${total ? ` of ${total}` : ''}` : `Columns: all${total ? ` ${total}` : ''}`;
}

function moveButton(name: string, step: -1 | 1, disabled: boolean): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'small icon', textContent: step < 0 ? '↑' : '↓', disabled, attrs: { 'aria-label': `Move ${name} ${step < 0 ? 'up' : 'down'}` } });
  b.addEventListener('click', () => {
    const i = chosen.indexOf(name);
    const j = i + step;
    if (i < 0 || j < 0 || j >= chosen.length) return;
    [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
    sync();
    const again = byId('column-order').querySelector<HTMLButtonElement>(`button[aria-label="Move ${CSS.escape(name)} ${step < 0 ? 'up' : 'down'}"]`);
    if (again && !again.disabled) again.focus();
  });
  return b;
}

function renderOrder(): void {
  const list = byId('column-order');
  clear(list);
  byId('column-order-label').hidden = chosen.length < 2;
  if (chosen.length < 2) return;
  chosen.forEach((name, i) => list.appendChild(el('li', {}, el('span', { className: 'name', textContent: name }), moveButton(name, -1, i === 0), moveButton(name, 1, i === chosen.length - 1))));
}

/** Checkboxes, order list, text and summary from `chosen`. */
function sync(writeText = true): void {
  const set = new Set(chosen.map((c) => c.toLowerCase()));
  byId('column-list')
    .querySelectorAll<HTMLInputElement>('input[type=checkbox]')
    .forEach((b) => (b.checked = set.has(b.value.toLowerCase())));
  if (writeText) byId<HTMLInputElement>('columns').value = chosen.join(', ');
  renderOrder();
  summary();
}

function renderList(): void {
  const list = byId('column-list');
  clear(list);
  for (const c of description ? description.columns : []) {
    const box = el('input', { type: 'checkbox', value: c.name });
    box.addEventListener('change', () => {
      chosen = box.checked ? chosen.concat(c.name) : chosen.filter((n) => n !== c.name);
      sync();
    });
    list.appendChild(el('label', { className: 'inline', attrs: { 'data-search': c.name.toLowerCase() } }, box, el('span', { textContent: c.name }), el('span', { className: 'type', textContent: labelOf(c.name) })));
  }
  filterList();
}

function filterList(): void {
  const q = byId<HTMLInputElement>('column-search').value.trim().toLowerCase();
  byId('column-list')
    .querySelectorAll<HTMLElement>('label')
    .forEach((l) => (l.hidden = !!q && !(l.getAttribute('data-search') || '').includes(q)));
}

function renderSortOptions(): void {
  const select = byId<HTMLSelectElement>('sort-column');
  const previous = byId<HTMLInputElement>('orderby').value;
  clear(select);
  select.appendChild(el('option', { value: '', textContent: 'Not sorted' }));
  for (const c of description ? description.columns : []) {
    if (c.kind === 'list' || /^Collection\(/.test(c.type)) continue;
    select.appendChild(el('option', { value: c.name, textContent: `${c.name} (${labelOf(c.name)})` }));
  }
  // a sort on a column this dataset does not have would fail: it goes, like such conditions
  const column = previous.trim().split(/\s+/)[0];
  const fits = !description || Array.from(select.options).some((o) => o.value === column);
  setOrderby(fits ? previous : '');
}

/** Shows a saved `$orderby` in the picker; one it cannot show stays as a "custom" choice. */
export function setOrderby(orderby: string): void {
  const select = byId<HTMLSelectElement>('sort-column');
  const m = /^\s*([A-Za-z_][\w./]*)(?:\s+(asc|desc))?\s*$/i.exec(orderby || '');
  const known = m && Array.from(select.options).some((o) => o.value === m[1]);
  if (orderby && !known) select.appendChild(el('option', { value: orderby, textContent: `Custom: ${orderby}` }));
  select.value = !orderby ? '' : known && m ? m[1] : orderby;
  byId<HTMLSelectElement>('sort-direction').value = m && m[2] && m[2].toLowerCase() === 'desc' ? 'desc' : 'asc';
  syncOrderby();
}

function syncOrderby(): void {
  const column = byId<HTMLSelectElement>('sort-column').value;
  const custom = !/^[A-Za-z_][\w./]*$/.test(column);
  byId<HTMLSelectElement>('sort-direction').disabled = !column || custom;
  byId<HTMLInputElement>('orderby').value = !column ? '' : custom ? column : `${column} ${byId<HTMLSelectElement>('sort-direction').value}`;
}

export function setColumnsDescription(next: DatasetDescription | null): void {
  description = next;
  const known = new Set((next ? next.columns : []).map((c) => c.name.toLowerCase()));
  // keep chosen names the new dataset also has, and any typed by hand (nested Owner.Name …)
  chosen = chosen.filter((c) => !next || known.has(c.toLowerCase()) || c.indexOf('.') > 0);
  byId('column-picker').classList.toggle('no-list', !next);
  renderList();
  renderSortOptions();
  sync();
}

export function setChosenColumns(columns: string[]): void {
  chosen = columns.slice();
  sync();
}

export function chosenColumns(): string[] {
  return chosen.slice();
}

export function initColumnPicker(): void {
  byId('column-search').addEventListener('input', filterList);
  byId('columns').addEventListener('input', () => {
    chosen = textColumns();
    sync(false); // never rewrite what the user is typing
  });
  byId('columns-all').addEventListener('click', () => {
    chosen = description ? description.columns.map((c) => c.name) : chosen;
    sync();
  });
  byId('columns-none').addEventListener('click', () => {
    chosen = [];
    sync();
  });
  byId('sort-column').addEventListener('change', syncOrderby);
  byId('sort-direction').addEventListener('change', syncOrderby);
  summary();
}
