/**
 * CacheService fake: script cache (shared), user cache (per user; the owner's in CUSTOM_FUNCTION, by
 * analogy with user properties — assumed), document cache (this document).
 * Limits from the Cache reference: key <= 250 characters, value <= 100 KB, expiry default 600 s,
 * max 21600 s (6 h), at most 1000 items (then the 900 farthest from expiry are kept).
 * Expiry uses the environment clock (`options.now`), so tests move time with a manual clock.
 * Wording: "Argument too large: key|value" [A]; expiry outside 1..21600 throws
 * "Invalid argument: expirationInSeconds" [A — conservative; Apps Script may clamp instead].
 */
import { requireAuth } from './auth';
import { GasContext } from './context';

const MAX_KEY_CHARS = 250;
const MAX_VALUE_BYTES = 100 * 1024;
const DEFAULT_EXPIRY_S = 600;
const MAX_EXPIRY_S = 21_600;
const MAX_ITEMS = 1000;

export interface Entry {
  value: string;
  expiresAt: number;
}

export class CacheStores {
  readonly script = new Map<string, Entry>();
  readonly document = new Map<string, Entry>();
  readonly user = new Map<string, Map<string, Entry>>();

  userStore(email: string): Map<string, Entry> {
    let s = this.user.get(email);
    if (!s) this.user.set(email, (s = new Map()));
    return s;
  }
}

export class FakeCache {
  constructor(private readonly ctx: GasContext, private readonly store: Map<string, Entry>) {}

  private checkKey(key: unknown): string {
    const k = String(key);
    if (k.length > MAX_KEY_CHARS) throw this.ctx.error('Argument too large: key');
    return k;
  }

  private live(key: string): Entry | undefined {
    const e = this.store.get(key);
    if (e && e.expiresAt <= this.ctx.now()) {
      this.store.delete(key);
      return undefined;
    }
    return e;
  }

  private expiry(seconds: unknown): number {
    const s = seconds === undefined ? DEFAULT_EXPIRY_S : Number(seconds);
    if (!Number.isFinite(s) || s < 1 || s > MAX_EXPIRY_S) throw this.ctx.error('Invalid argument: expirationInSeconds');
    return this.ctx.now() + Math.floor(s) * 1000;
  }

  private set(key: string, value: unknown, expiresAt: number): void {
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw this.ctx.error('Argument too large: value');
    this.store.delete(key);
    this.store.set(key, { value: v, expiresAt });
  }

  private evict(): void {
    if (this.store.size <= MAX_ITEMS) return;
    const now = this.ctx.now();
    for (const [k, e] of this.store) if (e.expiresAt <= now) this.store.delete(k);
    if (this.store.size <= MAX_ITEMS) return;
    const keep = [...this.store.entries()].sort((a, b) => b[1].expiresAt - a[1].expiresAt).slice(0, 900);
    this.store.clear();
    for (const [k, e] of keep) this.store.set(k, e);
  }

  get(key: string): string | null {
    return this.live(this.checkKey(key))?.value ?? null;
  }

  getAll(keys: string[]): Record<string, string> {
    const out = new this.ctx.realm.Object() as Record<string, string>;
    for (const key of keys) {
      const e = this.live(this.checkKey(key));
      if (e) out[String(key)] = e.value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    const k = this.checkKey(key);
    this.set(k, value, this.expiry(expirationInSeconds));
    this.evict();
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    const expiresAt = this.expiry(expirationInSeconds);
    const entries = Object.entries(values).map(([k, v]) => [this.checkKey(k), v] as const);
    for (const [, v] of entries) {
      if (Buffer.byteLength(String(v), 'utf8') > MAX_VALUE_BYTES) throw this.ctx.error('Argument too large: value');
    }
    for (const [k, v] of entries) this.set(k, v, expiresAt);
    this.evict();
  }

  remove(key: string): void {
    this.store.delete(this.checkKey(key));
  }

  removeAll(keys: string[]): void {
    for (const k of keys) this.store.delete(this.checkKey(k));
  }
}

/** `activeDocument`: the active spreadsheet's document cache, or null with no active spreadsheet (then getDocumentCache() returns null). */
export function createCacheService(ctx: GasContext, stores: CacheStores, activeDocument: () => Map<string, Entry> | null = () => stores.document) {
  return {
    getScriptCache(): FakeCache {
      requireAuth(ctx, 'cache', 'CacheService.getScriptCache');
      return new FakeCache(ctx, stores.script);
    },
    getUserCache(): FakeCache {
      requireAuth(ctx, 'cache', 'CacheService.getUserCache');
      return new FakeCache(ctx, stores.userStore(ctx.authMode === 'CUSTOM_FUNCTION' ? ctx.owner : ctx.user));
    },
    getDocumentCache(): FakeCache | null {
      requireAuth(ctx, 'cache', 'CacheService.getDocumentCache');
      const store = activeDocument();
      return store ? new FakeCache(ctx, store) : null;
    },
  };
}
