import { ExactNumber, isExactNumber, parseJsonPreservingBigNumbers, wrapRiskyNumberTokens } from '../../../src/core/odata/json';

const digits = (v: unknown) => (isExactNumber(v) ? v.digits : `not exact: ${JSON.stringify(v)}`);

describe('parseJsonPreservingBigNumbers', () => {
  it('keeps Int64 and long Decimal tokens exact', () => {
    const parsed = parseJsonPreservingBigNumbers('{"a":9007199254740993,"b":-12345678901234567.891,"c":42,"d":1.5}') as Record<string, unknown>;
    expect(digits(parsed.a)).toBe('9007199254740993');
    expect(digits(parsed.b)).toBe('-12345678901234567.891');
    expect(parsed.c).toBe(42);
    expect(parsed.d).toBe(1.5);
  });
  it('keeps long decimals whose digits are split by the point (12345678901.23456789)', () => {
    const parsed = parseJsonPreservingBigNumbers('{"d":12345678901.23456789,"e":0.1234567890123456789}') as Record<string, unknown>;
    expect(digits(parsed.d)).toBe('12345678901.23456789');
    expect(digits(parsed.e)).toBe('0.1234567890123456789');
  });
  it('keeps numbers outside the double range instead of Infinity or 0', () => {
    const parsed = parseJsonPreservingBigNumbers('{"big":1e400,"tiny":1e-400,"zero":0e500,"ok":1e300}') as Record<string, unknown>;
    expect(digits(parsed.big)).toBe('1e400');
    expect(digits(parsed.tiny)).toBe('1e-400');
    expect(parsed.zero).toBe(0);
    expect(parsed.ok).toBe(1e300);
  });
  it('leaves strings alone, even ones that look like the internal wrapper', () => {
    const text = '{"s":"id 12345678901234567890 \\" 98765432109876543210","m":"\\u0000#123","n":[12345678901234567890]}';
    const parsed = parseJsonPreservingBigNumbers(text) as { s: string; m: string; n: unknown[] };
    expect(parsed.s).toBe('id 12345678901234567890 " 98765432109876543210');
    expect(parsed.m).toBe('\u0000#123');
    expect(digits(parsed.n[0])).toBe('12345678901234567890');
  });
  it('tells digits in text from number tokens, even text that looks like the start of a value', () => {
    const text = '{"a":"x:12345678901234567,[98765432109876543","b":12345678901234567,"c":"1e400","d":[1,-1.5e-400]}';
    const parsed = parseJsonPreservingBigNumbers(text) as { a: string; b: unknown; c: string; d: unknown[] };
    expect(parsed.a).toBe('x:12345678901234567,[98765432109876543');
    expect(digits(parsed.b)).toBe('12345678901234567');
    expect(parsed.c).toBe('1e400');
    expect(parsed.d[0]).toBe(1);
    expect(digits(parsed.d[1])).toBe('-1.5e-400');
    expect(digits(parseJsonPreservingBigNumbers('12345678901234567890'))).toBe('12345678901234567890');
    expect(digits((parseJsonPreservingBigNumbers('{"n" :  \n 9007199254740993}') as { n: unknown }).n)).toBe('9007199254740993');
  });
  it('does not rewrite bodies without risky numbers', () => {
    const text = '{"value":[{"x":123456789012345,"y":1e22}]}';
    expect(wrapRiskyNumberTokens(text)).toBe(text);
  });
  it('shows the digits when serialised again', () => {
    expect(JSON.stringify([new ExactNumber('9007199254740993')])).toBe('["9007199254740993"]');
  });
  it('wraps only risky tokens, outside strings, whatever ends the text', () => {
    // A string that ends in an escaped quote, a string left open at the end, a token at the very end.
    expect(wrapRiskyNumberTokens('["a\\"",12345678901234567]')).toBe('["a\\"",{"\\u0000exact":"12345678901234567"}]');
    expect(wrapRiskyNumberTokens('[1e400,"12345678901234567\\')).toBe('[{"\\u0000exact":"1e400"},"12345678901234567\\');
    expect(wrapRiskyNumberTokens('-12345678901234567')).toBe('{"\\u0000exact":"-12345678901234567"}');
    expect(wrapRiskyNumberTokens('[0.000000000000000001,1E+400,-0,100000000000000000000]')).toBe(
      '[0.000000000000000001,{"\\u0000exact":"1E+400"},-0,{"\\u0000exact":"100000000000000000000"}]',
    );
    expect(wrapRiskyNumberTokens('[true,null,"x"]')).toBe('[true,null,"x"]');
  });
  it('throws on invalid JSON like JSON.parse', () => {
    expect(() => parseJsonPreservingBigNumbers('<html>12345678901234567890')).toThrow();
  });
});
