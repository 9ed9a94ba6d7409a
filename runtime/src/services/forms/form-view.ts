import { permissionOf } from './form-validate.ts';
import { buildShape, shapeEntries } from './form-shape.ts';
import { NO_VALUE, splitPath, type FieldPermission, type FormComponent, type FormSchema, type FormTranslations } from './form-types.ts';

/**
 * What a caller is shown of a form: the per-task field permissions applied (a hidden field is
 * not in the schema at all, a read-only one is marked `readonly`) and the labels in the
 * caller's language.
 */

const PERMISSIONS = new Set<FieldPermission>(['editable', 'readonly', 'hidden']);

/**
 * `<camunda:property name="field:amount" value="readonly"/>` on the user task or start event.
 * A value we do not know is taken as read-only: a typo must not open a field up.
 */
export function fieldPermissions(properties: Readonly<Record<string, string>>): Record<string, FieldPermission> {
  const out: Record<string, FieldPermission> = {};
  for (const [name, value] of Object.entries(properties)) {
    const m = /^field:(.+)$/.exec(name);
    if (!m) continue;
    const v = value.trim().toLowerCase() as FieldPermission;
    out[m[1]!.trim()] = PERMISSIONS.has(v) ? v : 'readonly';
  }
  return out;
}

/** the permission of every field and list of the form, by schema path */
export function permissionTable(form: FormSchema, permissions: Readonly<Record<string, FieldPermission>>, data: Record<string, unknown> = {}): Record<string, FieldPermission> {
  const out: Record<string, FieldPermission> = {};
  for (const node of shapeEntries(buildShape(form.components))) {
    if (node.comp.type === 'expression') continue;
    out[node.schemaPath] = permissionOf(permissions, node.comp, node.schemaPath, data);
  }
  return out;
}

/** the translations of `locale`: exact tag, then any case, then the same language (`zh` ~ `zh-CN`) */
export function pickLocale(i18n: FormTranslations | undefined, locale: string | undefined): Record<string, unknown> | null {
  if (!i18n || !locale || typeof i18n !== 'object') return null;
  const tags = Object.keys(i18n);
  const lower = locale.toLowerCase();
  const lang = lower.split('-')[0];
  const tag = tags.find((t) => t === locale) ?? tags.find((t) => t.toLowerCase() === lower) ?? tags.find((t) => t.toLowerCase().split('-')[0] === lang);
  const entry = tag ? i18n[tag] : undefined;
  return entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : null;
}

function translate(c: FormComponent, texts: Record<string, unknown>): FormComponent {
  const names = [c.key, c.path, c.id].filter((n): n is string => typeof n === 'string' && n !== '');
  const entry = names.map((n) => texts[n]).find((e) => e !== undefined);
  if (typeof entry === 'string') {
    if (c.type === 'text' && c.label === undefined) return { ...c, text: entry };
    // form-js' datetime shows dateLabel / timeLabel instead of label
    if (c.type === 'datetime') return { ...c, ...(c.dateLabel !== undefined || c.label === undefined ? { dateLabel: entry } : {}), ...(c.timeLabel !== undefined ? { timeLabel: entry } : {}), ...(c.label !== undefined ? { label: entry } : {}) };
    return { ...c, label: entry };
  }
  if (!entry || typeof entry !== 'object') return c;
  const e = entry as { label?: unknown; description?: unknown; text?: unknown; values?: unknown };
  const out: FormComponent = { ...c };
  if (typeof e.label === 'string') out.label = e.label;
  if (typeof e.description === 'string') out.description = e.description;
  if (typeof e.text === 'string') out.text = e.text;
  if (e.values && typeof e.values === 'object' && Array.isArray(c.values)) {
    const labels = e.values as Record<string, unknown>;
    out.values = c.values.map((o) => (typeof labels[String(o.value)] === 'string' ? { ...o, label: labels[String(o.value)] as string } : o));
  }
  return out;
}

function view(components: readonly FormComponent[], prefix: readonly string[], perms: Readonly<Record<string, FieldPermission>>, texts: Record<string, unknown> | null): FormComponent[] {
  const out: FormComponent[] = [];
  for (const raw of components) {
    if (!raw || typeof raw !== 'object') continue;
    let c: FormComponent = texts ? translate(raw, texts) : { ...raw };
    if (c.type === 'group' || c.type === 'dynamiclist') {
      const segs = splitPath(c.path);
      const here = [...prefix, ...segs];
      if (c.type === 'dynamiclist' && segs.length > 0) {
        const p = perms[here.join('.')] ?? 'editable';
        if (p === 'hidden') continue;
        if (p === 'readonly') c = { ...c, readonly: true, allowAddRemove: false };
        // a locked column is checked against the stored row at the same index: rows cannot move
        const prefixOf = here.join('.') + '.';
        if (Object.entries(perms).some(([k, v]) => k.startsWith(prefixOf) && v !== 'editable')) c = { ...c, allowAddRemove: false };
      }
      out.push({ ...c, components: view(c.components ?? [], here, perms, texts) });
      continue;
    }
    const segs = splitPath(c.key);
    if (!NO_VALUE.has(c.type) && segs.length > 0 && c.type !== 'expression') {
      const p = perms[[...prefix, ...segs].join('.')] ?? 'editable';
      if (p === 'hidden') continue;
      if (p === 'readonly') c = { ...c, readonly: true };
    }
    out.push(c);
  }
  return out;
}

/** the form as sent: `permissions` is the table of {@link permissionTable}; x-i18n is applied, not sent */
export function viewSchema(form: FormSchema, permissions: Readonly<Record<string, FieldPermission>>, locale: string | undefined): FormSchema {
  const { 'x-i18n': i18n, ...rest } = form;
  return { ...rest, components: view(form.components, [], permissions, pickLocale(i18n, locale)) };
}
