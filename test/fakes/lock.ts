/**
 * LockService fake. Scopes: document (one per document, shared by all users), script (shared),
 * user (per user). Each Lock object is its own holder: a second Lock object in the same execution
 * contends with the first (strict — catches double locking).
 *
 * Other executions are simulated with `env.holdLock(scope, { releaseAfterMs })`. Waiting is SIMULATED,
 * never real: tryLock(t)/waitLock(t) succeed at once if the other holder releases within t ms
 * (releaseAfterMs <= t), otherwise fail at once (tryLock -> false, waitLock throws "Lock timeout:
 * another process was holding the lock for too long."). Every wait is recorded in `env.lockWaits`.
 * Locks held by the add-on are released by `env.endExecution()`, as at the end of a real execution.
 */
import { requireAuth } from './auth';
import { GasContext } from './context';

export type LockScope = 'document' | 'script' | 'user';

interface Holder {
  kind: 'self' | 'other';
  lock?: FakeLock;
  releaseAfterMs?: number;
}

export class LockTable {
  readonly held = new Map<string, Holder>();
  readonly waits: { scope: string; timeoutMs: number; acquired: boolean }[] = [];

  static key(scope: LockScope, user: string): string {
    return scope === 'user' ? `user:${user}` : scope;
  }

  holdOther(key: string, releaseAfterMs?: number): { release(): void } {
    const holder: Holder = { kind: 'other', releaseAfterMs };
    this.held.set(key, holder);
    return {
      release: () => {
        if (this.held.get(key) === holder) this.held.delete(key);
      },
    };
  }

  releaseOwn(): void {
    for (const [k, h] of this.held) if (h.kind === 'self') this.held.delete(k);
  }
}

class FakeLock {
  constructor(private readonly ctx: GasContext, private readonly table: LockTable, private readonly key: string) {}

  private acquire(timeoutMs: number): boolean {
    const h = this.table.held.get(this.key);
    if (h?.lock === this) return true;
    let ok = !h;
    if (h && h.kind === 'other' && h.releaseAfterMs !== undefined && h.releaseAfterMs <= timeoutMs) ok = true;
    if (h) this.table.waits.push({ scope: this.key, timeoutMs, acquired: ok });
    if (ok) this.table.held.set(this.key, { kind: 'self', lock: this });
    return ok;
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.acquire(Number(timeoutInMillis) || 0);
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.acquire(Number(timeoutInMillis) || 0)) {
      throw this.ctx.error('Lock timeout: another process was holding the lock for too long.');
    }
  }

  releaseLock(): void {
    if (this.table.held.get(this.key)?.lock === this) this.table.held.delete(this.key);
  }

  hasLock(): boolean {
    return this.table.held.get(this.key)?.lock === this;
  }
}

/** `hasDocument`: false inside a clock trigger with no active spreadsheet; getDocumentLock() then returns null (documented: null outside a document). */
export function createLockService(ctx: GasContext, table: LockTable, hasDocument: () => boolean = () => true) {
  const lock = (scope: LockScope, call: string) => {
    requireAuth(ctx, 'lock', call);
    return new FakeLock(ctx, table, LockTable.key(scope, ctx.user));
  };
  return {
    getDocumentLock: () => (hasDocument() ? lock('document', 'LockService.getDocumentLock') : null),
    getScriptLock: () => lock('script', 'LockService.getScriptLock'),
    getUserLock: () => lock('user', 'LockService.getUserLock'),
  };
}
