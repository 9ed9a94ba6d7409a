/**
 * Tokenizer for the inside of one JUEL `${…}` / `#{…}` part. It starts right after the opening
 * brace and stops at the closing `}` (braces inside string literals do not count). All offsets
 * are 0-based positions in the whole composite text, so errors can point into the original.
 *
 * Constructs that the subset never supports and that are visible at the token level (lambda
 * `->`, assignment `=`, `+=`, `;`, `instanceof`, `{` collection literals) are rejected here.
 */
import { syntaxError, unsupportedError } from '../source-errors.ts';

export type TokenKind = 'identifier' | 'keyword' | 'number' | 'string' | 'operator' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** identifier name, keyword, operator symbol, or the raw text of a literal */
  readonly text: string;
  /** the decoded value of a number or string literal */
  readonly value?: number | string;
  readonly start: number;
  readonly end: number;
}

export interface TokenizeResult {
  readonly tokens: Token[];
  /** offset of the closing `}` */
  readonly close: number;
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'true', 'false', 'null', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'div', 'mod', 'empty',
  'instanceof',
]);

/** Multi-character operators first so that the longest match wins. */
const OPERATORS = [
  '->', '+=', '&&', '||', '==', '!=', '<=', '>=',
  '+', '-', '*', '/', '%', '(', ')', '[', ']', '.', '?', ':', '!', '<', '>', ',', ';', '=', '{',
] as const;

const UNSUPPORTED_OPERATORS: Readonly<Record<string, string>> = {
  '->': "lambda expression '->'",
  '+=': "string concatenation operator '+='",
  ';': "semicolon operator ';'",
  '=': "assignment operator '='",
  '{': "set or map literal '{…}'",
};

const IDENT_START = /[\p{L}_$]/u;
const IDENT_PART = /[\p{L}\p{N}_$]/u;
const DIGIT = /[0-9]/;

/** Tokens after which a `.` is member access rather than the start of a number like `.5`. */
function endsOperand(token: Token | undefined): boolean {
  if (token === undefined) return false;
  if (token.kind === 'identifier' || token.kind === 'number' || token.kind === 'string') return true;
  if (token.kind === 'keyword') return token.text === 'true' || token.text === 'false' || token.text === 'null';
  return token.kind === 'operator' && (token.text === ')' || token.text === ']');
}

/**
 * Tokenizes `text` from `from` (just after `${`) up to the matching `}`.
 * `open` is the offset of the `$`/`#` that opened the part, used when the `}` is missing.
 */
export function tokenize(text: string, from: number, open: number): TokenizeResult {
  const tokens: Token[] = [];
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '}') {
      tokens.push({ kind: 'end', text: '}', start: i, end: i + 1 });
      return { tokens, close: i };
    }
    if (c === "'" || c === '"') {
      const token = readString(text, i);
      tokens.push(token);
      i = token.end;
      continue;
    }
    const next = text[i + 1] ?? '';
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(next) && !endsOperand(tokens.at(-1)))) {
      const token = readNumber(text, i);
      tokens.push(token);
      i = token.end;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j] as string)) j++;
      const word = text.slice(i, j);
      if (word === 'instanceof') throw unsupportedError(text, i, "operator 'instanceof'");
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'identifier', text: word, start: i, end: j });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw syntaxError(text, i, `unexpected character '${c}'`);
    const unsupported = UNSUPPORTED_OPERATORS[op];
    if (unsupported !== undefined) throw unsupportedError(text, i, unsupported);
    tokens.push({ kind: 'operator', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  throw syntaxError(text, open, `unterminated expression, missing '}' for '${text.slice(open, open + 2)}'`);
}

function readString(text: string, start: number): Token {
  const q = text[start] as string;
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === q) return { kind: 'string', text: text.slice(start, i + 1), value: out, start, end: i + 1 };
    if (c === '\\') {
      const e = text[i + 1];
      if (e === '\\' || e === "'" || e === '"') {
        out += e;
        i += 2;
        continue;
      }
      if (e === undefined) break;
      throw syntaxError(text, i, `invalid escape sequence '\\${e}' in string literal (only \\' \\" \\\\ are allowed)`);
    }
    out += c;
    i++;
  }
  throw syntaxError(text, start, 'unterminated string literal');
}

function readNumber(text: string, start: number): Token {
  const rest = text.slice(start);
  const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(rest);
  const raw = m?.[0] ?? '';
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value)) throw syntaxError(text, start, `invalid number '${raw || rest[0]}'`);
  return { kind: 'number', text: raw, value, start, end: start + raw.length };
}
