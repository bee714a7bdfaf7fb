/**
 * Live progress of an import. google.script.run calls are separate executions: the import records its progress
 * in the user cache under an id the sidebar made up, and the sidebar asks getProgress(id) about once a second,
 * one request at a time, until the import answers.
 */
import { plural } from './dom';
import { call, isAvailable, notAvailableMessage, ServerError } from './rpc';
import type { Progress } from './server-api';

const POLL_MS = 1000;

export function progressText(p: Progress | null): string {
  if (!p) return 'Starting the import…';
  if (p.phase === 'fetching') return `Fetching… ${plural(p.pages, 'page')}, ${plural(p.rows, 'row')} so far`;
  if (p.phase === 'writing') return `Writing ${plural(p.rows, 'row')} to the tab…`;
  return `Finishing (${plural(p.rows, 'row')})…`;
}

/** An id the server accepts (letters, digits, _ and -; at most 64). */
export function newProgressId(): string {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** Shows the progress of `progressId` in `box` (a role=status region with a text span) until stop() is called. */
export function watchProgress(progressId: string, box: HTMLElement, textEl: HTMLElement): () => void {
  let stopped = false;
  let timer: number | undefined;
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
  const render = (text: string) => {
    textEl.textContent = text;
  };
  const stop = () => {
    stopped = true;
    if (timer !== undefined) window.clearTimeout(timer);
    box.hidden = true;
  };
  if (!isAvailable('getProgress')) {
    render(`Importing… (${notAvailableMessage('Live import progress')})`);
    return stop;
  }
  render(progressText(null));
  const tick = async () => {
    try {
      const p = await call('getProgress', progressId);
      if (!stopped && p) render(progressText(p));
    } catch (e) {
      if (e instanceof ServerError && e.notAvailable) return;
    }
    if (!stopped) timer = window.setTimeout(tick, POLL_MS);
  };
  timer = window.setTimeout(tick, POLL_MS);
  return stop;
}
