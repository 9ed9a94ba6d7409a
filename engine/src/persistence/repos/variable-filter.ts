import { LzError } from '../../errors.ts';
import type { Where } from './filters.ts';

/** Camunda's variable query operators (`variables=name_eq_value`, `{name, operator, value}`) */
export type VariableOperator = 'eq' | 'neq' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'like' | 'notLike';

export interface VariableFilter {
  name: string;
  operator: VariableOperator;
  /** a string, number, boolean or null; compared with variables of the matching type */
  value: unknown;
}

export interface VariableMatching {
  namesIgnoreCase?: boolean;
  valuesIgnoreCase?: boolean;
}

const CMP: Record<Exclude<VariableOperator, 'like' | 'notLike'>, string> = { eq: '=', neq: '=', gt: '>', gteq: '>=', lt: '<', lteq: '<=' };

function bad(detail: string): never {
  throw new LzError('LZ_ERR_BAD_REQUEST', detail);
}

/** the condition on variable row `v` that `f`'s value holds (before negation for neq / notLike) */
function valueCondition(w: Where, f: VariableFilter, ignoreCase: boolean): string {
  const text = `(v.value #>> '{}')`;
  const { operator: op, value } = f;
  if (value === null || value === undefined) {
    if (op !== 'eq' && op !== 'neq') bad(`variable '${f.name}': only eq and neq compare with null`);
    return `v.type = 'Null'`;
  }
  if (typeof value === 'string') {
    const col = ignoreCase ? `lower(${text})` : text;
    const param = (clause: string) => addParam(w, clause, ignoreCase ? value.toLowerCase() : value);
    if (op === 'like' || op === 'notLike') return param(`(v.type = 'String' AND ${col} LIKE :v)`);
    return param(`(v.type = 'String' AND ${col} ${CMP[op]} :v)`);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) bad(`variable '${f.name}': the value is not a finite number`);
    if (op === 'like' || op === 'notLike') bad(`variable '${f.name}': like compares strings only`);
    // CASE, not AND: the cast must never see a string variable of the same name
    return addParam(w, `(CASE WHEN v.type IN ('Integer', 'Long', 'Double') THEN ${text}::numeric ${CMP[op]} :v::numeric ELSE false END)`, String(value));
  }
  if (typeof value === 'boolean') {
    if (op !== 'eq' && op !== 'neq') bad(`variable '${f.name}': a boolean compares with eq and neq only`);
    return addParam(w, `(v.type = 'Boolean' AND ${text} = :v)`, String(value));
  }
  bad(`variable '${f.name}': filter values are strings, numbers, booleans or null`);
}

/** Where's numbering is kept by building the clause through it: the placeholder becomes $n */
function addParam(w: Where, clause: string, value: unknown): string {
  w.params.push(value);
  return clause.replace(/:v\b/, `$${w.params.length}`);
}

/**
 * Adds one EXISTS clause per filter: a variable of that name, in the scope `scopeSql` names
 * (e.g. `process_instances.id`), whose value matches. neq and notLike need the variable to
 * exist with another value, as in Camunda.
 */
export function addVariableFilters(w: Where, scopeSql: string, filters: readonly VariableFilter[] | undefined, m: VariableMatching = {}): void {
  for (const f of filters ?? []) {
    if (typeof f.name !== 'string' || f.name.length === 0) bad('a variable filter needs a name');
    if (!(f.operator in CMP) && f.operator !== 'like' && f.operator !== 'notLike') bad(`'${String(f.operator)}' is not a variable operator (eq, neq, gt, gteq, lt, lteq, like, notLike)`);
    const name = m.namesIgnoreCase ? addParam(w, 'lower(v.name) = lower(:v)', f.name) : addParam(w, 'v.name = :v', f.name);
    const cond = valueCondition(w, f, !!m.valuesIgnoreCase);
    const negate = f.operator === 'neq' || f.operator === 'notLike';
    w.clause(`EXISTS (SELECT 1 FROM variables v WHERE v.scope_id = ${scopeSql} AND ${name} AND ${negate ? `NOT ${cond}` : cond})`);
  }
}
