/**
 * The shared command-line parser of the scripts (scripts/cli-args.cjs), used by sandbox/start.js and
 * scripts/workbench.mjs: value forms, kinds, help, and the errors a mistyped command gets.
 */
type Kind = 'flag' | 'number' | 'string' | 'list';
type Parsed = { options: Record<string, unknown>; given: Set<string> };
const { parseCliArgs } = require('../../scripts/cli-args.cjs') as {
  parseCliArgs: (argv: string[], spec: Record<string, [string, Kind]>) => Parsed;
};

const SPEC: Record<string, [string, Kind]> = {
  '--json': ['json', 'flag'],
  '--host': ['host', 'string'],
  '--port': ['port', 'number'],
  '--page-size': ['pageSize', 'number'],
  '--without': ['without', 'list'],
};
const parse = (...argv: string[]) => parseCliArgs(argv, SPEC);

describe('parseCliArgs', () => {
  test('nothing given: no options, nothing given (the caller applies its defaults)', () => {
    const { options, given } = parse();
    expect(options).toEqual({});
    expect([...given]).toEqual([]);
  });

  test('a value follows its option or comes after "="', () => {
    expect(parse('--port', '4010', '--host', '0.0.0.0').options).toEqual({ port: 4010, host: '0.0.0.0' });
    expect(parse('--port=4010', '--host=::1').options).toEqual({ port: 4010, host: '::1' });
    // Only the first "=" separates: the rest belongs to the value.
    expect(parse('--host=a=b').options).toEqual({ host: 'a=b' });
  });

  test('numbers: non-negative and finite, decimals allowed; anything else names the option and the value', () => {
    expect(parse('--page-size', '0').options).toEqual({ pageSize: 0 });
    expect(parse('--port', '12.5').options).toEqual({ port: 12.5 });
    expect(() => parse('--port', '-1')).toThrow('--port needs a non-negative number (got -1)');
    expect(() => parse('--port', 'abc')).toThrow('--port needs a non-negative number (got abc)');
    expect(() => parse('--port=Infinity')).toThrow('--port needs a non-negative number (got Infinity)');
    expect(() => parse('--port')).toThrow('--port needs a non-negative number (got undefined)');
    // The next argument is taken as the value, even when it looks like an option.
    expect(() => parse('--port', '--json')).toThrow('--port needs a non-negative number (got --json)');
  });

  test('flags are true whether or not a value is attached; --help and -h are always known', () => {
    expect(parse('--json').options).toEqual({ json: true });
    expect(parse('--json=false').options).toEqual({ json: true });
    expect(parse('--help').options).toEqual({ help: true });
    expect(parse('-h').options).toEqual({ help: true });
  });

  test('lists split on commas, trimmed, empties dropped', () => {
    expect(parse('--without', 'a, b,,c ').options).toEqual({ without: ['a', 'b', 'c'] });
    expect(parse('--without=').options).toEqual({ without: [] });
    expect(parse('--without').options).toEqual({ without: [] });
  });

  test('a string option at the end of the command line has no value', () => {
    expect(parse('--host').options).toEqual({ host: undefined });
  });

  test('given names every option the command line set, the last value wins', () => {
    const { options, given } = parse('--port', '1', '--json', '--port=2');
    expect(options).toEqual({ port: 2, json: true });
    expect([...given].sort()).toEqual(['json', 'port']);
  });

  test('an unknown argument is refused as typed', () => {
    expect(() => parse('--prot', '4010')).toThrow('Unknown argument: --prot');
    expect(() => parse('--prot=4010')).toThrow('Unknown argument: --prot=4010');
    expect(() => parse('4010')).toThrow('Unknown argument: 4010');
    // Only "--" options take "=value".
    expect(() => parse('-h=1')).toThrow('Unknown argument: -h=1');
    // Not an inherited property of a plain object.
    expect(() => parse('constructor')).toThrow('Unknown argument: constructor');
  });
});
