import { isBigNumberToken, parseJsonPreservingBigNumbers, quoteBigNumberTokens, unmarkBigNumber } from '../../../src/core/odata/json';

describe('parseJsonPreservingBigNumbers', () => {
  it('keeps Int64 and long Decimal tokens exact', () => {
    const parsed = parseJsonPreservingBigNumbers('{"a":9007199254740993,"b":-12345678901234567.891,"c":42,"d":1.5}') as Record<string, unknown>;
    expect(isBigNumberToken(parsed.a)).toBe(true);
    expect(unmarkBigNumber(parsed.a as string)).toBe('9007199254740993');
    expect(unmarkBigNumber(parsed.b as string)).toBe('-12345678901234567.891');
    expect(parsed.c).toBe(42);
    expect(parsed.d).toBe(1.5);
  });
  it('leaves digits inside strings alone, including escaped quotes', () => {
    const text = '{"s":"id 12345678901234567890 \\" 98765432109876543210","n":[12345678901234567890]}';
    const parsed = parseJsonPreservingBigNumbers(text) as { s: string; n: string[] };
    expect(parsed.s).toBe('id 12345678901234567890 " 98765432109876543210');
    expect(unmarkBigNumber(parsed.n[0])).toBe('12345678901234567890');
  });
  it('does not rewrite bodies without long numbers', () => {
    const text = '{"value":[{"x":123456789012345}]}';
    expect(quoteBigNumberTokens(text)).toBe(text);
  });
  it('throws on invalid JSON like JSON.parse', () => {
    expect(() => parseJsonPreservingBigNumbers('<html>12345678901234567890')).toThrow();
  });
});

describe('long decimals without a long digit run', () => {
  it('keeps 12345678901.23456789 exact (19 significant digits split by the point)', () => {
    const parsed = parseJsonPreservingBigNumbers('{"d":12345678901.23456789,"e":0.1234567890123456789}') as Record<string, string>;
    expect(unmarkBigNumber(parsed.d)).toBe('12345678901.23456789');
    expect(unmarkBigNumber(parsed.e)).toBe('0.1234567890123456789');
  });
});
