import { badRequest } from '../../../infra/errors.ts';

/** Camunda's REST date format, as it writes them: 2026-01-05T09:00:00.000+0000 */
export function formatCamundaDate(d: Date | null | undefined): string | null {
  return d ? d.toISOString().replace('Z', '+0000') : null;
}

/** a date from a query parameter or body field, in Camunda's format or plain ISO 8601 */
export function parseCamundaDate(name: string, v: string): Date {
  const d = new Date(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(d.getTime())) throw badRequest(`'${name}' is not a date: '${v.slice(0, 40)}' (use 2026-01-05T09:00:00.000+0000)`);
  return d;
}
