import { http } from './http.ts';

/** The start and task forms (/api/forms, issue point 6): form-js schema, values and field permissions. */

export type FieldPermission = 'editable' | 'readonly' | 'hidden';

export interface FormView {
  /** the form-js schema: hidden fields left out, read-only ones marked, labels translated */
  form: Record<string, unknown>;
  values: Record<string, unknown>;
  /** per field path (`amount`, `lines.qty`) */
  permissions: Record<string, FieldPermission>;
}

export const formsApi = {
  startForm: (key: string, locale: string) => http.get<FormView>(`/api/forms/start/${encodeURIComponent(key)}`, { locale }),
  submitStart: (key: string, values: Record<string, unknown>, businessKey?: string | null) =>
    http.post<{ processInstanceId: string }>(`/api/forms/start/${encodeURIComponent(key)}`, businessKey ? { values, businessKey } : { values }),
  taskForm: (taskId: string, locale: string) => http.get<FormView>(`/api/forms/task/${encodeURIComponent(taskId)}`, { locale }),
};
