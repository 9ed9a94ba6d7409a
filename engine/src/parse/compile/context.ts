import type { ModelProblem } from '../../errors.ts';
import { LzError } from '../../errors.ts';
import { compileCondition, compileExpression, type CompiledExpression } from '../../expressions/index.ts';
import { quote } from '../../expressions/source-errors.ts';
import { Extensions } from '../extensions.ts';
import type { BpmnDocument, ModdleElement } from '../read-bpmn.ts';

/** What the compiler needs to know about the engine it compiles for. */
export interface CompileOptions {
  /** names accepted for camunda:class / camunda:delegateExpression */
  delegates: ReadonlySet<string>;
  /** script formats the engine runs (javascript and feel built in, more registered) */
  scriptFormats: ReadonlySet<string>;
  /** names of EngineOptions.expressionFunctions: a JUEL call of any other name is a problem */
  functions?: ReadonlySet<string>;
  resourceName: string;
}

/** Shared state of one document's compilation: the document, its extensions, the problems found. */
export class CompileContext {
  readonly ext: Extensions;
  readonly problems: ModelProblem[] = [];
  /** all bpmn:Association elements of the document (compensation handlers hang off them) */
  readonly associations: ModdleElement[] = [];
  readonly globalTasks = new Map<string, ModdleElement>();
  private generatedIds = 0;

  constructor(
    readonly doc: BpmnDocument,
    readonly options: CompileOptions,
  ) {
    this.ext = new Extensions(doc);
  }

  problem(elementId: string | undefined, message: string): void {
    this.problems.push({ elementId: elementId ?? '(unknown)', message, resource: this.options.resourceName });
  }

  /** sequence flows written without an id (several Camunda test files) get a stable made-up one */
  idFor(el: ModdleElement, hint: string): string {
    if (el.id) return el.id;
    this.generatedIds += 1;
    const id = `${hint}_${this.generatedIds}`;
    el.id = id;
    return id;
  }

  expr(text: string | null | undefined, elementId: string, what: string, language?: string | null): CompiledExpression | null {
    if (text === null || text === undefined) return null;
    try {
      return this.checkFunctions(compileExpression(text, { language: language ?? null }), elementId, what);
    } catch (e) {
      this.problem(elementId, `${what}: ${messageOf(e)}`);
      return null;
    }
  }

  condition(text: string | null, elementId: string, what: string, language?: string | null): CompiledExpression | null {
    if (text === null) return null;
    try {
      return this.checkFunctions(compileCondition(text, { language: language ?? null }), elementId, what);
    } catch (e) {
      this.problem(elementId, `${what}: ${messageOf(e)}`);
      return null;
    }
  }

  /**
   * A JUEL call of a name the engine has not registered is reported at deploy, like an
   * unregistered camunda:class. Loading a stored definition ignores problems, so a model
   * deployed while the function existed still loads (its evaluation then fails, naming the
   * function). FEEL is not checked: a name there may be one of FEEL's builtins.
   */
  private checkFunctions(e: CompiledExpression, elementId: string, what: string): CompiledExpression {
    if (e.language !== 'juel') return e;
    for (const name of e.functionNames) {
      if (this.options.functions?.has(name) !== true) {
        this.problem(elementId, `${what}: function '${name}' is not registered with the engine in ${quote(e.source)}`);
      }
    }
    return e;
  }
}

export function messageOf(e: unknown): string {
  if (e instanceof LzError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
