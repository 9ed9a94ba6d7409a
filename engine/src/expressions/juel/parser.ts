/**
 * Recursive-descent parser for the JUEL subset, following the EL 2.2 precedence (lowest first):
 * `?:`, `|| or`, `&& and`, `== != eq ne`, `< > <= >= lt gt le ge`, `+ -`, `* / div % mod`,
 * unary `- ! not empty`, then `.` / `[]` access.
 *
 * A bare call `name(a, b)` parses into a call node (the engine's registered functions, see
 * expressions/functions.ts). Method calls (`a.b()`), prefixed EL functions (`fn:x()`), calls of
 * anything but a name, list literals and the token-level constructs rejected by the
 * tokenizer raise LZ_ERR_EXPRESSION_UNSUPPORTED; everything else that does not fit the grammar
 * raises LZ_ERR_EXPRESSION_SYNTAX. Nesting is limited to {@link MAX_NESTING} levels and the tree
 * height to {@link MAX_TREE_HEIGHT}, so hostile input cannot exhaust the stack.
 */
import type { BinaryOperator, JuelNode, UnaryOperator } from './ast.ts';
import type { Token } from './tokenizer.ts';
import { syntaxError, unsupportedError } from '../source-errors.ts';

export const MAX_NESTING = 100;
/** Long operator chains (`1+1+…`) are flat in the source but deep in the tree. */
export const MAX_TREE_HEIGHT = 1000;

const EQUALITY: Readonly<Record<string, BinaryOperator>> = { '==': '==', '!=': '!=', eq: '==', ne: '!=' };
const RELATIONAL: Readonly<Record<string, BinaryOperator>> = {
  '<': '<', '>': '>', '<=': '<=', '>=': '>=', lt: '<', gt: '>', le: '<=', ge: '>=',
};
const ADDITIVE: Readonly<Record<string, BinaryOperator>> = { '+': '+', '-': '-' };
const MULTIPLICATIVE: Readonly<Record<string, BinaryOperator>> = { '*': '*', '/': '/', div: '/', '%': '%', mod: '%' };
const UNARY: Readonly<Record<string, UnaryOperator>> = { '-': '-', '!': '!', not: '!', empty: 'empty' };

/** Parses the tokens of one `${…}` part (ending with the `end` token) into an AST. */
export function parseTokens(text: string, tokens: readonly Token[]): JuelNode {
  return new Parser(text, tokens).parseAll();
}

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly heights = new WeakMap<JuelNode, number>();

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseAll(): JuelNode {
    const first = this.peek();
    if (first.kind === 'end') throw syntaxError(this.text, first.start, 'empty expression');
    const node = this.parseExpression();
    const after = this.peek();
    if (after.kind !== 'end') throw this.unexpected(after);
    return node;
  }

  private peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1] as Token;
    return this.tokens[this.pos + offset] ?? last;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }

  /** the operator or keyword text of the current token, '' for anything else */
  private opText(): string {
    const t = this.peek();
    return t.kind === 'operator' || t.kind === 'keyword' ? t.text : '';
  }

  private unexpected(t: Token): Error {
    if (t.kind === 'end') return syntaxError(this.text, t.start, 'unexpected end of expression, an operand is missing');
    return syntaxError(this.text, t.start, `unexpected '${t.text}'`);
  }

  private expect(op: string, what: string): Token {
    const t = this.peek();
    if ((t.kind === 'operator' || t.kind === 'keyword') && t.text === op) return this.next();
    throw syntaxError(this.text, t.start, `expected '${op}' ${what}${t.kind === 'end' ? '' : `, found '${t.text}'`}`);
  }

  private enter(at: Token): void {
    this.depth++;
    if (this.depth > MAX_NESTING + 1) {
      throw syntaxError(this.text, at.start, `expression nested deeper than ${MAX_NESTING} levels`);
    }
  }

  private make<N extends JuelNode>(node: N, ...children: JuelNode[]): N {
    let h = 0;
    for (const c of children) h = Math.max(h, this.heights.get(c) ?? 0);
    if (h + 1 > MAX_TREE_HEIGHT) {
      throw syntaxError(this.text, node.start, `expression nested deeper than ${MAX_TREE_HEIGHT} operations`);
    }
    this.heights.set(node, h + 1);
    return node;
  }

  private parseExpression(): JuelNode {
    this.enter(this.peek());
    try {
      return this.parseConditional();
    } finally {
      this.depth--;
    }
  }

  private parseConditional(): JuelNode {
    const test = this.parseBinary(0);
    if (this.opText() !== '?') return test;
    this.next();
    const consequent = this.parseExpression();
    this.expect(':', "in conditional expression 'a ? b : c'");
    const alternate = this.parseExpression();
    return this.make({ kind: 'conditional', test, consequent, alternate, start: test.start, end: alternate.end },
      test, consequent, alternate);
  }

  /** Binary levels from loosest (0) to tightest; each level is left-associative. */
  private static readonly LEVELS: ReadonlyArray<Readonly<Record<string, BinaryOperator>>> = [
    { '||': '||', or: '||' },
    { '&&': '&&', and: '&&' },
    EQUALITY,
    RELATIONAL,
    ADDITIVE,
    MULTIPLICATIVE,
  ];

  private parseBinary(level: number): JuelNode {
    const ops = Parser.LEVELS[level];
    if (ops === undefined) return this.parseUnary();
    let left = this.parseBinary(level + 1);
    for (;;) {
      const operator = ops[this.opText()];
      if (operator === undefined) return left;
      this.next();
      const right = this.parseBinary(level + 1);
      left = this.make({ kind: 'binary', operator, left, right, start: left.start, end: right.end }, left, right);
    }
  }

  private parseUnary(): JuelNode {
    const t = this.peek();
    const operator = UNARY[this.opText()];
    if (operator === undefined) return this.parsePostfix();
    this.next();
    this.enter(t);
    try {
      const operand = this.parseUnary();
      return this.make({ kind: 'unary', operator, operand, start: t.start, end: operand.end }, operand);
    } finally {
      this.depth--;
    }
  }

  private parsePostfix(): JuelNode {
    let node = this.parsePrimary();
    for (;;) {
      const op = this.opText();
      if (op === '.') {
        this.next();
        const name = this.peek();
        if (name.kind !== 'identifier') {
          throw syntaxError(this.text, name.start, `expected a property name after '.'${name.kind === 'end' ? '' : `, found '${name.text}'`}`);
        }
        this.next();
        if (this.opText() === '(') {
          throw unsupportedError(this.text, name.start, `method call '${name.text}(…)'`);
        }
        const key = this.make({ kind: 'literal', value: name.text, start: name.start, end: name.end });
        node = this.make({ kind: 'property', object: node, key, computed: false, start: node.start, end: name.end }, node, key);
      } else if (op === '[') {
        const open = this.next();
        const key = this.parseExpression();
        const close = this.expect(']', `to close '[' at position ${open.start + 1}`);
        if (this.opText() === '(') {
          throw unsupportedError(this.text, this.peek().start, "method call '[…](…)'");
        }
        node = this.make({ kind: 'property', object: node, key, computed: true, start: node.start, end: close.end }, node, key);
      } else if (op === '(') {
        throw unsupportedError(this.text, this.peek().start, `function call '${this.text.slice(node.start, node.end)}(…)'`);
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): JuelNode {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
      case 'string':
        this.next();
        return this.make({ kind: 'literal', value: t.value ?? null, start: t.start, end: t.end });
      case 'identifier':
        return this.parseIdentifier();
      case 'keyword': {
        const values: Record<string, boolean | null> = { true: true, false: false, null: null };
        if (!(t.text in values)) throw this.unexpected(t);
        this.next();
        return this.make({ kind: 'literal', value: values[t.text] ?? null, start: t.start, end: t.end });
      }
      case 'operator':
        if (t.text === '(') {
          this.next();
          const inner = this.parseExpression();
          this.expect(')', `to close '(' at position ${t.start + 1}`);
          return inner;
        }
        if (t.text === '[') throw unsupportedError(this.text, t.start, "list literal '[…]'");
        throw this.unexpected(t);
      case 'end':
        throw this.unexpected(t);
    }
  }

  private parseIdentifier(): JuelNode {
    const t = this.next();
    const after = this.peek();
    if (after.kind === 'operator' && after.text === '(') return this.parseCall(t);
    // `prefix:name(` is an EL function call with a namespace prefix, e.g. fn:concat(a, b)
    const name = this.peek(1);
    if (after.kind === 'operator' && after.text === ':' && name.kind === 'identifier') {
      const paren = this.peek(2);
      if (paren.kind === 'operator' && paren.text === '(') {
        throw unsupportedError(this.text, t.start, `function call '${t.text}:${name.text}(…)'`);
      }
    }
    return this.make({ kind: 'identifier', name: t.text, start: t.start, end: t.end });
  }

  /** `name(` was seen: the arguments, comma separated, up to the closing `)` */
  private parseCall(name: Token): JuelNode {
    const open = this.next();
    this.enter(open);
    try {
      const args: JuelNode[] = [];
      if (this.opText() !== ')') {
        for (;;) {
          args.push(this.parseExpression());
          if (this.opText() !== ',') break;
          this.next();
        }
      }
      const close = this.expect(')', `to close '(' of '${name.text}(' at position ${open.start + 1}`);
      return this.make({ kind: 'call', name: name.text, args, start: name.start, end: close.end }, ...args);
    } finally {
      this.depth--;
    }
  }
}
