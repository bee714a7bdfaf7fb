/**
 * What the progress line says, from what getProgress reports: a total when the service gave one, accounts for
 * check tables, and TrueClicks asking to wait.
 */
import { progressFraction, progressText } from '../../../src/client/progress-text';

describe('progress text', () => {
  it('counts rows of the total when the service said how many (@odata.count)', () => {
    expect(progressText({ phase: 'fetching', pages: 25, rows: 1250, totalRows: 3120 })).toBe('Fetching… 1,250 of 3,120 rows');
    expect(progressFraction({ phase: 'fetching', pages: 25, rows: 1250, totalRows: 3120 })).toBeCloseTo(0.4, 2);
  });
  it('counts pages and rows when it did not', () => {
    expect(progressText({ phase: 'fetching', pages: 1, rows: 50 })).toBe('Fetching… 1 page, 50 rows so far');
    expect(progressFraction({ phase: 'fetching', pages: 1, rows: 50 })).toBeNull();
  });
  it('counts accounts for check tables', () => {
    expect(progressText({ phase: 'fetching', pages: 12, rows: 0, accountsDone: 12, accountsTotal: 60 })).toBe('Fetching… 12 of 60 accounts');
  });
  it('says when TrueClicks is busy and when the next try is', () => {
    expect(progressText({ phase: 'fetching', pages: 3, rows: 150, retryInMs: 3000 })).toBe('TrueClicks is busy, retrying in 3 s…');
    expect(progressText({ phase: 'fetching', pages: 3, rows: 150, retryInMs: 400 })).toBe('TrueClicks is busy, retrying in 1 s…');
  });
  it('writing and finishing', () => {
    expect(progressText({ phase: 'writing', pages: 3, rows: 3120 })).toBe('Writing 3,120 rows to the tab…');
    expect(progressText(null)).toBe('Starting the import…');
  });
});
