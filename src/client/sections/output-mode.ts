/**
 * "Each run …": the output mode of an import (replace, append a snapshot, merge by key), one sentence each, and
 * the options of the chosen mode. Mounted into a form by mountOutputMode; `read()` gives the parameters to send
 * (or null after showing what to fix). Self-contained so the sidebar's layout can move it as a whole.
 */
import { el } from '../dom';
import { show } from '../rpc';

type Mode = 'replace' | 'append' | 'merge';

interface OutputChoice {
  mode?: Mode;
  snapshotEvery?: 'run' | 'day' | 'week';
  keepSnapshots?: number;
  key?: string;
  seedFrom?: string;
}

export interface OutputContext {
  /** The historical dataset "Keep weekly history" starts from, when the chosen dataset has one. */
  historyFrom(): string | null;
  /** The default merge key in words (the dataset's key), or null when the user must pick. */
  defaultKey(): string | null;
  /** Check tables: the account id is always part of the key. */
  accountIdInKey?: boolean;
}

export interface OutputModeControl {
  read(out: HTMLElement): OutputChoice | null;
  /** Call when the dataset (and so the default key or history offer) changes. */
  refresh(): void;
}

const MODES: Array<{ mode: Mode; label: string; help: string }> = [
  { mode: 'replace', label: 'Replace', help: 'Each run replaces the rows with the latest data.' },
  { mode: 'append', label: 'Append a snapshot', help: 'Each run adds its rows below the earlier ones, dated in a first SnapshotAt column; a rerun in the same period replaces that period.' },
  { mode: 'merge', label: 'Merge by key', help: 'Rows are matched on key columns: changed rows are updated in place, new ones added at the bottom, rows that are gone are emptied.' },
];

/** One mode: its radio button, its sentence, and (shown only while chosen) its options right below. */
function radio(prefix: string, m: (typeof MODES)[number], options: HTMLElement | null): HTMLElement {
  const input = el('input', { type: 'radio', name: `${prefix}-mode`, value: m.mode, id: `${prefix}-mode-${m.mode}`, checked: m.mode === 'replace' });
  return el(
    'div',
    { className: 'mode-option' },
    el('label', { className: 'inline', htmlFor: input.id }, input, el('span', { textContent: m.label })),
    el('p', { className: 'help', textContent: m.help }),
    options,
  );
}

function appendOptions(prefix: string): HTMLElement {
  const every = el('select', { id: `${prefix}-every` });
  for (const [value, text] of [['day', 'day'], ['week', 'week'], ['run', 'run']]) every.appendChild(el('option', { value, textContent: text }));
  const keep = el('input', { id: `${prefix}-keep`, type: 'number', min: '1', step: '1', placeholder: 'all' });
  const history = el('input', { type: 'checkbox', id: `${prefix}-history` });
  return el(
    'div',
    { id: `${prefix}-append-options`, className: 'mode-options', hidden: true },
    el('div', { className: 'row' }, el('div', { className: 'grow' }, el('label', { htmlFor: every.id, textContent: 'One snapshot per' }), every), el('div', {}, el('label', { htmlFor: keep.id, textContent: 'Keep newest' }), keep)),
    el(
      'div',
      { id: `${prefix}-history-wrap`, hidden: true },
      el('label', { className: 'inline', htmlFor: history.id }, history, el('span', { textContent: 'Keep weekly history' })),
      el('p', { className: 'help', id: `${prefix}-history-help` }),
    ),
  );
}

function mergeOptions(prefix: string): HTMLElement {
  const key = el('input', { id: `${prefix}-key`, spellcheck: false, autocapitalize: 'off' });
  return el('div', { id: `${prefix}-merge-options`, className: 'mode-options', hidden: true }, el('label', { htmlFor: key.id, textContent: 'Match rows on' }), key, el('p', { className: 'help', id: `${prefix}-key-help` }));
}

/** Adds the mode choice to `form`, just above its buttons. */
export function mountOutputMode(form: HTMLFormElement, prefix: string, context: OutputContext): OutputModeControl {
  const box = el('fieldset', { className: 'plain output-mode' }, el('legend', { textContent: 'Each run' }));
  const options: Record<Mode, HTMLElement | null> = { replace: null, append: appendOptions(prefix), merge: mergeOptions(prefix) };
  for (const m of MODES) box.appendChild(radio(prefix, m, options[m.mode]));
  form.insertBefore(box, form.querySelector('.buttons'));
  const $ = <T extends HTMLElement>(id: string) => box.querySelector(`#${prefix}-${id}`) as T;
  const mode = (): Mode => ((box.querySelector(`input[name=${prefix}-mode]:checked`) as HTMLInputElement | null)?.value as Mode) || 'replace';

  const refresh = () => {
    $('append-options').hidden = mode() !== 'append';
    $('merge-options').hidden = mode() !== 'merge';
    const from = context.historyFrom();
    $('history-wrap').hidden = !from;
    if (!from) $<HTMLInputElement>('history').checked = false;
    $('history-help').textContent = from ? `Start with the weekly history TrueClicks keeps (${from}, up to a year), then add a snapshot every week (weeks start on Monday).` : '';
    $<HTMLSelectElement>('every').disabled = $<HTMLInputElement>('history').checked;
    if ($<HTMLInputElement>('history').checked) $<HTMLSelectElement>('every').value = 'week';
    const fallback = context.defaultKey();
    $<HTMLInputElement>('key').placeholder = fallback ? `default: ${fallback}` : 'e.g. SearchTerm, Campaign';
    $('key-help').textContent = context.accountIdInKey
      ? 'Comma-separated columns that identify a row within an account; the account id is always part of the key.'
      : fallback
        ? 'Comma-separated columns; empty = the dataset\u2019s own key.'
        : 'This dataset has no key of its own: name the columns that identify a row.';
  };
  box.addEventListener('change', refresh);
  refresh();
  return { read: (out) => readChoice(prefix, mode(), box, context, out), refresh };
}

function readChoice(prefix: string, mode: Mode, box: HTMLElement, context: OutputContext, out: HTMLElement): OutputChoice | null {
  const $ = <T extends HTMLElement>(id: string) => box.querySelector(`#${prefix}-${id}`) as T;
  if (mode === 'replace') return {};
  if (mode === 'merge') {
    const key = $<HTMLInputElement>('key').value.trim();
    if (!key && (context.accountIdInKey || !context.defaultKey())) {
      show(out, 'Name the columns to match rows on (under "Merge by key").', 'error');
      $('key').focus();
      return null;
    }
    return key ? { mode, key } : { mode };
  }
  const choice: OutputChoice = { mode, snapshotEvery: $<HTMLSelectElement>('every').value as OutputChoice['snapshotEvery'] };
  const keep = $<HTMLInputElement>('keep').value.trim();
  if (keep) {
    const n = Number(keep);
    if (!Number.isInteger(n) || n < 1) {
      show(out, '"Keep newest" must be a whole number of snapshots (or empty to keep all).', 'error');
      $('keep').focus();
      return null;
    }
    choice.keepSnapshots = n;
  }
  const from = context.historyFrom();
  if (from && $<HTMLInputElement>('history').checked) Object.assign(choice, { snapshotEvery: 'week', seedFrom: from });
  return choice;
}

/** The form's parameters with the chosen output mode added, or null (after `read` said what to fix, if it did). */
export function withOutputChoice<T extends object>(params: T | null, output: OutputModeControl | null, out: HTMLElement): (T & OutputChoice) | null {
  if (!params) return null;
  const choice = output ? output.read(out) : {};
  return choice ? { ...params, ...choice } : null;
}
