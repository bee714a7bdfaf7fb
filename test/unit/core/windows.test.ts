import { BatchResult, CollectionOptions, CollectionSource, readCollection } from '../../../src/core/odata/collection';
import { AddOnError } from '../../../src/core/errors';
import { completeWindow, planWindows, RowWindow } from '../../../src/core/odata/windows';

const ORIGIN = 'http://127.0.0.1:4004';

describe('planWindows', () => {
  it('cuts [start, end) into windows of the page size, the last one shorter', () => {
    expect(planWindows(100, 350, 100)).toEqual([
      { skip: 100, top: 100 },
      { skip: 200, top: 100 },
      { skip: 300, top: 50 },
    ]);
  });
  it('plans nothing when the first page already holds everything, or for a size below 1', () => {
    expect(planWindows(100, 100, 100)).toEqual([]);
    expect(planWindows(0, 10, 0)).toEqual([]);
  });
});

interface ServerOptions {
  total: number;
  pageSize: number;
  /** Rows a window request gets beyond its $top, in the same page. */
  over?: number;
  /** Rows a $skip request gets fewer (no next link). */
  short?: number;
  count?: boolean;
  rejectSkip?: boolean;
  nextLinkOrigin?: string;
  failSkip?: number;
}

/** An OData server in memory: rows {Id: 1..total}, $skip/$top/$skiptoken, a count on request. */
function server(o: ServerOptions) {
  const requested: string[] = [];
  const batches: string[][] = [];
  const answer = (url: string): unknown => {
    requested.push(url);
    const num = (name: string) => {
      const m = new RegExp(`[?&]\\$${name}=(\\d+)`).exec(url);
      return m ? Number(m[1]) : undefined;
    };
    const skip = num('skip') || 0;
    if (o.rejectSkip && num('skip') !== undefined) throw new AddOnError('BAD_REQUEST', 'no $skip', { status: 400 });
    if (o.failSkip !== undefined && num('skip') === o.failSkip) throw new AddOnError('SERVER', 'HTTP 500', { status: 500 });
    const token = num('skiptoken') || 0;
    const top = num('top');
    const end = Math.min(o.total, top !== undefined ? skip + top + (o.over || 0) : o.total);
    const size = top !== undefined && o.over ? top + o.over : o.pageSize;
    const from = skip + token;
    let to = Math.min(end, from + size);
    let link: string | null = to < end ? `${o.nextLinkOrigin || ORIGIN}/odata/Items?${url.split('?')[1].replace(/&?\$skiptoken=\d+/, '')}&$skiptoken=${token + size}` : null;
    if (o.short && skip > 0 && to - from > 1) {
      to = Math.max(from + 1, to - o.short);
      link = null;
    }
    const value = [];
    for (let i = from; i < to; i++) value.push({ Id: i + 1 });
    const body: Record<string, unknown> = { '@odata.context': '$metadata#Items', value };
    if (o.count !== false && /\$count=true/.test(url)) body['@odata.count'] = o.total;
    if (link) body['@odata.nextLink'] = link;
    return body;
  };
  const source: CollectionSource = {
    url: (w: RowWindow | null) => `${ORIGIN}/odata/Items?$orderby=Id` + (w ? `&$skip=${w.skip}&$top=${w.top}` : '&$count=true'),
    fetchPage: answer,
    fetchBatch: (urls: string[]): BatchResult[] => {
      batches.push(urls);
      return urls.map((u) => {
        try {
          return { ok: true, value: answer(u) };
        } catch (e) {
          return { ok: false, error: e as Error };
        }
      });
    },
  };
  return { source, requested, batches };
}

function options(extra: Partial<CollectionOptions> = {}): CollectionOptions {
  return { allowedOrigin: ORIGIN, maxPages: 5, maxRows: 1e6, deadline: Infinity, now: () => 0, windows: true, batchSize: 3, skipSupport: {}, ...extra };
}

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);

describe('readCollection', () => {
  it('fetches the rest in fetchAll batches of windows, in order, without the page cap', () => {
    const s = server({ total: 1234, pageSize: 100 });
    const r = readCollection(s.source, options());
    expect(r.rows.map((x) => x.Id)).toEqual(ids(1234));
    expect(r).toMatchObject({ parallel: true, totalRows: 1234, truncation: null });
    expect(s.batches.map((b) => b.length)).toEqual([3, 3, 3, 3]); // 12 windows after the first page; maxPages 5 does not apply
    expect(s.requested.filter((u) => u.includes('$skip=1&$top=1'))).toHaveLength(1);
  });

  it('completes short windows and trims over-delivering ones to exactly the same rows', () => {
    for (const extra of [{ short: 7 }, { over: 9 }, { short: 99 }]) {
      const r = readCollection(server({ total: 777, pageSize: 50, ...extra }).source, options());
      expect([extra, r.rows.map((x) => x.Id)]).toEqual([extra, ids(777)]);
    }
  });

  it('probes $skip once per service and pages by next links when it is refused', () => {
    const support = {};
    const s = server({ total: 300, pageSize: 100, rejectSkip: true });
    expect(readCollection(s.source, options({ skipSupport: support })).rows.map((x) => x.Id)).toEqual(ids(300));
    expect(readCollection(s.source, options({ skipSupport: support })).parallel).toBe(false);
    expect(s.requested.filter((u) => u.includes('$skip='))).toHaveLength(1);
    expect(s.batches).toEqual([]);
  });

  it('pages by next links when the server sends no count', () => {
    const s = server({ total: 300, pageSize: 100, count: false });
    const r = readCollection(s.source, options());
    expect(r.rows.map((x) => x.Id)).toEqual(ids(300));
    expect(r).toMatchObject({ parallel: false, totalRows: null });
  });

  it('fails the whole read when one window fails', () => {
    const s = server({ total: 1000, pageSize: 100, failSkip: 500 });
    expect(() => readCollection(s.source, options())).toThrow(/HTTP 500/);
  });

  it('never sends a short window on to a next link on another host', () => {
    const s = server({ total: 1000, pageSize: 100, nextLinkOrigin: 'http://evil.example' });
    // Windows of 100 at a server that pages by 40: each window carries its own (foreign) next link.
    const source = { ...s.source, fetchPage: (u: string) => (u.includes('$count') ? { value: ids(100).map((Id) => ({ Id })), '@odata.count': 1000, '@odata.nextLink': `${ORIGIN}/x` } : s.source.fetchPage(u)) };
    const paged = server({ total: 1000, pageSize: 40, nextLinkOrigin: 'http://evil.example' });
    expect(() => readCollection({ ...source, fetchBatch: paged.source.fetchBatch }, options())).toThrow(/another host/);
    expect(paged.requested.concat(s.requested).some((u) => u.startsWith('http://evil.example'))).toBe(false);
  });

  it('stops starting batches at the deadline and says so', () => {
    let t = 0;
    const s = server({ total: 1000, pageSize: 100 });
    const r = readCollection(s.source, options({ deadline: 2, now: () => t++ }));
    expect(r.truncation && r.truncation.reason).toBe('deadline');
    expect(r.rows.map((x) => x.Id)).toEqual(ids(r.rows.length));
    expect(r.rows.length).toBeLessThan(1000);
  });

  it('with stopWhenOverCap, stops after the first page when the count is over the cap', () => {
    const s = server({ total: 6000, pageSize: 100 });
    const r = readCollection(s.source, options({ maxRows: 5000, stopWhenOverCap: true }));
    expect(s.requested).toHaveLength(1);
    expect(r.truncation && r.truncation.reason).toBe('max-rows');
  });

  it('stops at the row cap with a truncation, and at the user limit without one', () => {
    const capped = readCollection(server({ total: 1000, pageSize: 100 }).source, options({ maxRows: 450 }));
    expect(capped.rows.map((x) => x.Id)).toEqual(ids(450));
    expect(capped.truncation && capped.truncation.reason).toBe('max-rows');
    const limited = readCollection(server({ total: 1000, pageSize: 100 }).source, options({ top: 450 }));
    expect(limited.rows).toHaveLength(450);
    expect(limited.truncation).toBeNull();
  });

  it('goes on past a count that was too low when the last window shows more rows, until the server runs out', () => {
    const s = server({ total: 480, pageSize: 100, over: 5 });
    const source = { ...s.source, fetchPage: (u: string) => {
      const body = s.source.fetchPage(u) as Record<string, unknown>;
      if ('@odata.count' in body) body['@odata.count'] = 300;
      return body;
    } };
    expect(readCollection(source, options()).rows.map((x) => x.Id)).toEqual(ids(480));
  });
});

describe('completeWindow', () => {
  const io = (pages: Record<string, unknown>) => ({
    windowUrl: (w: RowWindow) => `w:${w.skip}:${w.top}`,
    fetchPage: (u: string) => pages[u],
    checkLink: () => undefined,
  });
  it('asks for the missing rows as a smaller window when a short answer has no next link', () => {
    const done = completeWindow({ skip: 10, top: 5 }, 'w:10:5', { value: [{ Id: 11 }, { Id: 12 }] }, io({ 'w:12:3': { value: [{ Id: 13 }, { Id: 14 }, { Id: 15 }] } }));
    expect(done).toEqual({ rows: [11, 12, 13, 14, 15].map((Id) => ({ Id })), extraRequests: 1, ended: false, more: false });
  });
  it('ends when the server has nothing more', () => {
    const done = completeWindow({ skip: 10, top: 5 }, 'w:10:5', { value: [{ Id: 11 }] }, io({ 'w:11:4': { value: [] } }));
    expect(done).toMatchObject({ rows: [{ Id: 11 }], ended: true });
  });
});
