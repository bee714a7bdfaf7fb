import { fetchAllPages, nextPageUrl, PagingOptions } from '../../../src/core/odata/paging';

const ORIGIN = 'http://127.0.0.1:4004';
const FIRST = `${ORIGIN}/odata/Accounts`;

/** A fake server: pages of `size` rows out of `total`, v4 relative next links. */
function pagedServer(total: number, size: number, overrides: Partial<Record<number, unknown>> = {}) {
  const requested: string[] = [];
  const fetchPage = (url: string) => {
    requested.push(url);
    const m = /skiptoken=(\d+)/.exec(url);
    const skip = m ? Number(m[1]) : 0;
    const pageNo = skip / size + 1;
    if (overrides[pageNo] !== undefined) return overrides[pageNo];
    const value = [];
    for (let i = skip; i < Math.min(total, skip + size); i++) value.push({ Id: i + 1 });
    const body: Record<string, unknown> = { '@odata.context': '$metadata#Accounts', value };
    if (skip + size < total) body['@odata.nextLink'] = `Accounts?$skiptoken=${skip + size}`;
    return body;
  };
  return { fetchPage, requested };
}

function options(extra: Partial<PagingOptions> = {}): PagingOptions {
  return { allowedOrigin: ORIGIN, maxPages: 100, maxRows: 1e6, deadline: Infinity, now: () => 0, ...extra };
}

describe('fetchAllPages', () => {
  it('follows relative next links to the end', () => {
    const server = pagedServer(120, 50);
    const result = fetchAllPages(FIRST, server.fetchPage, options());
    expect(result.rows.map((r) => r.Id)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(result.pages).toBe(3);
    expect(result.truncation).toBeNull();
    expect(server.requested[1]).toBe(`${ORIGIN}/odata/Accounts?$skiptoken=50`);
  });
  it('stops at top even when the server over-delivers, without requesting more pages', () => {
    const server = pagedServer(500, 50);
    const result = fetchAllPages(`${FIRST}?$top=70`, server.fetchPage, options({ top: 70 }));
    expect(result.rows).toHaveLength(70);
    expect(server.requested).toHaveLength(2);
    expect(result.truncation).toBeNull();
  });
  it('reports a page cap explicitly', () => {
    const result = fetchAllPages(FIRST, pagedServer(500, 50).fetchPage, options({ maxPages: 3 }));
    expect(result.rows).toHaveLength(150);
    expect(result.truncation && result.truncation.reason).toBe('max-pages');
  });
  it('reports a row cap explicitly', () => {
    const result = fetchAllPages(FIRST, pagedServer(500, 50).fetchPage, options({ maxRows: 120 }));
    expect(result.rows).toHaveLength(120);
    expect(result.truncation && result.truncation.reason).toBe('max-rows');
  });
  it('stops requesting pages at the deadline and says so', () => {
    let t = 0;
    const server = pagedServer(500, 50);
    const result = fetchAllPages(FIRST, (u) => { t += 1000; return server.fetchPage(u); }, options({ deadline: 2500, now: () => t }));
    expect(result.pages).toBe(3);
    expect(result.truncation && result.truncation.reason).toBe('deadline');
    expect(result.truncation && result.truncation.message).toMatch(/time limit/);
  });
  it('detects a next link loop', () => {
    const loop = { value: [{ Id: 1 }], '@odata.nextLink': FIRST };
    expect(() => fetchAllPages(FIRST, () => loop, options())).toThrow(/same next page twice/);
  });
  it('refuses a next link on another origin before requesting it', () => {
    const requested: string[] = [];
    const body = { value: [{ Id: 1 }], '@odata.nextLink': 'http://127.0.0.2:4004/odata/Accounts?$skiptoken=1' };
    expect(() => fetchAllPages(FIRST, (u) => { requested.push(u); return body; }, options())).toThrow(/another host/);
    expect(requested).toEqual([FIRST]);
  });
  it('follows v2 __next links', () => {
    const pages: Record<string, unknown> = {
      [FIRST]: { d: { results: [{ Id: 1 }], __next: `${FIRST}?$skiptoken=1` } },
      [`${FIRST}?$skiptoken=1`]: { d: { results: [{ Id: 2 }] } },
    };
    expect(fetchAllPages(FIRST, (u) => pages[u], options()).rows).toEqual([{ Id: 1 }, { Id: 2 }]);
  });
  it('resolves relative links against an absolute context URL first (OData v4 §4.3)', () => {
    expect(nextPageUrl(`${ORIGIN}/odata/Accounts(1)/Checks`, 'Checks?$skiptoken=5', `${ORIGIN}/odata/$metadata#Checks`)).toBe(`${ORIGIN}/odata/Checks?$skiptoken=5`);
    expect(nextPageUrl(`${ORIGIN}/odata/Accounts`, 'Accounts?$skiptoken=5', null)).toBe(`${ORIGIN}/odata/Accounts?$skiptoken=5`);
  });
});

describe('row cap on the last page', () => {
  it('reports rows dropped by the cap even when there is no next link', () => {
    const result = fetchAllPages(FIRST, pagedServer(30, 50).fetchPage, options({ maxRows: 20 }));
    expect(result.rows).toHaveLength(20);
    expect(result.truncation && result.truncation.reason).toBe('max-rows');
  });
  it('does not report truncation when the user limit is what cut the rows', () => {
    const result = fetchAllPages(FIRST, pagedServer(30, 50).fetchPage, options({ top: 20, maxRows: 25 }));
    expect(result.rows).toHaveLength(20);
    expect(result.truncation).toBeNull();
  });
  it('does not report truncation when the data fits exactly', () => {
    expect(fetchAllPages(FIRST, pagedServer(20, 50).fetchPage, options({ maxRows: 20 })).truncation).toBeNull();
  });
});
