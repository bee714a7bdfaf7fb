/**
 * The one error type of the add-on. Every failure a user can see is an AddOnError with a stable `code`
 * (for tests, logs and the sidebar) and a plain-language `message` that says what went wrong and what to do.
 * Messages never contain credentials: anything built from server text goes through `redactSecrets` at the
 * boundary (see app/boundary.ts).
 */
export type ErrorCode =
  | 'NOT_CONNECTED' // no credentials stored for this user
  | 'BAD_INPUT' // the user's arguments are invalid (dataset, top, base URL …)
  | 'AUTH' // 401: username or token rejected
  | 'FORBIDDEN' // 403: the key is valid but has no access to this data
  | 'NOT_FOUND' // 404: wrong path or base URL
  | 'BAD_REQUEST' // 400, or a 5xx whose text says the query could not be parsed: the server rejected the query
  | 'RATE_LIMITED' // 429 after bounded retries
  | 'SERVER' // 5xx after bounded retries, or another unexpected status
  | 'TIMEOUT' // the request timed out
  | 'NETWORK' // DNS, connection refused, TLS …
  | 'NOT_JSON' // a 2xx body that is not JSON (typically an HTML login page)
  | 'BAD_RESPONSE' // JSON, but not a shape we can read
  | 'UNSAFE_LINK' // a next link or redirect pointing at another origin
  | 'PAGING_LOOP' // the server sent the same next link twice
  | 'TOO_LARGE' // the result does not fit a sheet or a cell formula
  | 'SHEET_IN_USE' // the target tab holds data the add-on did not write
  | 'BUSY' // another import holds the document lock
  | 'CANCELLED' // the user cancelled the import; nothing was written
  | 'INTERNAL'; // a bug: anything that is not an AddOnError

export class AddOnError extends Error {
  readonly code: ErrorCode;
  /** Extra facts for logs and tests (HTTP status, URL without query …); never shown verbatim to users. */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AddOnError';
    this.code = code;
    this.details = details;
  }
}

export function isAddOnError(value: unknown): value is AddOnError {
  // Cross-realm safe (gas-local runs the bundle in another vm context): check the shape, not instanceof.
  return !!value && typeof value === 'object' && (value as { name?: unknown }).name === 'AddOnError';
}

/** The code and message of any thrown value, for status records and summaries. */
export function describeError(error: unknown): { code: ErrorCode; message: string } {
  if (isAddOnError(error)) return { code: error.code, message: error.message };
  const message = error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message.split('\n')[0]}` };
}

/** Replaces every occurrence of each secret (and its Basic-auth encodings) with a mask. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    out = out.split(secret).join('•••');
  }
  return out;
}
