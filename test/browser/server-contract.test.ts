/**
 * The sidebar's wire contract (src/client/server-api.ts) against the server's real signatures (src/main.ts),
 * checked by the compiler: for every function both sides know, the server's result must be what the sidebar
 * expects, and the sidebar's arguments must be what the server accepts. A mismatch fails type-checking
 * (`npm run typecheck`, and ts-jest here) and names the functions.
 */
import type * as server from '../../src/main';
import type { ServerApi } from '../../src/client/server-api';

type Server = typeof server;
type Shared = Extract<keyof ServerApi, keyof Server>;
type Fn = (...args: never[]) => unknown;
type Ret<F> = F extends Fn ? ReturnType<F> : never;
type Args<F> = F extends (...args: infer A) => unknown ? A : never;

type ResultMismatch = { [K in Shared]: Ret<Server[K]> extends Ret<ServerApi[K]> ? never : K }[Shared];
type ArgumentMismatch = { [K in Shared]: Args<ServerApi[K]> extends Args<Server[K]> ? never : K }[Shared];

// If either line fails to compile, its type names the functions whose shapes drifted apart.
const results: [ResultMismatch] extends [never] ? 'ok' : ResultMismatch = 'ok';
const args: [ArgumentMismatch] extends [never] ? 'ok' : ArgumentMismatch = 'ok';

describe('sidebar ↔ server contract', () => {
  it('agrees on the results and arguments of every shared server function (checked at compile time)', () => {
    expect([results, args]).toEqual(['ok', 'ok']);
  });
});
