import type { FormFieldModel } from '../../model/types.ts';
import type { ModdleElement } from '../read-bpmn.ts';
import type { CompileContext } from './context.ts';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** the fields of camunda:formData on an element (Camunda 7 generated task and start forms) */
export function formFields(ctx: CompileContext, el: ModdleElement): FormFieldModel[] {
  const out: FormFieldModel[] = [];
  for (const data of ctx.ext.camundaElements(el, 'FormData')) {
    for (const f of (data.fields as ModdleElement[] | undefined) ?? []) {
      if (typeof f.id !== 'string' || f.id === '') continue;
      out.push({
        id: f.id,
        label: text(f.label),
        type: text(f.type) ?? 'string',
        defaultValue: typeof f.defaultValue === 'string' ? f.defaultValue : null,
        datePattern: text(f.datePattern),
        values: ((f.values as ModdleElement[] | undefined) ?? []).filter((v) => typeof v.id === 'string').map((v) => ({ id: v.id as string, name: text(v.name) })),
      });
    }
  }
  return out;
}
