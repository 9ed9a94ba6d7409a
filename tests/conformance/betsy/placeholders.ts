import type { ScriptEngine, ScriptOutcome } from '@liuzhuan/engine';

/** What one betsy case records: its trace and its marker flag. */
export class BetsyTrace {
  lines: string[] = [];
  marker = false;

  reset(): void {
    this.lines = [];
    this.marker = false;
  }
}

/**
 * The placeholder words of betsy's script tasks, as a script engine (CASES.md §2): each one
 * appends to the trace or touches the variables exactly as betsy's adapters do.
 */
export function placeholderEngine(trace: BetsyTrace): ScriptEngine {
  return (source, host): ScriptOutcome => {
    const word = source.trim();
    const ok: ScriptOutcome = { value: null, logs: [] };
    if (word === 'CREATE_LOG_FILE') return ok;
    if (/^SCRIPT_task\d+$/.test(word)) {
      trace.lines.push(word);
      return ok;
    }
    if (word === 'CREATE_MARKER_FILE') {
      trace.marker = true;
      return ok;
    }
    if (word === 'INCREMENT_INTEGER_VARIABLE' || word === 'INCREMENT_INTEGER_VARIABLE_AND_LOG') {
      host.setVariable('integerVariable', Number(host.variables.integerVariable ?? 0) + 1);
      if (word.endsWith('_AND_LOG')) trace.lines.push('INCREMENT_correct');
      return ok;
    }
    if (word === 'SET_STRING_DATA') {
      host.setVariable('data', 'String');
      return ok;
    }
    if (word === 'LOG_DATA') {
      if (host.variables.data === 'String') trace.lines.push('DATA_correct');
      return ok;
    }
    if (word === 'THROW_ERROR') return { value: null, logs: [], bpmnError: { code: 'ERR_CODE' } };
    throw new Error(`unknown betsy placeholder '${word}'`);
  };
}
