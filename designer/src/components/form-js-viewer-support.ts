import type { FieldPermission } from '../api/forms.ts';
import type { FieldError } from '../api/http.ts';

/** Pure helpers of FormJsViewer.vue: field permissions onto a schema, server errors onto fields. */

type Component = Record<string, unknown> & { components?: Component[] };

/** a field instance as form-js's formFieldInstanceRegistry holds it */
export interface FieldInstance {
  id: string;
  valuePath: (string | number)[];
  indexes?: Record<string, number>;
}

const segments = (s: unknown): string[] => (typeof s === 'string' && s ? s.split('.') : []);

/**
 * A copy of the schema with `hidden` fields left out and `readonly` ones (and everything under a
 * read-only group or list) marked readonly. The server already shapes the schema this way; doing
 * it here too keeps the viewer right for any schema it is handed. Paths as the server writes
 * them: field keys under their group/list path, `lines.qty`.
 */
export function applyPermissions(schema: Record<string, unknown>, perms: Readonly<Record<string, FieldPermission>>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(schema)) as Component; // a Vue proxy: structuredClone refuses it
  if (Object.keys(perms).length === 0) return copy;
  const walk = (components: Component[], prefix: string[], locked: boolean): Component[] =>
    components.flatMap((c) => {
      const nests = (c.type === 'group' || c.type === 'dynamiclist') && typeof c.path === 'string' && c.path !== '';
      const own = typeof c.key === 'string' ? segments(c.key) : nests ? segments(c.path) : [];
      const at = [...prefix, ...own];
      const p = own.length > 0 ? perms[at.join('.')] : undefined;
      if (p === 'hidden') return [];
      const lock = locked || p === 'readonly';
      const out: Component = { ...c };
      if (lock && (own.length > 0 || c.components)) {
        out.readonly = true;
        if (c.type === 'dynamiclist') out.allowAddRemove = false;
      }
      if (Array.isArray(c.components)) out.components = walk(c.components, nests ? at : prefix, lock);
      return [out];
    });
  if (Array.isArray(copy.components)) copy.components = walk(copy.components, [], false);
  return copy;
}

/** `/lines/0/qty` (JSON pointer, as the server sends) or `lines.0.qty` → ['lines', '0', 'qty'] */
export function pathSegments(path: string): string[] {
  if (path.startsWith('/')) return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return path.split('.').filter((s) => s !== '');
}

/**
 * form-js's error state with the server's errors added: errors[fieldId] = messages, or
 * errors[fieldId][rowIndex] = messages for a field inside a dynamic list (as form-js keys them).
 */
export function errorsFor(server: readonly FieldError[], instances: readonly FieldInstance[], errors: Record<string, unknown>): Record<string, unknown> {
  const byPath = new Map(instances.map((i) => [i.valuePath.map(String).join('/'), i]));
  for (const e of server) {
    const inst = byPath.get(pathSegments(e.path).join('/'));
    if (!inst) continue;
    const at = [inst.id, ...Object.values(inst.indexes ?? {}).map(String)];
    let node = errors;
    for (const seg of at.slice(0, -1)) {
      if (typeof node[seg] !== 'object' || node[seg] === null || Array.isArray(node[seg])) node[seg] = {};
      node = node[seg] as Record<string, unknown>;
    }
    const last = at[at.length - 1]!;
    const had = Array.isArray(node[last]) ? (node[last] as string[]) : [];
    if (!had.includes(e.message)) node[last] = [...had, e.message];
  }
  return errors;
}
