/**
 * The form-js document (https://github.com/bpmn-io/form-js, schemaVersion 16) as far as the
 * server reads it. form-js keeps unknown top-level keys, so ours ride along: `x-entity` (the
 * entity type the submitted values are also checked against) and `x-i18n` (labels per locale).
 */
import { LzError } from '@liuzhuan/engine';

export interface FormOption {
  label?: string;
  value: unknown;
}

export interface FormValidate {
  required?: boolean;
  min?: number | string;
  max?: number | string;
  minLength?: number | string;
  maxLength?: number | string;
  pattern?: string;
  validationType?: 'email' | 'phone' | string;
}

export interface FormComponent {
  id?: string;
  type: string;
  /** the data key of a value field; dots nest (`address.city`), as form-js' path registry reads it */
  key?: string;
  /** group and dynamiclist: where their children's values live */
  path?: string;
  label?: string;
  description?: string;
  text?: string;
  components?: FormComponent[];
  validate?: FormValidate;
  values?: FormOption[];
  valuesKey?: string;
  valuesExpression?: string;
  conditional?: { hide?: string };
  readonly?: boolean | string;
  disabled?: boolean;
  defaultValue?: unknown;
  /** expression component: the FEEL that computes its value */
  expression?: string;
  computeOn?: string;
  isRepeating?: boolean;
  subtype?: string;
  decimalDigits?: number;
  increment?: number | string;
  serializeToString?: boolean;
  [property: string]: unknown;
}

/** `x-i18n` of a form: per locale, per field key (or component id), a label or several texts */
export type FormTranslations = Record<string, Record<string, string | { label?: string; description?: string; text?: string; values?: Record<string, string> }>>;

export interface FormSchema {
  id?: string;
  type: string;
  components: FormComponent[];
  schemaVersion?: number;
  'x-entity'?: string;
  'x-i18n'?: FormTranslations;
  [property: string]: unknown;
}

export type FieldPermission = 'editable' | 'readonly' | 'hidden';

/** the form-js components that hold no value (form-js 1.x) */
export const NO_VALUE = new Set(['text', 'html', 'spacer', 'separator', 'image', 'button', 'table', 'iframe', 'documentPreview']);

/** Reads a deployed .form file; a file that is not a form-js document names no usable form. */
export function parseForm(content: Buffer | string, name: string): FormSchema {
  let json: unknown;
  try {
    json = JSON.parse((typeof content === 'string' ? content : content.toString('utf8')).replace(/^\uFEFF/, ''));
  } catch {
    throw new LzError('LZ_ERR_FORM_NOT_FOUND', `the deployed '${name}' is not JSON`);
  }
  const form = json as Partial<FormSchema> | null;
  if (!form || typeof form !== 'object' || Array.isArray(form) || !Array.isArray(form.components)) {
    throw new LzError('LZ_ERR_FORM_NOT_FOUND', `the deployed '${name}' is not a form-js document (no components)`);
  }
  return form as FormSchema;
}

/** JSON pointer (RFC 6901) of a value inside the submitted data */
export function pointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** segments of a form-js key or path: `a.b` → ['a', 'b']; empty → [] */
export function splitPath(p: string | undefined): string[] {
  return (p ?? '').split('.').filter((s) => s.length > 0);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  if (a instanceof Date || b instanceof Date) return new Date(a as string).getTime() === new Date(b as string).getTime();
  return false;
}
