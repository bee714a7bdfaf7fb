import { appendQuery, encodeQueryComponent, ensureEncoded, isLoopbackUrl, originOf, resolveUrl } from '../../../src/core/url';

describe('resolveUrl (RFC 3986 §5.4 examples)', () => {
  const base = 'http://a/b/c/d;p?q';
  const cases: Array<[string, string]> = [
    ['g', 'http://a/b/c/g'],
    ['./g', 'http://a/b/c/g'],
    ['g/', 'http://a/b/c/g/'],
    ['/g', 'http://a/g'],
    ['//g', 'http://g'],
    ['?y', 'http://a/b/c/d;p?y'],
    ['g?y', 'http://a/b/c/g?y'],
    ['#s', 'http://a/b/c/d;p?q#s'],
    ['g;x?y#s', 'http://a/b/c/g;x?y#s'],
    ['', 'http://a/b/c/d;p?q'],
    ['.', 'http://a/b/c/'],
    ['..', 'http://a/b/'],
    ['../g', 'http://a/b/g'],
    ['../..', 'http://a/'],
    ['../../g', 'http://a/g'],
    ['../../../g', 'http://a/g'],
    ['/./g', 'http://a/g'],
    ['g.', 'http://a/b/c/g.'],
    ['./../g', 'http://a/b/g'],
    ['g/../h', 'http://a/b/c/h'],
    ['https://other.example/x', 'https://other.example/x'],
  ];
  it.each(cases)('resolves %s', (ref, expected) => {
    expect(resolveUrl(base, ref)).toBe(expected);
  });

  it('resolves a CAP-style relative next link against the service root', () => {
    expect(resolveUrl('http://127.0.0.1:4004/odata/Accounts?$top=5', 'Accounts?%24skiptoken=100')).toBe(
      'http://127.0.0.1:4004/odata/Accounts?%24skiptoken=100',
    );
  });
});

describe('originOf', () => {
  it('drops default ports, paths and user info, and lower-cases the host', () => {
    expect(originOf('HTTPS://API.TrueClicks.com:443/odata/')).toBe('https://api.trueclicks.com');
    expect(originOf('http://127.0.0.1:4004/x')).toBe('http://127.0.0.1:4004');
    expect(originOf('https://user:pw@host.example/x')).toBe('https://host.example');
    expect(originOf('Accounts?x=1')).toBe('');
  });
  it('tells different ports and schemes apart', () => {
    expect(originOf('http://127.0.0.1:4004/')).not.toBe(originOf('http://127.0.0.1:4005/'));
    expect(originOf('http://h/')).not.toBe(originOf('https://h/'));
  });
});

describe('encoding', () => {
  it('encodes spaces, quotes, ampersands, sub-delims and non-ASCII in a query component', () => {
    expect(encodeQueryComponent("Name eq 'A&B' and City eq 'Zürich'")).toBe('Name%20eq%20%27A%26B%27%20and%20City%20eq%20%27Z%C3%BCrich%27');
    expect(encodeQueryComponent('contains(Name,"x")*!')).toBe('contains%28Name%2C%22x%22%29%2A%21');
    expect(encodeQueryComponent('😀')).toBe('%F0%9F%98%80');
  });
  it('ensureEncoded fixes raw characters in server links but keeps existing escapes', () => {
    expect(ensureEncoded("http://h/odata/Accounts?$filter=Name eq 'é'&$skiptoken=5")).toBe(
      'http://h/odata/Accounts?$filter=Name%20eq%20%27%C3%A9%27&$skiptoken=5',
    );
    expect(ensureEncoded('http://h/a?%24skiptoken=100%20x')).toBe('http://h/a?%24skiptoken=100%20x');
    expect(ensureEncoded('http://h/a?x=50%')).toBe('http://h/a?x=50%25');
  });
  it('appendQuery adds the right separator', () => {
    expect(appendQuery('http://h/a', ['x=1'])).toBe('http://h/a?x=1');
    expect(appendQuery('http://h/a?y=2', ['x=1', 'z=3'])).toBe('http://h/a?y=2&x=1&z=3');
    expect(appendQuery('http://h/a', [])).toBe('http://h/a');
  });
  it('recognises loopback hosts only', () => {
    expect(isLoopbackUrl('http://localhost:4004/odata/')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.1/')).toBe(true);
    expect(isLoopbackUrl('http://localhost.evil.example/')).toBe(false);
    expect(isLoopbackUrl('http://10.0.0.1/')).toBe(false);
  });
});
