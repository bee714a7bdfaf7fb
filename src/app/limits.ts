/**
 * Budgets that keep one run inside Apps Script's limits. Documented in the README.
 */

/** Apps Script stops a run after 6 minutes; stop requesting pages well before, leaving time to write. */
export const RUN_BUDGET_MS = 4.5 * 60 * 1000;
/** Apps Script ends every run at 6 minutes; a write must end this long before, to leave time to save the status. */
export const RUN_LIMIT_MS = 6 * 60 * 1000;
export const RUN_END_MARGIN_MS = 20 * 1000;
/**
 * The write reserve: a run only starts writing a table when this estimate of the write still fits before the
 * run's end. Pessimistic guesses (no public figure for SpreadsheetApp write speed): 5 s of fixed cost (tab,
 * formats, metadata, flush) plus 0.1 ms per cell (10,000 cells a second, slower than typically reported).
 */
export const WRITE_FIXED_MS = 5000;
export const WRITE_MS_PER_CELL = 0.1;
/** Upper bound on pages per import, whatever the server says. */
export const MAX_PAGES = 2000;
/** Sheets holds at most 10 million cells per spreadsheet. */
export const SPREADSHEET_CELL_LIMIT = 10000000;
/** A tab created by insertSheet has Sheets' default grid. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
/** Upper bound on rows for one tab: 10 million cells over Sheets' minimum grid width of 26 columns. */
export const MAX_ROWS = 380000;
/** How long an import waits for another one (or a scheduled refresh) to finish writing. */
export const LOCK_WAIT_MS = 30 * 1000;
/** A scheduled refresh gives up sooner: the next run catches up. */
export const SCHEDULE_LOCK_WAIT_MS = 10 * 1000;

/**
 * Check tables are fetched with UrlFetchApp.fetchAll in batches of this size. Apps Script runs a batch's
 * requests concurrently (reported around 10–20 at once) and every request counts against the daily URL-fetch
 * quota either way; 20 keeps one batch inside that concurrency and a failing batch small.
 */
export const CHECK_TABLE_BATCH_SIZE = 20;

/**
 * Parallel paging: windows of rows fetched per UrlFetchApp.fetchAll call. Same reasoning as check tables: Apps
 * Script runs a batch concurrently (reported around 10–20 at once), and a failing batch stays small.
 */
export const PAGE_WINDOW_BATCH_SIZE = 20;
/**
 * Rows per page asked for with `Prefer: odata.maxpagesize` (servers that honour it send up to this many, others
 * their own page size). Large enough to cut requests, small enough that a fetchAll batch of pages stays a few MB.
 */
export const PREFERRED_PAGE_SIZE = 1000;
