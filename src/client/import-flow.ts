/**
 * The one way a section runs an import (dataset or check table): progress with Cancel while it runs, the
 * "Replace?" question when the server refuses to replace another import or other data (then once more with
 * overwrite), and the outcome in place. A cancelled run is a warning; nothing else is shown as success.
 */
import { confirmReplace, isReplaceRefusal } from './confirm';
import { call, failureMessage, ServerError, setBusy, show, showFailure, Tone } from './rpc';
import { newProgressId, progressWidget, watchProgress } from './progress';

type Widget = ReturnType<typeof progressWidget>;

export interface FlowOptions<T> {
  busy: HTMLElement;
  out: HTMLElement;
  widget: Widget;
  /** Starts the server call; `overwrite` is true after the user confirmed replacing. */
  start: (progressId: string, overwrite: boolean) => Promise<T>;
  /** The outcome line for a result. */
  success: (result: T) => [string, Tone];
  /** The dialog's title when the server asks first. */
  confirmTitle?: string;
}

/** Runs one attempt with progress; resolves with the result or throws the server error. */
async function attempt<T>(o: FlowOptions<T>, overwrite: boolean): Promise<T> {
  const progressId = newProgressId();
  const stop = watchProgress(progressId, o.widget);
  try {
    return await o.start(progressId, overwrite);
  } finally {
    stop();
  }
}

export async function runImportFlow<T>(o: FlowOptions<T>): Promise<T | undefined> {
  setBusy(o.busy, true);
  show(o.out, '');
  try {
    let result: T;
    try {
      result = await attempt(o, false);
    } catch (e) {
      const message = failureMessage(e);
      if (!isReplaceRefusal(message)) throw e;
      if (!(await confirmReplace(o.confirmTitle || 'Replace this tab?', message))) {
        show(o.out, 'Nothing was changed.', 'warn');
        return undefined;
      }
      result = await attempt(o, true);
    }
    const [text, tone] = o.success(result);
    show(o.out, text, tone);
    return result;
  } catch (e) {
    showFailure(o.out, e);
    return undefined;
  } finally {
    setBusy(o.busy, false);
  }
}

/** "Insert as formula": writes the formula into the selected cell, asking before it replaces what is there. */
export async function insertFormulaFlow(busy: HTMLElement, out: HTMLElement, params: Parameters<typeof call<'insertFormula'>>[1]): Promise<void> {
  setBusy(busy, true);
  try {
    let inserted;
    try {
      inserted = await call('insertFormula', params);
    } catch (e) {
      const message = failureMessage(e);
      if (!isReplaceRefusal(message)) throw e;
      if (!(await confirmReplace('Replace the cell?', message))) return show(out, 'Nothing was changed.', 'warn');
      inserted = await call('insertFormula', { ...params, overwrite: true });
    }
    show(out, `Wrote ${inserted.formula} into ${inserted.cell}.${inserted.note ? ` ${inserted.note}` : ''}`, 'ok');
  } catch (e) {
    show(out, failureMessage(e), e instanceof ServerError && e.notAvailable ? 'warn' : 'error');
  } finally {
    setBusy(busy, false);
  }
}
