/**
 * The one entry the engine uses to turn expression text from a model into something it can
 * evaluate: sequence flow conditions, `camunda:assignee="${assignee}"`, loop cardinality,
 * completion conditions, timer values, input/output mappings and Zeebe `=…` FEEL expressions.
 *
 * Language choice:
 * - a FEEL language (`feel`, the OMG FEEL / DMN FEEL URIs) → FEEL on the whole text; a leading
 *   `=` is dropped;
 * - JUEL, the XPath URI that modelers write by default (Camunda reads such text as JUEL), or no
 *   language → by content: `=…` is FEEL (Zeebe), text with `${` or `#{` is a JUEL composite,
 *   anything else a literal string;
 * - any other language (groovy, javascript, …) → LZ_ERR_EXPRESSION_UNSUPPORTED.
 */
import { LzError } from '../errors.ts';
import { compileFeel } from './feel.ts';
import { compileJuel } from './juel/template.ts';
import { quote, syntaxError } from './source-errors.ts';
import type { VariableContext } from './variable-context.ts';

export type { VariableContext } from './variable-context.ts';

export type ExpressionLanguage = 'juel' | 'feel' | 'literal';

export interface CompiledExpression {
  readonly language: ExpressionLanguage;
  /** the original text */
  readonly source: string;
  /** true when there is nothing to evaluate */
  readonly isLiteral: boolean;
  evaluate(vars: VariableContext): unknown;
  /** top-level variable names the expression reads (best effort; for FEEL may be empty) */
  readonly variableNames: readonly string[];
  /** names the expression calls as functions (for FEEL, builtins such as `count` included) */
  readonly functionNames: readonly string[];
}

export interface CompileOptions {
  /** the `language` attribute of the model element, if any */
  readonly language?: string | null;
}

const JUEL_LANGUAGES = new Set(['', 'juel', 'http://www.w3.org/1999/xpath']);

/** `feel`, `http://www.omg.org/spec/FEEL/20140401`, and DMN's `…/spec/DMN/<date>/FEEL/` URIs. */
const FEEL_URI = /^https?:\/\/www\.omg\.org\/spec\/(?:feel\/\d{8}|dmn\/\d{8}\/feel)\/?$/;

function normalise(language: string | null | undefined): string {
  return (language ?? '').trim().toLowerCase();
}

export function isFeelLanguage(language: string | null | undefined): boolean {
  const l = normalise(language);
  return l === 'feel' || FEEL_URI.test(l);
}

function isJuelLanguage(language: string | null | undefined): boolean {
  return JUEL_LANGUAGES.has(normalise(language));
}

/** Compiles an expression or literal value; see the module comment for how the language is chosen. */
export function compileExpression(text: string, opts: CompileOptions = {}): CompiledExpression {
  const language = opts.language;
  if (isFeelLanguage(language)) return feel(text, stripEquals(text.trim()));
  if (!isJuelLanguage(language)) {
    throw new LzError(
      'LZ_ERR_EXPRESSION_UNSUPPORTED',
      `expression language '${language ?? ''}' is not supported (only JUEL and FEEL) for ${quote(text)}`,
      { expression: text, language },
    );
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('=')) return feel(text, trimmed.slice(1));
  if (text.includes('${') || text.includes('#{')) {
    const juel = compileJuel(text, { ignoreSurroundingWhitespace: true });
    return {
      language: 'juel',
      source: text,
      isLiteral: juel.isLiteral,
      variableNames: juel.variableNames,
      functionNames: juel.functionNames,
      evaluate: (vars) => juel.evaluate(vars),
    };
  }
  return { language: 'literal', source: text, isLiteral: true, variableNames: [], functionNames: [], evaluate: () => text };
}

/**
 * Compiles a condition (sequence flow, completion condition, conditional event). Surrounding
 * whitespace (CDATA formatting) is ignored. A plain literal is rejected; evaluation must yield a
 * boolean, anything else (null included) throws LZ_ERR_CONDITION_NOT_BOOLEAN.
 */
export function compileCondition(text: string, opts: CompileOptions = {}): CompiledExpression {
  const trimmed = text.trim();
  const compiled = compileExpression(trimmed, opts);
  if (compiled.isLiteral) throw syntaxError(text, 0, 'condition is not an expression');
  return {
    language: compiled.language,
    source: text,
    isLiteral: false,
    variableNames: compiled.variableNames,
    functionNames: compiled.functionNames,
    evaluate(vars) {
      const value = compiled.evaluate(vars);
      if (typeof value !== 'boolean') {
        throw new LzError(
          'LZ_ERR_CONDITION_NOT_BOOLEAN',
          `${quote(trimmed)} evaluated to ${describeResult(value)}`,
          { expression: text, value },
        );
      }
      return value;
    },
  };
}

function stripEquals(text: string): string {
  return text.startsWith('=') ? text.slice(1) : text;
}

function feel(source: string, body: string): CompiledExpression {
  const compiled = compileFeel(body);
  return {
    language: 'feel',
    source,
    isLiteral: false,
    variableNames: compiled.variableNames,
    functionNames: compiled.functionNames,
    evaluate: (vars) => compiled.evaluate(vars),
  };
}

function describeResult(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  return 'an object';
}
