export const MAX_TITLE = 200;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  // a typed value from /engine-rest (`{ value: 3, type: 'Integer' }` arrives as { $lzType, value })
  if (typeof v === 'object' && '$lzType' in v && 'value' in v) return text((v as { value: unknown }).value);
  return JSON.stringify(v);
}

/**
 * A request title from its template (lz.titleTemplate): `{initiator}` the initiator's name,
 * `{processName}`, `{serialNo}`, any other `{name}` a start variable (missing → empty).
 * `{initiator} 的请假申请 {days} 天` → `张伟 的请假申请 3 天`. At most 200 characters.
 */
export function renderTitle(template: string, values: { initiator: string; processName: string; serialNo: string | null; variables: Record<string, unknown> }): string {
  const out = template.replace(/\{([A-Za-z_$][\w$.-]*)\}/g, (_, name: string) => {
    if (name === 'initiator') return values.initiator;
    if (name === 'processName') return values.processName;
    if (name === 'serialNo') return values.serialNo ?? '';
    return text(values.variables[name]);
  });
  return [...out.replace(/\s+/g, ' ').trim()].slice(0, MAX_TITLE).join('');
}
