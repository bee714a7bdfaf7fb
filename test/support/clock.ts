/**
 * A controllable clock inside the built bundle: Date.now() in the gas-local context (what the add-on reads for a
 * run's start) follows `clock.now`, which tests move forward to simulate days and weeks.
 */
import vm from 'vm';
import type { GasEnvironment } from '../fakes';

export interface BundleClock {
  now: number;
  advanceDays(days: number): void;
}

export function controlBundleClock(env: GasEnvironment, startIso: string): BundleClock {
  const clock: BundleClock = {
    now: Date.parse(startIso),
    advanceDays(days) {
      clock.now += days * 24 * 3600 * 1000;
    },
  };
  (env.globals as Record<string, unknown>).__testNow = () => clock.now;
  vm.runInContext('Date.now = function () { return __testNow(); };', env.globals);
  return clock;
}
