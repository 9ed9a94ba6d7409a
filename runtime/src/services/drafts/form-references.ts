/** A form a BPMN draft names, and how publishing must deploy it so the reference resolves. */
export interface FormReference {
  /** the element carrying the reference (null when it has no id) */
  elementId: string | null;
  /** the key of the form draft it means */
  key: string;
  /** the resource name to deploy the form under */
  resourceName: string;
  /** true when it is resolved by the form's own `id` (formRef, camunda-forms:bpmn:), not by the resource name */
  byFormId: boolean;
}

const TAG = /<[^<>]*?\bform(?:Ref|Key)\s*=[^<>]*>/g;
const attr = (tag: string, name: string): string | null => new RegExp(`(?:^|\\s)(?:[\\w-]+:)?${name}\\s*=\\s*(["'])(.*?)\\1`).exec(tag)?.[2]?.trim() ?? null;

/**
 * The forms a BPMN document references, as services/forms/deployed-form.ts resolves them:
 * `camunda:formRef="<id>"` and `camunda:formKey="camunda-forms:bpmn:<id>"` by the form's id;
 * `camunda:formKey="camunda-forms:deployment:<path>"` by the resource name <path> in the
 * deployment (the draft key is the file name without `.form`). Read from the XML text: the
 * draft may not parse yet, and a reference is an attribute either way.
 */
export function formReferences(xml: string): FormReference[] {
  const out = new Map<string, FormReference>();
  for (const [tag] of xml.matchAll(TAG)) {
    const elementId = attr(tag, 'id');
    const ref = attr(tag, 'formRef');
    if (ref) out.set(ref, out.get(ref) ?? { elementId, key: ref, resourceName: `${ref}.form`, byFormId: true });
    const formKey = attr(tag, 'formKey');
    const m = formKey ? /^camunda-forms:([a-z]+):(.+)$/i.exec(formKey) : null;
    if (!m) continue;
    const [, binding, target] = m as unknown as [string, string, string];
    const byFormId = binding.toLowerCase() === 'bpmn';
    const key = byFormId ? target : target.replace(/^.*\//, '').replace(/\.form$/i, '');
    if (!out.has(key)) out.set(key, { elementId, key, resourceName: byFormId ? `${target}.form` : target, byFormId });
  }
  return [...out.values()];
}
