/**
 * One confirmation dialog for the whole sidebar: "Replace?" with what is there and what would come (the server's
 * refusal already says both in words). Resolves true only when the user chose Replace.
 */
import { byId } from './dom';

/** The server refuses to replace another import, other data or a filled cell with these words. */
export function isReplaceRefusal(message: string): boolean {
  return /would replace it\. Nothing was changed|already holds .*Nothing was changed|holds data that the add-on did not import/.test(message);
}

export function confirmReplace(title: string, text: string, yesLabel = 'Replace'): Promise<boolean> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog');
  byId('confirm-title').textContent = title;
  byId('confirm-text').textContent = text;
  const yes = byId<HTMLButtonElement>('confirm-yes');
  const no = byId<HTMLButtonElement>('confirm-no');
  yes.textContent = yesLabel;
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      yes.removeEventListener('click', onYes);
      no.removeEventListener('click', onNo);
      dialog.removeEventListener('cancel', onNo);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const onYes = () => done(true);
    const onNo = () => done(false);
    yes.addEventListener('click', onYes);
    no.addEventListener('click', onNo);
    dialog.addEventListener('cancel', onNo);
    dialog.showModal();
    no.focus(); // the safe choice has the focus
  });
}
