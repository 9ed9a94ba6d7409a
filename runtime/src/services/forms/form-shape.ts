import { isPlainObject, NO_VALUE, pointer, splitPath, type FormComponent } from './form-types.ts';

/**
 * The shape of the data a form-js form binds: which keys exist at each level, which hold one
 * field, a nested object (a group with a `path`, a dotted key) or a list of rows (a dynamiclist).
 * Each field and list carries its schema path (`lines.qty`: keys without row indices), the name
 * a per-task permission (`field:lines.qty`) uses.
 */
export type ShapeNode =
  | { kind: 'field'; comp: FormComponent; schemaPath: string }
  | { kind: 'object'; children: Shape }
  | { kind: 'list'; comp: FormComponent; schemaPath: string; row: Shape };

export type Shape = Map<string, ShapeNode>;

function levelAt(shape: Shape, segs: readonly string[]): Shape {
  let level = shape;
  for (const s of segs) {
    let node = level.get(s);
    if (!node || node.kind !== 'object') {
      node = { kind: 'object', children: new Map() };
      level.set(s, node);
    }
    level = node.children;
  }
  return level;
}

export function buildShape(components: readonly FormComponent[], shape: Shape = new Map(), prefix: readonly string[] = []): Shape {
  for (const c of components) {
    if (!c || typeof c !== 'object' || NO_VALUE.has(c.type)) continue;
    if (c.type === 'group' || (c.type === 'dynamiclist' && splitPath(c.path).length === 0)) {
      const segs = splitPath(c.path);
      buildShape(c.components ?? [], levelAt(shape, segs), [...prefix, ...segs]);
    } else if (c.type === 'dynamiclist') {
      const segs = splitPath(c.path);
      const schemaPath = [...prefix, ...segs];
      levelAt(shape, segs.slice(0, -1)).set(segs.at(-1)!, { kind: 'list', comp: c, schemaPath: schemaPath.join('.'), row: buildShape(c.components ?? [], new Map(), schemaPath) });
    } else if (typeof c.key === 'string' && splitPath(c.key).length > 0) {
      const segs = splitPath(c.key);
      levelAt(shape, segs.slice(0, -1)).set(segs.at(-1)!, { kind: 'field', comp: c, schemaPath: [...prefix, ...segs].join('.') });
    }
  }
  return shape;
}

export interface UnknownKeyError {
  path: string;
  message: string;
}

/** every submitted key no component binds: refused, never silently dropped (house rule) */
export function unknownKeys(shape: Shape, data: Record<string, unknown>, at: (string | number)[] = [], out: UnknownKeyError[] = []): UnknownKeyError[] {
  for (const [k, v] of Object.entries(data)) {
    const node = shape.get(k);
    if (!node) {
      out.push({ path: pointer([...at, k]), message: 'the form has no such field' });
    } else if (node.kind === 'object' && isPlainObject(v)) {
      unknownKeys(node.children, v, [...at, k], out);
    } else if (node.kind === 'list' && Array.isArray(v)) {
      v.forEach((row, i) => {
        if (isPlainObject(row)) unknownKeys(node.row, row, [...at, k, i], out);
      });
    }
  }
  return out;
}

/** every field and list of the shape with its schema path, depth first */
export function* shapeEntries(shape: Shape): Generator<Extract<ShapeNode, { schemaPath: string }>> {
  for (const node of shape.values()) {
    if (node.kind === 'object') yield* shapeEntries(node.children);
    else {
      yield node;
      if (node.kind === 'list') yield* shapeEntries(node.row);
    }
  }
}

/**
 * `data` cut to what the form binds, leaving out what `keep` refuses (hidden fields): the values
 * a GET sends. Values of no bound key are dropped here, since they are not the caller's input.
 */
export function project(shape: Shape, data: Record<string, unknown>, keep: (schemaPath: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, node] of shape) {
    const v = data[k];
    if (v === undefined) continue;
    if (node.kind === 'field') {
      if (keep(node.schemaPath)) out[k] = v;
    } else if (node.kind === 'object') {
      if (isPlainObject(v)) {
        const inner = project(node.children, v, keep);
        if (Object.keys(inner).length > 0) out[k] = inner;
      }
    } else if (keep(node.schemaPath)) {
      out[k] = Array.isArray(v) ? v.map((row) => (isPlainObject(row) ? project(node.row, row, keep) : row)) : v;
    }
  }
  return out;
}

/** form-js `defaultValue`s as data (a dynamiclist starts with no rows unless it has one) */
export function defaults(shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, node] of shape) {
    if (node.kind === 'object') {
      const inner = defaults(node.children);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else if (node.comp.defaultValue !== undefined && node.comp.type !== 'expression') {
      out[k] = node.comp.defaultValue;
    }
  }
  return out;
}
