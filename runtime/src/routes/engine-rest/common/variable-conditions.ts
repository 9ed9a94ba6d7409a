import type { VariableFilter, VariableOperator } from '@liuzhuan/engine';
import { Type, type Static } from 'typebox';
import { badRequest } from '../../../infra/errors.ts';

/**
 * Camunda's variable conditions of the process-instance and execution queries: a query
 * string's `variables=amount_gt_100,region_eq_north` (values are strings, as Camunda treats
 * them) or a body's `[{ name, operator, value }]` (values keep their JSON type).
 */
const OPERATORS: readonly VariableOperator[] = ['eq', 'neq', 'gt', 'gteq', 'lt', 'lteq', 'like', 'notLike'];

export const VariableCondition = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    operator: Type.String({ maxLength: 16, description: 'eq, neq, gt, gteq, lt, lteq, like or notLike' }),
    // not a union: the query coercion would turn 5 into '5'; the type is checked below
    value: Type.Unknown({ description: 'a string, number, boolean or null' }),
  },
  { additionalProperties: false },
);
export type VariableConditionDto = Static<typeof VariableCondition>;

export const VariableConditionsString = Type.String({ maxLength: 8000, description: 'comma-separated name_operator_value, e.g. amount_gteq_100' });

const EXPRESSION = /^(.+?)_(eq|neq|gteq|gt|lteq|lt|like|notLike)_(.*)$/s;

function operator(op: string): VariableOperator {
  if (!(OPERATORS as readonly string[]).includes(op)) throw badRequest(`Invalid variable comparator specified: ${op.slice(0, 20)}`);
  return op as VariableOperator;
}

/** the engine's variable filters from either form; `param` names the parameter in messages */
export function variableFilters(param: string, v: string | readonly VariableConditionDto[] | undefined | null): VariableFilter[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    return v.map((c) => {
      const ok = c.value === null || ['string', 'number', 'boolean'].includes(typeof c.value);
      if (!ok) throw badRequest(`${param}: the value of '${c.name}' must be a string, number, boolean or null`);
      if (typeof c.value === 'string' && c.value.length > 4000) throw badRequest(`${param}: the value of '${c.name}' is longer than 4000 characters`);
      return { name: c.name, operator: operator(c.operator), value: c.value };
    });
  }
  return v
    .split(',')
    .filter((part) => part.length > 0)
    .map((part) => {
      const m = EXPRESSION.exec(part);
      if (!m) throw badRequest(`${param}: '${part.slice(0, 80)}' has to have the format KEY_OPERATOR_VALUE (operators: ${OPERATORS.join(', ')})`);
      return { name: m[1]!, operator: operator(m[2]!), value: m[3]! };
    });
}
