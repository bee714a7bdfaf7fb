/**
 * Sizes as Google counts them. Property values are limited in bytes (9 KB per value, 500 KB per store), and a
 * JavaScript string's `length` counts UTF-16 units: "Übersicht" or a tab name in Cyrillic or Japanese takes
 * up to three bytes per character. Pure (no TextEncoder in Apps Script).
 */

/** The length of `text` in UTF-8 bytes. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Apps Script's documented per-value property limit, 9 KB, less room for the key (keys count too). */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024 - 256;

/** The longest prefix of `text` that fits in `maxBytes` UTF-8 bytes, with an ellipsis when cut. */
export function truncateToBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let out = '';
  let used = 3; // the ellipsis
  for (const ch of Array.from(text)) {
    const size = utf8Bytes(ch);
    if (used + size > maxBytes) break;
    out += ch;
    used += size;
  }
  return out + '…';
}
