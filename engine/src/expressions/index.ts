/** The expression layer: JUEL subset, FEEL (via feelin) and literal values behind one entry. */
export {
  compileCondition,
  compileExpression,
  isFeelLanguage,
  type CompiledExpression,
  type CompileOptions,
  type ExpressionLanguage,
  type VariableContext,
} from './compile.ts';
export { compileFeel, type CompiledFeel } from './feel.ts';
export { NO_FUNCTIONS, registerFunctions, type ExpressionFunction, type ExpressionFunctions } from './functions.ts';
export { compileJuel, parseTemplate, MAX_EXPRESSION_LENGTH, type CompiledJuel } from './juel/template.ts';
export { MAX_NESTING } from './juel/parser.ts';
