import type { FieldError } from '../entities/types.ts';
import { evaluateFeel, feelValue, isHiddenByCondition } from './form-feel.ts';
import { checkField } from './form-rules.ts';
import { buildShape, shapeEntries, unknownKeys, type Shape } from './form-shape.ts';
import { deepEqual, isPlainObject, NO_VALUE, pointer, splitPath, type FieldPermission, type FormComponent, type FormSchema } from './form-types.ts';

/**
 * The server's check of a submitted form-js form (issue point 6): a pure function of the form,
 * the submitted values and what is stored now. It walks the component tree as form-js does —
 * groups nest by `path`, a dynamiclist holds rows at its `path`, expression components are
 * recomputed here, a field hidden by `conditional.hide` is neither validated nor kept — and
 * enforces the per-task permissions: a hidden or read-only field keeps its current value.
 */
export interface ValidateOptions {
  /** the stored values (task variables; the defaults for a start form) */
  current?: Record<string, unknown>;
  /** per schema path (`amount`, `lines.qty`); absent = editable */
  permissions?: Readonly<Record<string, FieldPermission>>;
  /** more data expressions and `valuesKey` options may read (the task's other variables) */
  context?: Record<string, unknown>;
}

export interface ValidateResult {
  values: Record<string, unknown>;
  errors: FieldError[];
}

type Locked = (c: FormComponent, schemaPath: string) => FieldPermission;

/** the permission a field has: the task's, or read-only when the form itself says readonly/disabled */
export function permissionOf(permissions: Readonly<Record<string, FieldPermission>>, c: FormComponent, schemaPath: string, data: Record<string, unknown> = {}): FieldPermission {
  const p = permissions[schemaPath] ?? (c.key ? permissions[c.key] : undefined) ?? 'editable';
  if (p !== 'editable') return p;
  if (c.disabled === true || feelValue(c.readonly, data, false) === true) return 'readonly';
  return 'editable';
}

/** submitted values over stored ones: locked fields keep the stored value, a changed one is refused */
function merge(shape: Shape, sub: Record<string, unknown>, cur: Record<string, unknown>, at: (string | number)[], lock: Locked, errors: FieldError[], inRow = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, node] of shape) {
    const path = [...at, k];
    const given = Object.hasOwn(sub, k);
    if (node.kind === 'object') {
      const s = sub[k];
      if (given && s !== null && !isPlainObject(s)) {
        errors.push({ path: pointer(path), message: 'Field must be an object.' });
        continue;
      }
      const stored = isPlainObject(cur[k]) ? cur[k] : {};
      const inner = merge(node.children, isPlainObject(s) ? s : {}, stored, path, lock, errors, inRow);
      // the stored object's keys the form does not bind stay: the variable is written whole
      for (const [sk, sv] of Object.entries(stored)) if (!node.children.has(sk) && sv !== undefined) inner[sk] = sv;
      if (Object.keys(inner).length > 0 || isPlainObject(s) || isPlainObject(cur[k])) out[k] = inner;
      continue;
    }
    if (node.comp.type === 'expression') continue; // recomputed; a submitted value is ignored
    const p = lock(node.comp, node.schemaPath);
    if (p !== 'editable') {
      if (given && !deepEqual(sub[k], cur[k])) {
        errors.push({ path: pointer(path), message: p === 'hidden' ? 'Field is not shown on this form and cannot be set.' : 'Field is read-only here and cannot be changed.' });
      }
      if (cur[k] !== undefined) out[k] = cur[k];
      continue;
    }
    // a field not sent keeps what is stored (for a start form: its default); not inside a row,
    // whose stored counterpart at the same index may be another row once rows are removed
    if (!given || sub[k] === undefined) {
      if (!inRow && cur[k] !== undefined) out[k] = cur[k];
      continue;
    }
    if (node.kind === 'field') {
      out[k] = sub[k];
      continue;
    }
    const rows = sub[k];
    if (rows === null) continue;
    if (!Array.isArray(rows)) {
      errors.push({ path: pointer(path), message: 'Field must be a list of rows.' });
      continue;
    }
    const curRows = Array.isArray(cur[k]) ? (cur[k] as unknown[]) : [];
    // a locked column is checked row by row against the stored row at the same index, so rows
    // may not be added or removed (the form shows such a list without add/remove)
    if (rows.length !== curRows.length && [...shapeEntries(node.row)].some((n) => n.comp.type !== 'expression' && lock(n.comp, n.schemaPath) !== 'editable')) {
      errors.push({ path: pointer(path), message: `Rows cannot be added or removed here: the list keeps its ${curRows.length} rows.` });
    }
    out[k] = rows.map((row, i) => {
      if (!isPlainObject(row)) {
        errors.push({ path: pointer([...path, i]), message: 'A row must be an object.' });
        return {};
      }
      const old = curRows[i];
      return merge(node.row, row, isPlainObject(old) ? old : {}, [...path, i], lock, errors, true);
    });
  }
  return out;
}

function getAt(obj: Record<string, unknown>, segs: readonly string[]): unknown {
  let v: unknown = obj;
  for (const s of segs) v = isPlainObject(v) ? v[s] : undefined;
  return v;
}

function setAt(obj: Record<string, unknown>, segs: readonly string[], value: unknown): void {
  let o = obj;
  for (const s of segs.slice(0, -1)) {
    if (!isPlainObject(o[s])) o[s] = {};
    o = o[s] as Record<string, unknown>;
  }
  o[segs.at(-1)!] = value;
}

function deleteAt(obj: Record<string, unknown>, segs: readonly string[]): void {
  const parent = getAt(obj, segs.slice(0, -1));
  if (isPlainObject(parent) && segs.length > 0) delete parent[segs.at(-1)!];
}

/** form-js' expression context inside a row: the row's own fields over the outer data, `this` and `parent` */
function rowScope(scope: Record<string, unknown>, row: Record<string, unknown>, i: number): Record<string, unknown> {
  return { ...scope, ...row, this: row, _this_: row, parent: scope, _parent_: scope, _index_: i + 1 };
}

interface Walk {
  lock: Locked;
  errors: FieldError[] | null;
}

/**
 * One pass over the components at a level. With `errors` null it only recomputes expression
 * components; otherwise it drops what conditions hide and checks every editable field.
 */
function walk(components: readonly FormComponent[], level: Record<string, unknown>, at: (string | number)[], scope: Record<string, unknown>, prefix: readonly string[], w: Walk): void {
  for (const c of components) {
    if (!c || typeof c !== 'object' || NO_VALUE.has(c.type)) continue;
    const validating = w.errors !== null;
    if (c.type === 'group' || c.type === 'dynamiclist') {
      const segs = splitPath(c.path);
      if (validating && isHiddenByCondition(c.conditional?.hide, scope)) {
        if (segs.length > 0) deleteAt(level, segs);
        else dropAll(c.components ?? [], level);
        continue;
      }
      if (c.type === 'group' || segs.length === 0) {
        const inner = segs.length === 0 ? level : getAt(level, segs);
        if (isPlainObject(inner)) walk(c.components ?? [], inner, [...at, ...segs], segs.length === 0 ? scope : { ...scope, ...inner }, [...prefix, ...segs], w);
        continue;
      }
      const rows = getAt(level, segs);
      if (!Array.isArray(rows)) continue;
      if (validating && w.lock(c, [...prefix, ...segs].join('.')) !== 'editable') continue;
      rows.forEach((row, i) => {
        if (isPlainObject(row)) walk(c.components ?? [], row, [...at, ...segs, i], rowScope(scope, row, i), [...prefix, ...segs], w);
      });
      continue;
    }
    const segs = splitPath(c.key);
    if (segs.length === 0) continue;
    if (c.type === 'expression') {
      if (!validating && typeof c.expression === 'string') {
        let v: unknown = null;
        try {
          v = evaluateFeel(c.expression.startsWith('=') ? c.expression : `=${c.expression}`, scope);
        } catch {
          v = null; // form-js leaves a failing expression empty
        }
        setAt(level, segs, v);
        scope[segs[0]!] = level[segs[0]!];
      }
      continue;
    }
    if (!validating) continue;
    if (isHiddenByCondition(c.conditional?.hide, scope)) {
      deleteAt(level, segs);
      continue;
    }
    if (w.lock(c, [...prefix, ...segs].join('.')) !== 'editable') continue;
    for (const message of checkField(c, getAt(level, segs), scope)) w.errors!.push({ path: pointer([...at, ...segs]), message });
  }
}

function dropAll(components: readonly FormComponent[], level: Record<string, unknown>): void {
  for (const [k] of buildShape(components)) delete level[k];
}

export function validateForm(form: FormSchema, submitted: unknown, opts: ValidateOptions = {}): ValidateResult {
  if (!isPlainObject(submitted)) return { values: {}, errors: [{ path: '', message: 'The values must be an object.' }] };
  const permissions = opts.permissions ?? {};
  const current = opts.current ?? {};
  const shape = buildShape(form.components);
  const errors: FieldError[] = unknownKeys(shape, submitted);
  const lock: Locked = (c, schemaPath) => permissionOf(permissions, c, schemaPath, { ...opts.context, ...current });
  const values = merge(shape, submitted, current, [], lock, errors);
  // expressions read each other in document order; a second pass settles one that reads a later one
  for (let i = 0; i < 2; i++) walk(form.components, values, [], { ...opts.context, ...values }, [], { lock, errors: null });
  walk(form.components, values, [], { ...opts.context, ...values }, [], { lock, errors });
  return { values, errors };
}

/** the values that differ from the stored variables: a task keeps the others as they are, and history records no write that changed nothing */
export function changedValues(values: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => !Object.hasOwn(stored, k) || !deepEqual(v, stored[k])));
}
