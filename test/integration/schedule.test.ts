/**
 * Scheduled refresh through the built bundle: the trigger (created, replaced, removed, deleted elsewhere), the
 * handler run as Apps Script runs it (as the trigger's owner, no UI), the time budget under a simulated clock,
 * stalest-first convergence, lock contention, credentials expiring mid-run, and the status and run log.
 *
 * Every test runs under both ways Google may treat an add-on's clock trigger (its docs settle neither):
 * 'document' — listed by getUserTriggers(spreadsheet), handler run with the spreadsheet active;
 * 'project' — listed only by getProjectTriggers(), handler run with no active spreadsheet and no document
 * properties, cache or lock (test/fakes/context.ts).
 */
import { loadAddOn, errorOf, AddOn } from '../support/addon';
import { simulateClock as simulateWith } from '../support/simulated-clock';
import { startPrivateSandbox, PrivateSandbox } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

let sb: PrivateSandbox;
let env: GasEnvironment;
let addOn: AddOn;
let mode: 'document' | 'project';

beforeAll(async () => {
  sb = await startPrivateSandbox({ maxPageSize: 50 }); // pages of 50 even when the add-on asks for more
});
afterAll(() => sb.stop());

describe.each(['document', 'project'] as const)('clock triggers belong to the %s', (triggerMode) => {
  beforeEach(() => {
    mode = triggerMode;
    ({ env, addOn } = loadAddOn({ timeZone: 'Europe/Amsterdam', sleepScale: 0.01, clockTriggers: triggerMode }));
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
  });
  afterEach(async () => {
    env.close();
    await sb.control.reset();
  });

  const clockTriggers = () => env.triggers.filter((t) => t.eventType === 'CLOCK');
  function runSchedule() {
    const [trigger] = clockTriggers();
    expect(trigger).toBeDefined();
    env.runTrigger(trigger.id);
  }

  describe('setSchedule', () => {
    it('creates, replaces and removes one trigger, in the spreadsheet time zone, and reports it', () => {
      expect(addOn.setSchedule({ frequency: 'hourly' })).toMatchObject({ frequency: 'hourly', active: true, problem: null, description: 'Every hour' });
      expect(clockTriggers()).toEqual([expect.objectContaining({ handler: 'scheduledRefresh', schedule: expect.objectContaining({ everyHours: 1, timeZone: 'Europe/Amsterdam' }) })]);

      addOn.setSchedule({ frequency: 'daily', hour: 7 });
      expect(clockTriggers()).toEqual([expect.objectContaining({ schedule: expect.objectContaining({ everyDays: 1, atHour: 7, timeZone: 'Europe/Amsterdam' }) })]);

      const weekly = addOn.setSchedule({ frequency: 'weekly', hour: 9, weekday: 'friday' as 'FRIDAY' }); // the server accepts any case
      expect(weekly).toMatchObject({ frequency: 'weekly', hour: 9, weekday: 'FRIDAY', description: 'Every Friday between 09:00–10:00 (Europe/Amsterdam)' });
      expect(clockTriggers()).toHaveLength(1);
      expect(String(clockTriggers()[0].schedule.onWeekDay)).toBe('FRIDAY');
      expect(addOn.getStatus().schedule).toMatchObject({ frequency: 'weekly', active: true });

      expect(addOn.setSchedule({ frequency: 'off' })).toMatchObject({ frequency: 'off', active: false, problem: null });
      expect(clockTriggers()).toEqual([]);
    });
    it('set, replace and off each leave exactly one trigger (or none), and each trigger refreshes its spreadsheet', () => {
      addOn.importDataset({ dataset: 'users', top: 5 });
      const runs = () => addOn.getRunLog().filter((e) => e.trigger === 'schedule').length;
      const inputs = [{ frequency: 'hourly' }, { frequency: 'daily', hour: 7 }, { frequency: 'weekly', hour: 9, weekday: 'monday' }, { frequency: 'hourly' }] as Parameters<AddOn['setSchedule']>[0][];
      for (const input of inputs) {
        const before = runs();
        addOn.setSchedule(input);
        expect(env.triggers).toHaveLength(1);
        runSchedule();
        expect(runs()).toBe(before + 1);
        expect(addOn.getRunLog()[0]).toMatchObject({ refreshed: 1, failed: 0 });
        expect(env.triggers).toHaveLength(1);
      }
      addOn.setSchedule({ frequency: 'off' });
      expect(env.triggers).toEqual([]);
      expect(addOn.getStatus().schedule).toMatchObject({ frequency: 'off', active: false, problem: null });
      // Nothing is left behind in the user's properties that could point a future trigger at this spreadsheet.
      expect(Object.keys(env.properties.user()).filter((k) => /trueclicks\.(trigger|schedule)\./.test(k))).toEqual([]);
    });
    it('a trigger whose spreadsheet cannot be opened removes itself, and any other spreadsheet of the user says so once', () => {
      env.spreadsheet._name = 'Отчёт клиента';
      addOn.setSchedule({ frequency: 'daily', hour: 5 });
      env.loseSpreadsheet(env.spreadsheet);
      runSchedule();
      expect(env.triggers).toEqual([]);
      env.openAnotherSpreadsheet('Another report');
      const notices = addOn.getStatus().schedule.notices;
      expect(notices).toEqual([expect.objectContaining({ message: expect.stringMatching(/"Отчёт клиента" stopped: that spreadsheet could not be opened .* set the schedule again/) })]);
      expect(addOn.getStatus().schedule.notices).toEqual([]);
      expect(Object.keys(env.properties.user()).filter((k) => /trueclicks\.(trigger|schedule)\./.test(k))).toEqual([]);
    });
    it('a trigger the schedule no longer names removes itself instead of refreshing twice', () => {
      addOn.setSchedule({ frequency: 'hourly' });
      const [old] = clockTriggers();
      // As if deleting it had failed: it is still there when the schedule is replaced.
      env.deleteTriggerOutside(old.id);
      addOn.setSchedule({ frequency: 'daily', hour: 6 });
      env.triggers.push(old);
      env.runTrigger(old.id);
      expect(clockTriggers().map((t) => t.id)).not.toContain(old.id);
      expect(clockTriggers()).toHaveLength(1);
      expect(addOn.getRunLog()).toEqual([]);
    });
    it('tells the truth when the trigger was deleted outside the add-on', () => {
      addOn.setSchedule({ frequency: 'daily', hour: 5 });
      env.deleteTriggerOutside(clockTriggers()[0].id);
      expect(addOn.getStatus().schedule).toMatchObject({ frequency: 'off', active: false, problem: expect.stringMatching(/removed outside the add-on/) });
      addOn.setSchedule({ frequency: 'daily', hour: 5 });
      expect(addOn.getStatus().schedule).toMatchObject({ frequency: 'daily', active: true, problem: null });
    });
    it('needs a connection, and rejects bad settings with a readable message', () => {
      expect(errorOf(() => addOn.setSchedule({ frequency: 'daily', hour: 30 }))).toMatch(/0 to 23/);
      addOn.disconnect();
      expect(errorOf(() => addOn.setSchedule({ frequency: 'hourly' }))).toMatch(/Connect to TrueClicks first/);
      expect(clockTriggers()).toEqual([]);
    });
    it('belongs to the user who set it (their trigger, their connection): another editor has none', () => {
      addOn.setSchedule({ frequency: 'hourly' });
      env.setUser('editor@example.com');
      expect(addOn.getStatus().schedule.frequency).toBe('off');
    });
  });

  describe('the scheduled run', () => {
    // The time budget scenarios below count requests one by one (a simulated clock on UrlFetchApp.fetch), so they
    // use sequential paging: the server refuses $skip (one refused probe per run, counted in the figures below).
    beforeEach(() => sb.control.config({ rejectSkip: true }));
    it('refreshes the saved imports of its spreadsheet and logs the run', () => {
      addOn.importDataset({ dataset: 'users' });
      addOn.importCheckTable({ ruleKey: 'budget-limited-campaigns', accountIds: ['1001'] });
      addOn.setSchedule({ frequency: 'hourly' });
      runSchedule();
      const [entry] = addOn.getRunLog();
      expect(entry).toMatchObject({ trigger: 'schedule', refreshed: 2, failed: 0, skipped: 0, failures: [] });
      expect(addOn.getStatus().schedule.lastRun).toMatchObject({ ok: true, message: 'Refreshed 2 of 2.' });
      expect(addOn.getStatus().imports.every((i) => i.lastSuccess && Date.parse(i.lastSuccess) >= Date.parse(entry.at))).toBe(true);
    });

    it('a failing import keeps its data, says why on the tab, and does not stop the others', async () => {
      addOn.importDataset({ dataset: 'users' });
      addOn.importDataset({ dataset: 'tasks', top: 20 });
      const before = env.sheetSnapshot('TrueClicks users');
      addOn.setSchedule({ frequency: 'hourly' });
      await sb.control.faults([{ match: '/odata/Users', status: 503 }]);
      runSchedule();
      const after = env.sheetSnapshot('TrueClicks users');
      expect(after.values).toEqual(before.values);
      expect(after.notes[0][0]).toMatch(/failed, so this tab still shows that data:\nTrueClicks had a problem answering \(HTTP 503/);
      expect(addOn.getRunLog()[0]).toMatchObject({ refreshed: 1, failed: 1, failures: [expect.objectContaining({ sheetName: 'TrueClicks users', code: 'SERVER' })] });
      expect(addOn.getStatus().schedule.lastRun).toMatchObject({ ok: false, message: expect.stringMatching(/^Refreshed 1 of 2\. 1 failed \(TrueClicks users: /) });
    });

    it('stops at the first rejected credentials instead of hammering the API, and asks to reconnect', async () => {
      addOn.importDataset({ dataset: 'users', top: 5 });
      addOn.importDataset({ dataset: 'tasks', top: 5 });
      addOn.importDataset({ dataset: 'checks', top: 5 });
      addOn.setSchedule({ frequency: 'hourly' });
      await sb.control.clearRequests();
      await sb.control.faults([{ match: '/odata/', status: 401 }]);
      runSchedule();
      const rejected = (await sb.control.requests()).filter((r) => r.status === 401);
      expect(rejected).toHaveLength(1);
      const [entry] = addOn.getRunLog();
      expect(entry).toMatchObject({ refreshed: 0, failed: 1, skipped: 2, message: expect.stringMatching(/reconnect in the sidebar/) });
      expect(addOn.getStatus().schedule.lastRun).toMatchObject({ ok: false, message: expect.stringMatching(/rejected the credentials: reconnect/) });
    });

    it('skips the run when another import holds the document lock, and logs that', () => {
      addOn.importDataset({ dataset: 'users', top: 5 });
      const before = env.sheetSnapshot('TrueClicks users');
      addOn.setSchedule({ frequency: 'hourly' });
      // With no active spreadsheet there is no document lock: the run takes the user's lock instead.
      env.holdLock(mode === 'document' ? 'document' : 'user');
      runSchedule();
      expect(addOn.getRunLog()[0]).toMatchObject({ trigger: 'schedule', refreshed: 0, message: expect.stringMatching(/another TrueClicks import was writing to this spreadsheet\. The next run catches up/) });
      expect(env.sheetSnapshot('TrueClicks users')).toEqual(before);
    });

    it('when the owner has disconnected, the run is logged as such', () => {
      addOn.importDataset({ dataset: 'users', top: 5 });
      addOn.setSchedule({ frequency: 'hourly' });
      addOn.disconnect();
      runSchedule();
      expect(addOn.getRunLog()[0].message).toMatch(/Connect to TrueClicks first/);
    });

    const simulateClock = (costMs: number) => simulateWith(env, costMs);
    const status = (name: string) => addOn.getStatus().imports.find((i) => i.sheetName === name)!;

    it('within the 4.5-minute budget: stalest first, never starts what will not fit, converges over runs', () => {
      const clock = simulateClock(20000);
      addOn.importDataset({ dataset: 'users', sheetName: 'A' }); // $metadata + probe + 2 pages: 80 s
      addOn.importDataset({ dataset: 'tasks', sheetName: 'B' }); // $metadata + probe + 5 pages: 140 s
      addOn.importDataset({ dataset: 'targets-all', sheetName: 'C' }); // $metadata + probe + 6 pages: 160 s
      addOn.setSchedule({ frequency: 'hourly' });
      const success = () => ({ A: status('A').lastSuccess, B: status('B').lastSuccess, C: status('C').lastSuccess });

      // Run 1, stalest first: A (80 s), B (100 s, $metadata and the probe now known); C would end after 4.5 min: not started.
      let before = success();
      runSchedule();
      expect(addOn.getRunLog()[0]).toMatchObject({ refreshed: 2, failed: 0, skipped: 1 });
      let after = success();
      expect([after.A !== before.A, after.B !== before.B, after.C !== before.C]).toEqual([true, true, false]);

      // Run 2: C is now the stalest and goes first, then A; B no longer fits.
      clock.now += 3600 * 1000;
      before = after;
      runSchedule();
      after = success();
      expect(addOn.getRunLog()[0]).toMatchObject({ refreshed: 2, skipped: 1 });
      expect([after.A !== before.A, after.B !== before.B, after.C !== before.C]).toEqual([true, false, true]);
      expect(Date.parse(after.C!)).toBeLessThan(Date.parse(after.A!));
    });

    it('an import that runs out of time keeps its complete data instead of writing part of it', () => {
      const clock = simulateClock(60000);
      addOn.importDataset({ dataset: 'targets-all', sheetName: 'C' });
      const before = env.sheetSnapshot('C').values;
      addOn.setSchedule({ frequency: 'hourly' });
      // Pretend the last run was quick, so the scheduler starts it although its 7 requests take 7 minutes now.
      const sheet = env.spreadsheet.getSheetByName('C')!;
      const meta = (sheet.getDeveloperMetadata() as GoogleAppsScript.Spreadsheet.DeveloperMetadata[]).find((m) => m.getKey() === 'trueclicks.status')!;
      meta.setValue(JSON.stringify({ ...JSON.parse(meta.getValue()!), durationMs: 1000 }));
      clock.now += 3600 * 1000;
      runSchedule();
      expect(status('C').lastError).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/ran out of time .* keeps its previous data/) });
      expect(env.sheetSnapshot('C').values).toEqual(before);
      expect(addOn.getRunLog()[0]).toMatchObject({ refreshed: 0, failed: 1 });
    });

    it('an import that keeps running out of time does not starve the others', () => {
      const clock = simulateClock(20000);
      addOn.importDataset({ dataset: 'users', sheetName: 'A', top: 10 }); // $metadata + 1 page
      addOn.importDataset({ dataset: 'tasks', sheetName: 'B', top: 10 });
      addOn.importDataset({ dataset: 'account-history', sheetName: 'Big' }); // 63 pages: far more than one run allows
      addOn.setSchedule({ frequency: 'hourly' });
      const codes: Array<Record<string, string>> = [];
      for (let run = 0; run < 3; run++) {
        clock.now += 3600 * 1000;
        runSchedule();
        codes.push(Object.fromEntries(addOn.getStatus().imports.map((i) => [i.sheetName, i.lastError ? i.lastError.code : 'ok'])));
      }
      // Run 1: A and B; Big (which needed a whole run last time) does not fit after them.
      // Run 2: Big has waited longest, goes first, runs out of time and keeps its data; A and B wait.
      // Run 3: Big just had its turn, so A and B go first again: nobody is starved.
      const log = addOn.getRunLog().slice(0, 3).reverse();
      expect(log.map((e) => [e.refreshed, e.failed, e.skipped])).toEqual([
        [2, 0, 1],
        [0, 1, 2],
        [2, 0, 1],
      ]);
      expect(codes[1].Big).toBe('TIMEOUT');
      expect(codes[2]).toMatchObject({ A: 'ok', B: 'ok' });
    });

    it('the run log is bounded and can be opened from the menu', () => {
      addOn.setSchedule({ frequency: 'hourly' });
      for (let i = 0; i < 60; i++) runSchedule();
      const log = addOn.getRunLog();
      expect(log.length).toBeLessThanOrEqual(40);
      expect(JSON.stringify(log).length).toBeLessThanOrEqual(8000);
      addOn.showRunLog();
      expect(JSON.stringify(env.ui)).toContain('TrueClicks refresh log');
    });
  });
});
