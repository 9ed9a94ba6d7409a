import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { variableContext, visibleVariables } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import { compileExpression, type CompiledExpression } from '../expressions/index.ts';
import type { ScriptHost, ScriptOutcome } from '../scripts/index.ts';

/**
 * Runs a script task's script: JavaScript in the QuickJS sandbox, FEEL through the
 * expression layer, or a language the embedder registered. Variable writes are collected in
 * `writes` and applied by the caller only if the script succeeds.
 */
export async function runScript(
  ctx: CommandContext,
  inst: InstanceState,
  exec: ExecutionRow,
  format: string,
  source: string,
  writes: [string, unknown, boolean][],
  feel?: CompiledExpression | null,
): Promise<ScriptOutcome> {
  if (format === 'feel') {
    try {
      const value = (feel ?? compileExpression(source, { language: 'feel' })).evaluate(variableContext(inst, exec));
      return { value, logs: [] };
    } catch (e) {
      if (e instanceof LzError) throw new LzError('LZ_ERR_SCRIPT_FAILED', `FEEL script of '${exec.element_id}': ${e.message}`);
      throw e;
    }
  }
  const host: ScriptHost = {
    variables: visibleVariables(inst, exec.id),
    setVariable: (name, value) => writes.push([name, value, false]),
    setVariableLocal: (name, value) => writes.push([name, value, true]),
    execution: {
      id: exec.id,
      processInstanceId: inst.id,
      processBusinessKey: inst.row.business_key,
      activityId: exec.element_id,
      processDefinitionId: inst.row.definition_id,
    },
  };
  // off the main thread: other commands go on while the script runs
  if (format === 'javascript') return ctx.services.scripts.runAsync(source, host);
  const engine = ctx.services.scriptEngines.get(format);
  if (!engine) throw new LzError('LZ_ERR_SCRIPT_FAILED', `no script engine for '${format}'`);
  return engine(source, host);
}
