/** PropertiesService, CacheService and LockService fakes. */
import { createGasEnvironment, createManualClock } from '../../fakes';

type Any = any;

describe('PropertiesService', () => {
  test('user properties are per user; document and script properties are shared', () => {
    const env = createGasEnvironment({ user: 'alice@example.com' });
    const P = (env.globals as Any).PropertiesService;
    P.getUserProperties().setProperty('token', 'alice-secret');
    P.getDocumentProperties().setProperty('imports', '[]');
    P.getScriptProperties().setProperty('version', '1');
    env.setUser('bob@example.com');
    expect(P.getUserProperties().getProperty('token')).toBeNull();
    expect(P.getDocumentProperties().getProperty('imports')).toBe('[]');
    expect(P.getScriptProperties().getProperty('version')).toBe('1');
    P.getUserProperties().setProperty('token', 'bob-secret');
    env.setUser('alice@example.com');
    expect(P.getUserProperties().getProperty('token')).toBe('alice-secret');
    expect(env.properties.user('bob@example.com')).toEqual({ token: 'bob-secret' });
  });

  test('values are stored as strings; reads are copies', () => {
    const env = createGasEnvironment();
    const props = (env.globals as Any).PropertiesService.getUserProperties();
    props.setProperty('n', 5).setProperty('b', true).setProperty('o', { a: 1 });
    expect(props.getProperties()).toEqual({ n: '5', b: 'true', o: '[object Object]' });
    const copy = props.getProperties();
    copy.n = 'changed';
    expect(props.getProperty('n')).toBe('5');
    props.setProperties({ x: 1 }, true);
    expect(props.getKeys()).toEqual(['x']);
    props.deleteProperty('x');
    expect(props.getKeys()).toEqual([]);
    props.setProperties({ a: 'A', b: 'B' });
    props.deleteAllProperties();
    expect(props.getProperties()).toEqual({});
  });

  test('9 KB per property and 500 KB per store', () => {
    const env = createGasEnvironment();
    const props = (env.globals as Any).PropertiesService.getScriptProperties();
    expect(() => props.setProperty('k', 'x'.repeat(9 * 1024))).toThrow('Argument too large: value');
    props.setProperty('k', 'x'.repeat(9 * 1024 - 1));
    expect(() => props.setProperty('big', 'é'.repeat(4700))).toThrow('Argument too large: value'); // 9400 bytes
    for (let i = 0; i < 55; i++) props.setProperty(`key${i}`, 'x'.repeat(9000));
    expect(() => props.setProperty('one-more', 'x'.repeat(9000))).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(props.getProperty('one-more')).toBeNull();
  });
});

describe('CacheService', () => {
  test('default expiry is 600 s on the injected clock; explicit expiry; max 21600 s', () => {
    const clock = createManualClock();
    const env = createGasEnvironment({ now: clock.now });
    const cache = (env.globals as Any).CacheService.getScriptCache();
    cache.put('a', 'A');
    cache.put('b', 'B', 10);
    clock.advance(9_999);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ a: 'A', b: 'B' });
    clock.advance(1);
    expect(cache.get('b')).toBeNull();
    clock.advance(589_999);
    expect(cache.get('a')).toBe('A');
    clock.advance(1);
    expect(cache.get('a')).toBeNull();
    expect(() => cache.put('c', 'C', 21_601)).toThrow('Invalid argument: expirationInSeconds');
    cache.put('c', 'C', 21_600);
    clock.advance(21_599_999);
    expect(cache.get('c')).toBe('C');
  });

  test('limits: key 250 characters, value 100 KB', () => {
    const env = createGasEnvironment();
    const cache = (env.globals as Any).CacheService.getUserCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    cache.put('k'.repeat(250), 'v'.repeat(100 * 1024));
    expect(() => cache.putAll({ ok: '1', bad: 'v'.repeat(100 * 1024 + 1) })).toThrow('Argument too large: value');
    expect(cache.get('ok')).toBeNull();
  });

  test('putAll/removeAll; user caches are per user, script and document caches shared', () => {
    const env = createGasEnvironment({ user: 'a@x.com' });
    const C = (env.globals as Any).CacheService;
    C.getUserCache().putAll({ x: '1', y: '2' });
    C.getDocumentCache().put('d', 'D');
    C.getUserCache().removeAll(['y']);
    expect(C.getUserCache().getAll(['x', 'y'])).toEqual({ x: '1' });
    env.setUser('b@x.com');
    expect(C.getUserCache().get('x')).toBeNull();
    expect(C.getDocumentCache().get('d')).toBe('D');
  });

  test('keeps at most 1000 items, the ones expiring last', () => {
    const env = createGasEnvironment();
    const cache = (env.globals as Any).CacheService.getScriptCache();
    for (let i = 0; i < 1001; i++) cache.put(`k${i}`, 'v', 100 + i);
    expect(cache.get('k0')).toBeNull();
    expect(cache.get('k1000')).toBe('v');
    expect(cache.get('k101')).toBe('v');
    expect(cache.get('k100')).toBeNull();
  });
});

describe('LockService', () => {
  test('tryLock/hasLock/releaseLock, and a second Lock object contends', () => {
    const env = createGasEnvironment();
    const L = (env.globals as Any).LockService;
    const lock = L.getDocumentLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(env.lockHeld('document')).toBe('self');
    expect(L.getDocumentLock().tryLock(10)).toBe(false);
    lock.releaseLock();
    expect(env.lockHeld('document')).toBeNull();
    expect(L.getDocumentLock().tryLock(10)).toBe(true);
    env.endExecution();
    expect(env.lockHeld('document')).toBeNull();
  });

  test('another execution holding the lock: tryLock false, waitLock throws — without really waiting', () => {
    const env = createGasEnvironment();
    const L = (env.globals as Any).LockService;
    const other = env.holdLock('document');
    const t0 = Date.now();
    expect(L.getDocumentLock().tryLock(30_000)).toBe(false);
    expect(() => L.getDocumentLock().waitLock(30_000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    expect(Date.now() - t0).toBeLessThan(200);
    expect(L.getScriptLock().tryLock(0)).toBe(true); // other scopes are free
    other.release();
    expect(L.getDocumentLock().tryLock(0)).toBe(true);
    expect(env.lockWaits).toEqual([
      { scope: 'document', timeoutMs: 30_000, acquired: false },
      { scope: 'document', timeoutMs: 30_000, acquired: false },
    ]);
  });

  test('a holder that releases within the timeout lets tryLock/waitLock succeed', () => {
    const env = createGasEnvironment();
    const L = (env.globals as Any).LockService;
    env.holdLock('script', { releaseAfterMs: 5_000 });
    expect(L.getScriptLock().tryLock(1_000)).toBe(false);
    const lock = L.getScriptLock();
    lock.waitLock(10_000);
    expect(lock.hasLock()).toBe(true);
  });

  test('user locks are per user', () => {
    const env = createGasEnvironment({ user: 'a@x.com' });
    const L = (env.globals as Any).LockService;
    env.holdLock('user', { user: 'b@x.com' });
    expect(L.getUserLock().tryLock(0)).toBe(true);
    env.setUser('b@x.com');
    expect(L.getUserLock().tryLock(0)).toBe(false);
  });
});
