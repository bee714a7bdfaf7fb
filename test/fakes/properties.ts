/**
 * PropertiesService fake. Stores: user (one per user), document and script (shared).
 * Values are strings (String(v)), like Apps Script. Limits (Apps Script quotas page): 9 KB per
 * property (key + value, UTF-8; see tanaike's measurement in appsscript-facts.md §4) and 500 KB per
 * store. In CUSTOM_FUNCTION mode getUserProperties() returns the spreadsheet OWNER's store, read-only
 * unless the active user is the owner (appsscript-facts.md §1).
 */
import { requireAuth } from './auth';
import { GasContext } from './context';

const MAX_PROPERTY_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class PropertyStores {
  readonly user = new Map<string, Map<string, string>>();
  readonly document = new Map<string, string>();
  readonly script = new Map<string, string>();

  userStore(email: string): Map<string, string> {
    let s = this.user.get(email);
    if (!s) this.user.set(email, (s = new Map()));
    return s;
  }
}

export class FakeProperties {
  constructor(
    private readonly ctx: GasContext,
    private readonly store: Map<string, string>,
    private readonly readOnly = false,
  ) {}

  private write(call: string): void {
    if (this.readOnly) throw this.ctx.error(`You do not have permission to call ${call}`);
  }

  private checkSize(next: Map<string, string>, changed: Iterable<string>): void {
    for (const k of changed) {
      if (bytes(k) + bytes(next.get(k) ?? '') > MAX_PROPERTY_BYTES) throw this.ctx.error('Argument too large: value');
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) {
      throw this.ctx.error('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  }

  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    const out = new this.ctx.realm.Object() as Record<string, string>;
    for (const [k, v] of this.store) out[k] = v;
    return out;
  }

  getKeys(): string[] {
    return this.ctx.realm.Array.from(this.store.keys());
  }

  setProperty(key: string, value: unknown): FakeProperties {
    this.write('Properties.setProperty');
    const k = String(key);
    if (k === '') throw this.ctx.error('Invalid argument: key');
    const next = new Map(this.store).set(k, String(value));
    this.checkSize(next, [k]);
    this.store.set(k, String(value));
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): FakeProperties {
    this.write('Properties.setProperties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    this.checkSize(next, Object.keys(properties));
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
    return this;
  }

  deleteProperty(key: string): FakeProperties {
    this.write('Properties.deleteProperty');
    this.store.delete(String(key));
    return this;
  }

  deleteAllProperties(): FakeProperties {
    this.write('Properties.deleteAllProperties');
    this.store.clear();
    return this;
  }
}

/**
 * `activeDocument` gives the active spreadsheet's document store, or null inside a clock trigger that has
 * no active spreadsheet: the second-round contract says to treat document properties as unavailable there,
 * and the fake returns null as the reference documents for a script with no document.
 */
export function createPropertiesService(ctx: GasContext, stores: PropertyStores, activeDocument: () => Map<string, string> | null = () => stores.document) {
  return {
    getUserProperties(): FakeProperties {
      requireAuth(ctx, 'properties', 'PropertiesService.getUserProperties');
      if (ctx.authMode === 'CUSTOM_FUNCTION') {
        return new FakeProperties(ctx, stores.userStore(ctx.owner), ctx.user !== ctx.owner);
      }
      return new FakeProperties(ctx, stores.userStore(ctx.user));
    },
    getDocumentProperties(): FakeProperties | null {
      requireAuth(ctx, 'properties', 'PropertiesService.getDocumentProperties');
      const store = activeDocument();
      return store ? new FakeProperties(ctx, store) : null;
    },
    getScriptProperties(): FakeProperties {
      requireAuth(ctx, 'properties', 'PropertiesService.getScriptProperties');
      return new FakeProperties(ctx, stores.script);
    },
  };
}
