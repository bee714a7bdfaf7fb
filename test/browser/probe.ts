import type * as server from '../../src/main';
import type { ServerApi } from '../../src/client/server-api';
type Server = typeof server;
type Shared = Extract<keyof ServerApi, keyof Server>;
type Fn = (...args: never[]) => unknown;
type Ret<F> = F extends Fn ? ReturnType<F> : never;
type Verdict = { [K in Shared]: Ret<Server[K]> extends Ret<ServerApi[K]> ? true : 'result differs' };
declare const allTrue: { [K in Shared]: true };
const v: Verdict = allTrue;
export {v}
