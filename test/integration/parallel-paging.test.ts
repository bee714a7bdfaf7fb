/**
 * Parallel paging gives exactly the rows of sequential paging, through the built bundle against the sandbox:
 * every dataset (and the hostile corpus) in every protocol version (v4, v3 JSON light, v2 verbose), with windows
 * that come back short or over-deliver, and a server that refuses $skip (which is how the sequential reference
 * is made). A failing window fails the import and leaves the tab as it was; a transient one is retried.
 */
import { loadAddOn, errorOf } from '../support/addon';
import { startPrivateSandbox, PrivateSandbox, SandboxConfig } from '../support/sandbox';

const PAGE = 50;
let sb: PrivateSandbox;
beforeAll(async () => {
  sb = await startPrivateSandbox({ pageSize: PAGE });
});
afterEach(() => sb.control.reset());
afterAll(() => sb.stop());

const DATASETS = ['accounts', 'account-history', 'checks', 'users', 'tasks', 'targets-active', 'targets-all', 'Corpus'];
const ROOTS = ['odata', 'odata-v3', 'odata-v2'];

/** Small pages, so every dataset spans several windows. */
const MODES: Record<string, SandboxConfig> = {
  sequential: { ignorePrefer: true, rejectSkip: true },
  parallel: { ignorePrefer: true },
  'short windows': { ignorePrefer: true, shortDeliver: 7 },
  'over-delivery': { ignorePrefer: true, overDeliver: 9 },
};

interface Run {
  values: unknown[][];
  formats: string[][];
  skipRequests: number;
  skiptokenRequests: number;
  fetchAllCalls: number;
}

async function importWith(root: string, dataset: string, config: SandboxConfig): Promise<Run> {
  await sb.control.reset();
  await sb.control.config(config);
  const { env, addOn } = loadAddOn({ timeZone: 'America/New_York' });
  try {
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/${root}/` });
    const result = addOn.importDataset({ dataset });
    expect(result.truncated).toBeNull();
    const snap = env.sheetSnapshot(result.sheetName);
    const log = await sb.control.requests();
    return {
      values: snap.values.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v))),
      formats: snap.formats,
      skipRequests: log.filter((r) => r.status === 200 && /[?&]\$skip=[1-9]/.test(decodeURIComponent(r.path))).length,
      skiptokenRequests: log.filter((r) => r.path.includes('skiptoken')).length,
      fetchAllCalls: env.http.fetchAllCalls,
    };
  } finally {
    env.close();
  }
}

describe.each(ROOTS)('%s', (root) => {
  it.each(DATASETS)('%s: parallel windows give the rows of sequential paging, also when windows come back short or too long', async (dataset) => {
    const reference = await importWith(root, dataset, MODES.sequential);
    expect(reference.values.length - 1).toBeGreaterThan(PAGE);
    expect(reference.skipRequests).toBe(0); // the probe was refused: next links only
    expect(reference.skiptokenRequests).toBeGreaterThan(0);
    for (const mode of ['parallel', 'short windows', 'over-delivery']) {
      const run = await importWith(root, dataset, MODES[mode]);
      expect(run.fetchAllCalls).toBeGreaterThan(0);
      expect(run.skipRequests).toBeGreaterThanOrEqual(Math.ceil((reference.values.length - 1) / PAGE) - 1);
      expect([mode, run.values.length]).toEqual([mode, reference.values.length]);
      const firstDifference = run.values.findIndex((row, r) => JSON.stringify(row) !== JSON.stringify(reference.values[r]));
      expect([mode, firstDifference, run.values[firstDifference]]).toEqual([mode, -1, undefined]);
      expect(run.formats).toEqual(reference.formats);
    }
  });
});

it('the account list behind an "all accounts" check table is read in windows, with the same result', async () => {
  const run = async (config: SandboxConfig) => {
    await sb.control.reset();
    await sb.control.config(config);
    const { env, addOn } = loadAddOn();
    try {
      addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
      const result = addOn.importCheckTable({ ruleKey: 'budget-limited-campaigns' });
      const log = await sb.control.requests();
      return { values: env.sheetSnapshot(result.sheetName).values, accountWindows: log.filter((r) => r.path.startsWith('/odata/Accounts') && r.status === 200 && /\$skip=[1-9]/.test(decodeURIComponent(r.path))).length };
    } finally {
      env.close();
    }
  };
  const sequential = await run(MODES.sequential);
  const parallel = await run(MODES.parallel);
  expect(sequential.accountWindows).toBe(0);
  expect(parallel.accountWindows).toBeGreaterThan(1); // the probe and at least one window (60 accounts, pages of 50)
  expect(parallel.values).toEqual(sequential.values);
});

it('a service that refuses the added key order still gets the query as the user wrote it', async () => {
  const reference = await importWith('odata', 'users', MODES.sequential);
  await sb.control.reset();
  await sb.control.config({ ignorePrefer: true });
  await sb.control.faults([{ match: '$orderby=', status: 400 }]);
  const { env, addOn } = loadAddOn({ timeZone: 'America/New_York' });
  try {
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
    const result = addOn.importDataset({ dataset: 'users' });
    const values = env.sheetSnapshot(result.sheetName).values.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v)));
    expect(values).toEqual(reference.values);
    const paths = (await sb.control.requests()).filter((r) => r.path.startsWith('/odata/Users')).map((r) => [r.status, decodeURIComponent(r.path).includes('$orderby')]);
    expect(paths[0]).toEqual([400, true]);
    expect(paths.slice(1).every(([status, ordered]) => status === 200 && !ordered)).toBe(true);
  } finally {
    env.close();
  }
});

describe('a failing window', () => {
  it('fails the import and leaves the tab as it was', async () => {
    const { env, addOn } = loadAddOn({ sleepScale: 0.01 });
    try {
      addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
      await sb.control.config({ ignorePrefer: true });
      const first = addOn.importDataset({ dataset: 'tasks' });
      const before = env.sheetSnapshot(first.sheetName);
      await sb.control.faults([{ match: `$skip=${3 * PAGE}`, status: 500 }]);
      const message = errorOf(() => addOn.importDataset({ dataset: 'tasks' }));
      expect(message).toMatch(/problem answering \(HTTP 500/);
      expect({ ...env.sheetSnapshot(first.sheetName), notes: null }).toEqual({ ...before, notes: null });
      const log = await sb.control.requests();
      expect(log.some((r) => r.status === 500 && decodeURIComponent(r.path).includes(`$skip=${3 * PAGE}`))).toBe(true);
    } finally {
      env.close();
    }
  });

  it('is retried when the trouble passes, and the rows are the same', async () => {
    const reference = await importWith('odata', 'tasks', MODES.parallel);
    await sb.control.reset();
    await sb.control.config({ ignorePrefer: true });
    await sb.control.faults([{ match: `$skip=${2 * PAGE}`, status: 503, times: 1 }]);
    const { env, addOn } = loadAddOn({ sleepScale: 0.01, timeZone: 'America/New_York' });
    try {
      addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
      const result = addOn.importDataset({ dataset: 'tasks' });
      const values = env.sheetSnapshot(result.sheetName).values.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v)));
      expect(values).toEqual(reference.values);
      expect(env.sleeps).toEqual([1000]);
    } finally {
      env.close();
    }
  });
});

it('reports the total row count while fetching', async () => {
  await sb.control.config({ ignorePrefer: true });
  const { env, addOn } = loadAddOn();
  try {
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
    const seen: unknown[] = [];
    // Every progress report of this run, as the sidebar's polls could see it.
    const service = env.globals.CacheService as { getUserCache(): { put(k: string, v: string, t?: number): void } };
    const original = service.getUserCache.bind(service);
    service.getUserCache = () => {
      const userCache = original();
      const put = userCache.put.bind(userCache);
      userCache.put = (k: string, v: string, t?: number) => {
        if (k.startsWith('progress:')) seen.push(JSON.parse(v));
        put(k, v, t);
      };
      return userCache;
    };
    const result = addOn.importDataset({ dataset: 'account-history', progressId: 'p1' });
    const fetching = seen.filter((p) => (p as { phase: string }).phase === 'fetching') as Array<{ rows: number; totalRows?: number }>;
    expect(fetching.length).toBeGreaterThan(1);
    expect(fetching.every((p) => p.totalRows === result.rows)).toBe(true);
    expect(fetching[fetching.length - 1].rows).toBe(result.rows);
  } finally {
    env.close();
  }
});
