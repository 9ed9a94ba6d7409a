import { LzError, typedValue, type VariableType } from '@liuzhuan/engine';
import { Type, type Static } from 'typebox';
import { formatCamundaDate } from './common/dates.ts';

/** Camunda's typed variable: `{ "value": 1, "type": "Integer", "valueInfo": {} }` */
export const VariableValue = Type.Object(
  {
    value: Type.Optional(Type.Unknown()),
    type: Type.Optional(Type.String({ maxLength: 64 })),
    valueInfo: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export const Variables = Type.Record(Type.String({ minLength: 1, maxLength: 255 }), VariableValue);
export type VariablesDto = Static<typeof Variables>;
export type VariableValueDto = Static<typeof VariableValue>;

const TYPES: Record<string, VariableType> = {
  string: 'String',
  boolean: 'Boolean',
  integer: 'Integer',
  short: 'Integer',
  long: 'Long',
  double: 'Double',
  date: 'Date',
  json: 'Json',
  null: 'Null',
};

function bad(name: string, why: string): never {
  throw new LzError('LZ_ERR_VARIABLE_INVALID', `variable '${name}': ${why}`);
}

/** Camunda's date format, as its REST API reads and writes it: 2026-01-05T09:00:00.000+0100 */
function parseDate(name: string, v: unknown): Date {
  if (typeof v !== 'string') bad(name, 'a Date is a string like 2026-01-05T09:00:00.000+0000');
  const iso = v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) bad(name, `'${v}' is not a date`);
  return d;
}


/** one Camunda typed value → what the engine stores (an explicit type is kept) */
export function fromCamundaValue(name: string, dto: VariableValueDto): unknown {
  const raw = dto.value === undefined ? null : dto.value;
  if (!dto.type) return raw;
  const t = TYPES[dto.type.toLowerCase()];
  if (t === 'Date') return typedValue('Date', raw === null ? null : parseDate(name, raw));
  if (t === 'Json') {
    if (raw === null) return typedValue('Null', null);
    if (typeof raw !== 'string') return typedValue('Json', raw);
    try {
      return typedValue('Json', JSON.parse(raw) as unknown);
    } catch {
      bad(name, 'a Json value is a string holding JSON');
    }
  }
  if (t === 'Null') return typedValue('Null', null);
  if (t === 'Integer' || t === 'Long' || t === 'Double') {
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (t === 'Long' && typeof raw === 'string' && /^-?\d+$/.test(raw)) return typedValue('Long', raw);
    return typedValue(t, n);
  }
  if (t === 'Boolean' && typeof raw === 'string' && (raw === 'true' || raw === 'false')) return typedValue('Boolean', raw === 'true');
  if (t) return typedValue(t, raw);
  // serialized Java objects cannot live here; JSON-serialized objects can
  if (dto.type === 'Object' && String(dto.valueInfo?.serializationDataFormat ?? '').includes('json') && typeof raw === 'string') {
    try {
      return typedValue('Json', JSON.parse(raw) as unknown);
    } catch {
      bad(name, 'the Object value is not JSON');
    }
  }
  bad(name, `type '${dto.type}' is not supported (String, Boolean, Integer, Short, Long, Double, Date, Json, Null)`);
}

export function fromCamunda(vars: VariablesDto | undefined | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, dto] of Object.entries(vars ?? {})) out[name] = fromCamundaValue(name, dto);
  return out;
}

/** a stored variable → Camunda's typed value */
export function toCamundaValue(type: string, value: unknown): { value: unknown; type: string; valueInfo: Record<string, unknown> } {
  if (type === 'Json') return { value: JSON.stringify(value), type: 'Json', valueInfo: {} };
  if (type === 'Date') return { value: typeof value === 'string' ? formatCamundaDate(new Date(value)) : value, type: 'Date', valueInfo: {} };
  if (type === 'Long' && typeof value === 'string') return { value: Number(value), type: 'Long', valueInfo: {} };
  return { value: value ?? null, type, valueInfo: {} };
}

export function toCamunda(rows: { name: string; type: string; value: unknown }[]): Record<string, { value: unknown; type: string; valueInfo: Record<string, unknown> }> {
  const out: Record<string, { value: unknown; type: string; valueInfo: Record<string, unknown> }> = {};
  for (const r of rows) out[r.name] = toCamundaValue(r.type, r.value);
  return out;
}
