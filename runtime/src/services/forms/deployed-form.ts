import type { Engine } from '@liuzhuan/engine';

export interface DeployedForm {
  name: string;
  content: Buffer;
}

function formId(content: Buffer): string | null {
  try {
    const json = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, '')) as { id?: unknown };
    return typeof json.id === 'string' ? json.id : null;
  } catch {
    return null;
  }
}

async function byFormId(engine: Engine, deploymentId: string, id: string): Promise<DeployedForm | null> {
  for (const r of await engine.getDeploymentResources(deploymentId)) {
    if (!/\.form$/i.test(r.name)) continue;
    const res = await engine.getDeploymentResource(deploymentId, { id: r.id });
    if (res && formId(res.data) === id) return { name: res.name, content: res.data };
  }
  return null;
}

/**
 * The deployed form-js file a form key names, as Camunda 7 resolves it:
 * - `camunda-forms:deployment:<path>`: the resource of that name in the model's deployment;
 * - `camunda:formRef` (binding latest) and zeebe's `formId` (`camunda-forms:bpmn:<id>`): the
 *   `.form` whose `id` is the reference, in the model's deployment first, else the newest
 *   deployment holding one.
 * Other keys (embedded:app:…, an external URL) name no deployed form: null.
 */
export async function findDeployedForm(engine: Engine, deploymentId: string, formKey: string | null): Promise<DeployedForm | null> {
  if (!formKey) return null;
  const path = /^camunda-forms:deployment:(.+)$/.exec(formKey)?.[1];
  if (path) {
    const r = await engine.getDeploymentResource(deploymentId, { name: path });
    return r ? { name: r.name, content: r.data } : null;
  }
  if (/^(embedded|app|camunda-forms:app):|^[a-z]+:\/\//i.test(formKey)) return null;
  const id = formKey.replace(/^camunda-forms:bpmn:/, '');
  const own = await byFormId(engine, deploymentId, id);
  if (own) return own;
  for (const d of await engine.getDeployments({ sortBy: 'deploymentTime', sortOrder: 'desc', max: 200 })) {
    if (d.id === deploymentId) continue;
    const found = await byFormId(engine, d.id, id);
    if (found) return found;
  }
  return null;
}
