import type { FormFieldModel } from '@liuzhuan/engine';
import { toCamundaValue } from '../variables.ts';

const TYPE: Record<string, string> = { string: 'String', long: 'Long', boolean: 'Boolean', date: 'Date', enum: 'String' };

/** a literal camunda:defaultValue in its field's type; an expression default is not evaluated here */
function literal(f: FormFieldModel): unknown {
  const v = f.defaultValue;
  if (v === null || /^[$#]\{/.test(v.trim())) return null;
  if (f.type === 'long') return /^-?\d+$/.test(v.trim()) ? Number(v) : null;
  if (f.type === 'boolean') return v === 'true' ? true : v === 'false' ? false : null;
  return v;
}

/**
 * Camunda's form-variables answer for a generated form (camunda:formData): one typed value per
 * field — the current variable when `current` has it, else the field's default — limited to
 * `names` when given.
 */
export function formVariables(
  fields: readonly FormFieldModel[],
  current: Record<string, { type: string; value: unknown }> = {},
  names?: string[],
): Record<string, { value: unknown; type: string; valueInfo: Record<string, unknown> }> {
  const out: Record<string, { value: unknown; type: string; valueInfo: Record<string, unknown> }> = {};
  for (const f of fields) {
    if (names && !names.includes(f.id)) continue;
    const have = current[f.id];
    if (have) out[f.id] = toCamundaValue(have.type, have.value);
    else out[f.id] = { value: literal(f), type: TYPE[f.type] ?? 'String', valueInfo: {} };
  }
  return out;
}
