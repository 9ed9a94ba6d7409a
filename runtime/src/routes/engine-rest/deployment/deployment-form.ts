import type { FastifyRequest } from 'fastify';
import type { DeployResource } from '@liuzhuan/engine';
import { badRequest } from '../../../infra/errors.ts';

export interface DeploymentForm {
  name: string | null;
  source: string | null;
  /** deploy-changed-only or enable-duplicate-filtering */
  changedOnly: boolean;
  resources: DeployResource[];
}

const FIELDS = new Set(['deployment-name', 'deployment-source', 'deploy-changed-only', 'enable-duplicate-filtering', 'deployment-activation-time', 'tenant-id']);
const MAX_NAME = 255;

function flag(name: string, v: string): boolean {
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  throw badRequest(`'${name}' must be true or false, not '${v.slice(0, 40)}'`);
}

function resourceName(name: string): string {
  // a resource name is a path inside the deployment; never one that climbs out of it
  if (name.length === 0 || name.length > MAX_NAME || name.includes('\u0000')) throw badRequest(`the resource name '${name.slice(0, 60)}' must have 1–${MAX_NAME} characters`);
  return name;
}

/**
 * Reads the multipart form of Camunda's POST /deployment/create: the named fields above, and
 * every other part a resource. Like Camunda, a file part is named by its file name (falling back
 * to the part name), and a plain text part whose name is not a field is a resource too — the
 * Modeler sends files, scripts often send `data` as text.
 */
export async function readDeploymentForm(req: FastifyRequest): Promise<DeploymentForm> {
  if (!req.isMultipart()) throw badRequest('POST /deployment/create takes multipart/form-data: deployment-name and one part per resource');
  const form: DeploymentForm = { name: null, source: null, changedOnly: false, resources: [] };
  let duplicateFiltering = false;
  let changedOnly = false;
  const names = new Set<string>();
  const add = (name: string, content: Buffer) => {
    if (names.has(name)) throw badRequest(`the resource '${name}' is in the form twice`);
    names.add(name);
    form.resources.push({ name, content: new Uint8Array(content) });
  };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        add(resourceName(part.filename || part.fieldname), content);
        continue;
      }
      const value = typeof part.value === 'string' ? part.value : String(part.value);
      if (!FIELDS.has(part.fieldname)) {
        add(resourceName(part.fieldname), Buffer.from(value, 'utf8'));
        continue;
      }
      if (part.fieldname === 'deployment-name') form.name = value.slice(0, MAX_NAME) || null;
      else if (part.fieldname === 'deployment-source') form.source = value.slice(0, MAX_NAME) || null;
      else if (part.fieldname === 'deploy-changed-only') changedOnly = flag(part.fieldname, value);
      else if (part.fieldname === 'enable-duplicate-filtering') duplicateFiltering = flag(part.fieldname, value);
      else if (part.fieldname === 'tenant-id' && value !== '') throw badRequest('multi-tenancy is not offered: leave out tenant-id');
      else if (part.fieldname === 'deployment-activation-time' && value !== '') throw badRequest('delayed activation (deployment-activation-time) is not offered');
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw Object.assign(e as Error, { statusCode: 413 });
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw badRequest((e as Error).message);
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_MULTIPART_INVALID_CONTENT_TYPE') throw badRequest((e as Error).message);
    throw e;
  }
  if (form.resources.length === 0) throw badRequest('the deployment holds no resource: add at least one .bpmn file part');
  form.changedOnly = changedOnly || duplicateFiltering;
  return form;
}
