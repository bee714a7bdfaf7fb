/**
 * URL handling without the `URL` class (Apps Script V8 has none): parsing, origin comparison, RFC 3986
 * resolution of relative references (OData next links are often relative), and strict percent-encoding,
 * because UrlFetchApp rejects URLs that still contain spaces, quotes or non-ASCII characters.
 */
export interface ParsedUrl {
  scheme: string; // lower case, without ':'
  authority: string; // host[:port], lower-cased host; '' for relative references
  path: string;
  query: string | null; // without '?'
  fragment: string | null; // without '#'
}

const URL_PATTERN = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

export function parseUrl(url: string): ParsedUrl {
  const m = URL_PATTERN.exec(url);
  if (!m) return { scheme: '', authority: '', path: url, query: null, fragment: null };
  const scheme = (m[1] || '').toLowerCase();
  let authority = m[2] === undefined ? '' : m[2];
  // Host names are case-insensitive; drop the default port so origins compare equal.
  authority = authority.replace(/^([^@]*@)?([^:]*)(:\d*)?$/, (_all, user: string | undefined, host: string, port: string | undefined) => {
    const p = port === ':' || (scheme === 'https' && port === ':443') || (scheme === 'http' && port === ':80') ? '' : port || '';
    return (user || '') + host.toLowerCase() + p;
  });
  return { scheme, authority, path: m[3] || '', query: m[4] === undefined ? null : m[4], fragment: m[5] === undefined ? null : m[5] };
}

export function isAbsoluteUrl(url: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url);
}

/** `scheme://host[:port]` of an absolute URL, or '' when the URL is not absolute. */
export function originOf(url: string): string {
  if (!isAbsoluteUrl(url)) return '';
  const p = parseUrl(url);
  return `${p.scheme}://${p.authority.replace(/^[^@]*@/, '')}`;
}

export function hostOf(url: string): string {
  return parseUrl(url).authority.replace(/^[^@]*@/, '').replace(/:\d+$/, '');
}

/** RFC 3986 §5.2.4 dot-segment removal. */
function removeDotSegments(path: string): string {
  const input = path.split('/');
  const output: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const seg = input[i];
    if (seg === '.') {
      if (i === input.length - 1) output.push('');
    } else if (seg === '..') {
      if (output.length > 1 || (output.length === 1 && output[0] !== '')) output.pop();
      if (i === input.length - 1) output.push('');
    } else {
      output.push(seg);
    }
  }
  return output.join('/');
}

function mergePaths(base: ParsedUrl, ref: string): string {
  if (base.authority && base.path === '') return '/' + ref;
  const i = base.path.lastIndexOf('/');
  return base.path.slice(0, i + 1) + ref;
}

/** Resolves `reference` against the absolute `base` URL (RFC 3986 §5.2.2). */
export function resolveUrl(base: string, reference: string): string {
  const r = parseUrl(reference);
  if (r.scheme) return format({ ...r, path: removeDotSegments(r.path) });
  const b = parseUrl(base);
  let out: ParsedUrl;
  if (reference.startsWith('//')) {
    out = { ...r, scheme: b.scheme, path: removeDotSegments(r.path) };
  } else if (r.path === '') {
    out = { scheme: b.scheme, authority: b.authority, path: b.path, query: r.query !== null ? r.query : b.query, fragment: r.fragment };
  } else {
    const path = r.path.startsWith('/') ? r.path : mergePaths(b, r.path);
    out = { scheme: b.scheme, authority: b.authority, path: removeDotSegments(path), query: r.query, fragment: r.fragment };
  }
  return format(out);
}

function format(p: ParsedUrl): string {
  return (
    (p.scheme ? p.scheme + ':' : '') +
    (p.authority || p.scheme === 'http' || p.scheme === 'https' ? '//' + p.authority : '') +
    p.path +
    (p.query !== null ? '?' + p.query : '') +
    (p.fragment !== null ? '#' + p.fragment : '')
  );
}

/** Strict encoding of one query component: like encodeURIComponent, plus the sub-delims `!'()*`. */
export function encodeQueryComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Percent-encodes every character that may not appear raw in a URL (space, quotes, `<>{}|\^` and backtick,
 * non-ASCII as UTF-8, and the apostrophe of OData string literals, which some fetchers refuse) while keeping existing `%XX` escapes and URL delimiters intact. Applied to links that
 * come from servers, which do not always encode their own next links.
 */
export function ensureEncoded(url: string): string {
  return url.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]/gu, (c) => {
    if (c === '%') return '%25';
    if (c === "'") return '%27';
    try {
      return encodeURIComponent(c);
    } catch (_lone_surrogate) {
      return '%EF%BF%BD'; // U+FFFD, as a browser would send it
    }
  });
}

/** Removes the query string, for messages and logs (queries may hold user filters; never secrets, but keep it short). */
export function withoutQuery(url: string): string {
  const i = url.search(/[?#]/);
  return i < 0 ? url : url.slice(0, i);
}

/** Appends `key=value` pairs (already encoded) to a URL that may or may not have a query yet. */
export function appendQuery(url: string, pairs: string[]): string {
  if (pairs.length === 0) return url;
  const hashAt = url.indexOf('#');
  const head = hashAt < 0 ? url : url.slice(0, hashAt);
  const sep = head.indexOf('?') < 0 ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&';
  return head + sep + pairs.join('&');
}

/** True for http(s)://localhost or 127.x.x.x / [::1] hosts, which may use plain http for the local sandbox. */
export function isLoopbackUrl(url: string): boolean {
  const host = hostOf(url);
  return host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}
