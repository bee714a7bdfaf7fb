/**
 * A simulated clock inside the loaded add-on: Date.now() in the script reads it, and every UrlFetchApp.fetch
 * advances it by `costMs`, so time limits can be tested without waiting.
 */
import vm from 'vm';
import type { GasEnvironment } from '../fakes';

export function simulateClock(env: GasEnvironment, costMs: number, start = Date.parse('2026-11-28T08:00:00Z')): { now: number } {
  const clock = { now: start };
  (env.globals as Record<string, unknown>).__fakeNow = () => clock.now;
  vm.runInContext('Date.now = function () { return __fakeNow(); };', env.globals);
  const http = env.globals.UrlFetchApp as { fetch: (...a: unknown[]) => unknown };
  const fetch = http.fetch.bind(http);
  http.fetch = (...a: unknown[]) => ((clock.now += costMs), fetch(...a));
  return clock;
}
