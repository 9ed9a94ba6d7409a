/**
 * AST of the JUEL subset. Keyword operators are normalised to their symbol (`div` → `/`,
 * `eq` → `==`, `not` → `!`, …). `start`/`end` are 0-based offsets into the composite text.
 */

export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '%'
  | '==' | '!=' | '<' | '>' | '<=' | '>='
  | '&&' | '||';

export type UnaryOperator = '-' | '!' | 'empty';

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LiteralNode extends Span {
  readonly kind: 'literal';
  readonly value: null | boolean | number | string;
}

export interface IdentifierNode extends Span {
  readonly kind: 'identifier';
  readonly name: string;
}

/** `a.b` (key is a string literal, computed false) or `a[expr]` (computed true). */
export interface PropertyNode extends Span {
  readonly kind: 'property';
  readonly object: JuelNode;
  readonly key: JuelNode;
  readonly computed: boolean;
}

export interface UnaryNode extends Span {
  readonly kind: 'unary';
  readonly operator: UnaryOperator;
  readonly operand: JuelNode;
}

export interface BinaryNode extends Span {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: JuelNode;
  readonly right: JuelNode;
}

export interface ConditionalNode extends Span {
  readonly kind: 'conditional';
  readonly test: JuelNode;
  readonly consequent: JuelNode;
  readonly alternate: JuelNode;
}

/** `name(args…)`: a bare call of a function registered with the engine (no method calls). */
export interface CallNode extends Span {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly JuelNode[];
}

export type JuelNode = LiteralNode | IdentifierNode | PropertyNode | UnaryNode | BinaryNode | ConditionalNode | CallNode;

/** A composite text: literal parts and `${…}` parts in order. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly node: JuelNode; readonly start: number; readonly end: number };
