/**
 * JUEL composite text: literal text with any number of `${…}` / `#{…}` parts (both behave the
 * same here). `\${` and `\#{` stand for the literal characters. A text that is one expression and
 * nothing else evaluates to that expression's value; anything else to a string.
 */
import { syntaxError } from '../source-errors.ts';
import type { VariableContext } from '../variable-context.ts';
import type { JuelNode, TemplatePart } from './ast.ts';
import { evaluateTemplate } from './evaluate.ts';
import { parseTokens } from './parser.ts';
import { tokenize } from './tokenizer.ts';

export const MAX_EXPRESSION_LENGTH = 10_000;

export interface JuelTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

export interface CompiledJuel {
  readonly source: string;
  /** true when there is no `${…}` part (all were escaped): evaluation returns the text */
  readonly isLiteral: boolean;
  /** true when the text is one expression, so its value keeps its type */
  readonly isSingleExpression: boolean;
  readonly variableNames: readonly string[];
  /** names called as functions (`${manager(initiator)}` → manager) */
  readonly functionNames: readonly string[];
  evaluate(vars: VariableContext): unknown;
}

export interface CompileJuelOptions {
  /**
   * Treat whitespace-only text around a single `${…}` as absent, so `"\n  ${x}\n"` (element
   * text in a model) evaluates to x's value rather than a string.
   */
  readonly ignoreSurroundingWhitespace?: boolean;
}

/** Splits a composite text into literal and expression parts, parsing each expression. */
export function parseTemplate(source: string): JuelTemplate {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw syntaxError(source, MAX_EXPRESSION_LENGTH, `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  }
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const opens = (at: number): boolean => (source[at] === '$' || source[at] === '#') && source[at + 1] === '{';
    if (c === '\\' && opens(i + 1)) {
      text += source.slice(i + 1, i + 3);
      i += 3;
      continue;
    }
    if (opens(i)) {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      const { tokens, close } = tokenize(source, i + 2, i);
      parts.push({ kind: 'expression', node: parseTokens(source, tokens), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    text += c;
    i++;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { source, parts };
}

/** Parses a composite text once and returns its evaluator. */
export function compileJuel(source: string, options: CompileJuelOptions = {}): CompiledJuel {
  const { parts } = parseTemplate(source);
  const expressions = parts.filter((p) => p.kind === 'expression');
  const others = parts.filter((p) => p.kind === 'text');
  const single =
    expressions.length === 1 &&
    (others.length === 0 || (options.ignoreSurroundingWhitespace === true && others.every((p) => p.text.trim() === '')));
  const names = new Set<string>();
  const functions = new Set<string>();
  for (const p of expressions) collectIdentifiers(p.node, names, functions);
  const literalText = expressions.length === 0 ? others.map((p) => p.text).join('') : '';
  return {
    source,
    isLiteral: expressions.length === 0,
    isSingleExpression: single,
    variableNames: [...names],
    functionNames: [...functions],
    evaluate: (vars) => (expressions.length === 0 ? literalText : evaluateTemplate(source, parts, single, vars)),
  };
}

function collectIdentifiers(node: JuelNode, into: Set<string>, functions: Set<string>): void {
  const walk = (n: JuelNode): void => collectIdentifiers(n, into, functions);
  switch (node.kind) {
    case 'literal':
      return;
    case 'identifier':
      into.add(node.name);
      return;
    case 'call':
      functions.add(node.name);
      node.args.forEach(walk);
      return;
    case 'property':
      walk(node.object);
      walk(node.key);
      return;
    case 'unary':
      walk(node.operand);
      return;
    case 'binary':
      walk(node.left);
      walk(node.right);
      return;
    case 'conditional':
      walk(node.test);
      walk(node.consequent);
      walk(node.alternate);
  }
}
