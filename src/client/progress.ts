/**
 * Live progress of an import, with Cancel — one widget for every section that imports. google.script.run calls
 * are separate executions: the import records its progress in the user cache under an id the sidebar made up,
 * and the sidebar asks getProgress(id) about once a second, one request at a time, until the import answers.
 * Cancel calls cancelImport(id); the import stops at its next page or batch and ends with a "cancelled" error.
 */
import { el } from './dom';
import { progressFraction, progressText } from './progress-text';
import { call, isAvailable, notAvailableMessage, ServerError } from './rpc';
import type { Progress } from './server-api';

const POLL_MS = 1000;

/** An id the server accepts (letters, digits, _ and -; at most 64). */
export function newProgressId(): string {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

interface Widget {
  box: HTMLElement;
  bar: HTMLProgressElement;
  text: HTMLElement;
  cancel: HTMLButtonElement;
}

/** Builds the widget in `slot`: ids `<prefix>-progress`, `<prefix>-progress-text`, `<prefix>-cancel`. */
export function progressWidget(slot: HTMLElement, prefix: string): Widget {
  const text = el('span', { id: `${prefix}-progress-text` });
  const bar = el('progress', { attrs: { 'aria-labelledby': `${prefix}-progress-text` } });
  const cancel = el('button', { type: 'button', className: 'small', id: `${prefix}-cancel`, textContent: 'Cancel' });
  const box = el('div', { id: `${prefix}-progress`, className: 'progress', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } }, bar, el('div', { className: 'progress-line' }, text, cancel));
  slot.appendChild(box);
  return { box, bar, text, cancel };
}

function render(w: Widget, p: Progress | null): void {
  w.text.textContent = progressText(p);
  const fraction = progressFraction(p);
  if (fraction === null) w.bar.removeAttribute('value');
  else w.bar.value = fraction;
}

/**
 * Shows progress for `progressId` until the returned stop() is called. Cancel asks the server to stop; the
 * import's own call then ends with the "cancelled" error.
 */
export function watchProgress(progressId: string, w: Widget): () => void {
  let stopped = false;
  let timer: number | undefined;
  w.box.hidden = false;
  w.cancel.hidden = !isAvailable('cancelImport');
  w.cancel.disabled = false;
  w.box.scrollIntoView({ block: 'nearest' });
  const stop = () => {
    stopped = true;
    if (timer !== undefined) window.clearTimeout(timer);
    w.box.hidden = true;
    w.cancel.onclick = null;
  };
  w.cancel.onclick = async () => {
    w.cancel.disabled = true;
    w.text.textContent = 'Cancelling… the tab stays as it was.';
    try {
      await call('cancelImport', progressId);
    } catch (e) {
      w.text.textContent = `Could not cancel: ${(e as Error).message}`;
    }
  };
  if (!isAvailable('getProgress')) {
    w.text.textContent = `Importing… (${notAvailableMessage('Live import progress')})`;
    return stop;
  }
  render(w, null);
  const tick = async () => {
    try {
      const p = await call('getProgress', progressId);
      if (!stopped && p && !w.cancel.disabled) render(w, p);
    } catch (e) {
      if (e instanceof ServerError && e.notAvailable) return;
    }
    if (!stopped) timer = window.setTimeout(tick, POLL_MS);
  };
  timer = window.setTimeout(tick, POLL_MS);
  return stop;
}
