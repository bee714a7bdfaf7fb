/**
 * What a check-table import says when accounts fail: which ones, and why in plain words.
 */
import { AddOnError } from '../core/errors';

/** Short, plain reasons per account; failures without an HTTP status are explained in full once. */
const PLAIN_REASONS: Record<string, string> = {
  NOT_JSON: 'not data',
  TIMEOUT: 'no answer in time',
  UNSAFE_LINK: 'sent elsewhere',
  NETWORK: 'unreachable',
  BAD_RESPONSE: 'unreadable answer',
};

function failureReason(error: AddOnError): string {
  const status = error.details.status;
  return typeof status === 'number' ? `HTTP ${status}` : PLAIN_REASONS[error.code] || error.code.toLowerCase().replace(/_/g, ' ');
}

export function failedAccountsError(ruleKey: string, failed: Array<{ id: string | number; error: AddOnError }>, total: number): AddOnError {
  const first = failed[0].error;
  const status = first.details.status;
  const listed = failed.slice(0, 10).map((f) => `${f.id} (${failureReason(f.error)})`).join(', ');
  const serverSays = typeof first.details.serverMessage === 'string' ? `TrueClicks says: ${first.details.serverMessage}. ` : '';
  // Passing trouble (429, 5xx): try again later. A 404 means this check has no table for those accounts. Anything
  // else (a login page, a redirect elsewhere, a time-out) comes with its own explanation and fix.
  const advice =
    first.code === 'RATE_LIMITED' || first.code === 'SERVER'
      ? 'Nothing was changed; try again later.'
      : status === 404
        ? `Nothing was changed. ${serverSays}Only some checks have an output table, and only for the accounts they apply to; the checks dataset shows which.`
        : `Nothing was changed. ${first.message}`;
  return new AddOnError(
    first.code,
    `The "${ruleKey}" table could not be loaded for ${failed.length} of ${total} accounts: ${listed}${failed.length > 10 ? ', …' : ''}. ${advice}`,
    { accounts: failed.map((f) => String(f.id)) },
  );
}
