/**
 * Error constructors shared by the JUEL and FEEL layers. Every message quotes the expression
 * text (shortened when very long) so that a problem in a model can be found from the message.
 */
import { LzError } from '../errors.ts';

const MAX_QUOTE = 200;

/** The expression text as it appears in messages: quoted, shortened past 200 characters. */
export function quote(text: string): string {
  const shown = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
  return `'${shown}'`;
}

/** A syntax error at a 0-based offset of `text`; the message shows the 1-based position. */
export function syntaxError(text: string, offset: number, problem: string): LzError {
  return new LzError('LZ_ERR_EXPRESSION_SYNTAX', `${problem} at position ${offset + 1} in ${quote(text)}`, {
    expression: text,
    offset,
  });
}

/** A construct outside the supported subset, named in the message. */
export function unsupportedError(text: string, offset: number, construct: string): LzError {
  return new LzError(
    'LZ_ERR_EXPRESSION_UNSUPPORTED',
    `${construct} is not supported (at position ${offset + 1} in ${quote(text)})`,
    { expression: text, offset, construct },
  );
}

/** An error raised while evaluating `text`; `part` is the sub-expression that failed. */
export function evalError(text: string, problem: string, part?: string): LzError {
  const where = part !== undefined && part !== text ? ` (at ${quote(part)})` : '';
  return new LzError('LZ_ERR_EXPRESSION_EVAL', `${problem} in ${quote(text)}${where}`, {
    expression: text,
    ...(part !== undefined ? { part } : {}),
  });
}
