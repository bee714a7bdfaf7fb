/**
 * Loads the built add-on (dist/Code.js) into a fresh set of Apps Script fakes with gas-local: the same file
 * clasp would push, running in a vm context whose globals are the fakes.
 */
import path from 'path';
import { createGasEnvironment, GasEnvironment, GasEnvironmentOptions } from '../fakes';
const gas = require('gas-local');

const DIST = path.join(__dirname, '..', '..', 'dist');

/**
 * The top-level functions of dist/Code.js, as Apps Script would call them: typed from src/main.ts, the one list
 * of entry points (build.mjs generates the wrappers from the same exports). Values stay in-process here, so no
 * JSON conversion applies; tests that pass deliberately malformed input say so with a cast.
 */
export type AddOn = typeof import('../../src/main');

export function loadAddOn(options: GasEnvironmentOptions = {}): { env: GasEnvironment; addOn: AddOn } {
  const env = createGasEnvironment({ htmlDir: DIST, ...options });
  const addOn = gas.require(DIST, env.globals) as AddOn;
  return { env, addOn };
}

/** Calls fn and returns the message it throws (fails the test when it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String((e as Error).message);
  }
  throw new Error('expected the call to fail, but it succeeded');
}
