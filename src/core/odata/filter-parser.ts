/**
 * A small reader for the part of the OData `$filter` grammar the filter builder can show: comparisons of a
 * property with a literal, `contains`/`startswith`/`substringof`, `and`/`or` and parentheses. Anything else
 * (arithmetic, `not`, other functions, lambda operators) makes it answer null, and the text stays as written.
 */
import { ParsedLiteral, readLiteral } from './literals';

export type FilterNode =
  | { type: 'and' | 'or'; items: FilterNode[] }
  | { type: 'compare'; op: string; column: string; literal: ParsedLiteral }
  | { type: 'function'; name: 'contains' | 'startswith'; column: string; literal: ParsedLiteral };

const TOKEN = /\s*((?:datetime|datetimeoffset)'[^']*'|'(?:[^']|'')*'|\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?|[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[LlMmDdFf]?|[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*|[(),])/y;
const OPERATORS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const MAX_TOKENS = 2000;

function tokenize(text: string): string[] | null {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m || tokens.length > MAX_TOKENS) return null;
    tokens.push(m[1]);
  }
  return tokens;
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: string[]) {}
  peek(): string | undefined {
    return this.tokens[this.i];
  }
  next(): string | undefined {
    return this.tokens[this.i++];
  }
  accept(token: string): boolean {
    if ((this.peek() || '').toLowerCase() !== token) return false;
    this.i++;
    return true;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

const isName = (t: string | undefined) => !!t && /^[A-Za-z_]/.test(t) && !readLiteral(t);

/** contains(Col,'x'), startswith(Col,'x') [eq true], substringof('x',Col) [eq true] */
function readFunction(name: string, r: Reader): FilterNode | null {
  const lower = name.toLowerCase();
  if (!r.accept('(')) return null;
  const a = r.next();
  if (!r.accept(',')) return null;
  const b = r.next();
  if (!r.accept(')') || !a || !b) return null;
  const [column, raw] = lower === 'substringof' ? [b, a] : [a, b];
  const literal = readLiteral(raw);
  if (!isName(column) || !literal) return null;
  if (r.accept('eq') && !r.accept('true')) return null;
  if (lower !== 'contains' && lower !== 'startswith' && lower !== 'substringof') return null;
  return { type: 'function', name: lower === 'startswith' ? 'startswith' : 'contains', column, literal };
}

function readPrimary(r: Reader): FilterNode | null {
  if (r.accept('(')) {
    const inner = readOr(r);
    return inner && r.accept(')') ? inner : null;
  }
  const first = r.next();
  if (!isName(first)) return null;
  if (r.peek() === '(') return readFunction(first as string, r);
  const op = (r.next() || '').toLowerCase();
  const literal = readLiteral(r.next() || '');
  if (OPERATORS.indexOf(op) < 0 || !literal) return null;
  return { type: 'compare', op, column: first as string, literal };
}

function readChain(r: Reader, word: 'and' | 'or', part: (r: Reader) => FilterNode | null): FilterNode | null {
  const first = part(r);
  if (!first) return null;
  const items = [first];
  while (r.accept(word)) {
    const item = part(r);
    if (!item) return null;
    items.push(item);
  }
  return items.length === 1 ? first : { type: word, items };
}

const readAnd = (r: Reader) => readChain(r, 'and', readPrimary);
const readOr = (r: Reader): FilterNode | null => readChain(r, 'or', readAnd);

/** The expression tree of a `$filter`, or null when it uses anything beyond the builder's subset. */
export function parseFilterExpression(text: string): FilterNode | null {
  const tokens = tokenize(text);
  if (!tokens || !tokens.length) return null;
  const r = new Reader(tokens);
  const tree = readOr(r);
  return tree && r.done() ? tree : null;
}
