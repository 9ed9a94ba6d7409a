import { Type, type Static, type TSchema } from 'typebox';

/**
 * A request field that may also be null, as `type: [t, 'null']` rather than anyOf: the app's
 * ajv coerces types (`coerceTypes: 'array'`), and inside an anyOf it coerces in place branch by
 * branch — a null becomes "" for a string branch tried first, a one-element array is unwrapped
 * for a null branch tried first. With a type list nothing is coerced when the value already fits.
 * (Response schemas may keep Type.Union: serialising does not coerce.)
 */
export function orNull<T extends TSchema & { type: string }>(schema: T) {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}
