import type { ExpressionFunctions } from './functions.ts';

/** What an expression reads its variables from; the engine supplies one per evaluation. */
export interface VariableContext {
  has(name: string): boolean;
  get(name: string): unknown;
  /** the functions the expression may call by name (EngineOptions.expressionFunctions) */
  readonly functions?: ExpressionFunctions;
}
