/**
 * The date range of a dataset import: presets ("Last 30 days", "Last 12 weeks", "This month so far" …) or
 * "Last N days/weeks/months" over any date column. Sent as `dateWindow` and stored relative, so every refresh
 * (a scheduled one too) covers the latest window, counted in the spreadsheet's time zone.
 */
import { describeDateWindow } from '../../core/odata/date-window';
import { byId, clear, el } from '../dom';
import type { DatasetDescription, DateWindow } from '../server-api';

let dateColumns: string[] = [];

function preset(): string {
  return byId<HTMLSelectElement>('window-preset').value;
}

/** The window the controls describe, or undefined for "Any date". */
export function currentWindow(): DateWindow | undefined {
  const p = preset();
  const column = byId<HTMLSelectElement>('window-column').value;
  if (!p || !column) return undefined;
  if (p === 'custom') {
    const last = Number(byId<HTMLInputElement>('window-last').value);
    return { column, last: Number.isInteger(last) && last > 0 ? last : 1, unit: byId<HTMLSelectElement>('window-unit').value as DateWindow['unit'] };
  }
  const [last, unit] = p.split('-');
  return { column, last: Number(last), unit: unit as DateWindow['unit'] };
}

function refresh(): void {
  const p = preset();
  byId('window-column-wrap').hidden = !p;
  byId('window-custom').hidden = p !== 'custom';
  const help = byId('window-help');
  const w = currentWindow();
  help.hidden = !w;
  help.textContent = w ? `${describeDateWindow(w)}, counted again at every refresh in the spreadsheet's time zone.` : '';
}

/** Date columns of the dataset; the range is offered only when there is one. */
export function setWindowDescription(d: DatasetDescription | null): void {
  dateColumns = d ? d.columns.filter((c) => c.kind === 'date' || c.kind === 'datetime').map((c) => c.name) : [];
  const select = byId<HTMLSelectElement>('window-column');
  const previous = select.value;
  clear(select);
  for (const name of dateColumns) select.appendChild(el('option', { value: name, textContent: name }));
  if (dateColumns.indexOf(previous) >= 0) select.value = previous;
  const usable = dateColumns.length > 0;
  byId('window-preset').closest('.window-row')!.toggleAttribute('hidden', !usable);
  if (!usable) byId<HTMLSelectElement>('window-preset').value = '';
  refresh();
}

/** Shows a saved window in the controls (`custom`: as "Last …" with the number and unit to edit). */
export function setWindow(w: DateWindow | null | undefined, custom = false): void {
  const select = byId<HTMLSelectElement>('window-preset');
  if (!w) {
    select.value = '';
    return refresh();
  }
  const key = `${w.last}-${w.unit}`;
  const isPreset = !custom && Array.from(select.options).some((o) => o.value === key);
  select.value = isPreset ? key : 'custom';
  if (!isPreset) {
    byId<HTMLInputElement>('window-last').value = String(w.last);
    byId<HTMLSelectElement>('window-unit').value = w.unit;
  }
  const column = byId<HTMLSelectElement>('window-column');
  if (!Array.from(column.options).some((o) => o.value === w.column)) column.appendChild(el('option', { value: w.column, textContent: w.column }));
  column.value = w.column;
  refresh();
}

export function initDateWindow(): void {
  for (const id of ['window-preset', 'window-column', 'window-last', 'window-unit']) byId(id).addEventListener('change', refresh);
  byId('window-last').addEventListener('input', refresh);
  refresh();
}
