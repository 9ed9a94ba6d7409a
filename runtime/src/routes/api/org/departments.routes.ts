import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { DepartmentInput, DepartmentPatch } from '../../../services/org/departments.service.ts';
import type { OrgService } from '../../../services/org/org.service.ts';
import { CreateDepartmentBody, DepartmentNode, DepartmentParams, DepartmentTree, PatchDepartmentBody } from './org.schema.ts';

const tags = ['org'];
const admin = { auth: 'admin' as const };

/** /api/org/departments: the tree (any user reads it), changes by admins */
export async function departmentsRoutes(app: FastifyInstance, { org }: { org: OrgService }): Promise<void> {
  app.get('/api/org/departments', { schema: { tags, summary: 'The department tree, roots first', response: { 200: DepartmentTree } } }, async () => org.departments.tree());

  app.post(
    '/api/org/departments',
    { config: admin, schema: { tags, summary: 'Create a department (a parent that would make a loop is refused)', body: CreateDepartmentBody, response: { 201: DepartmentNode } } },
    async (req, reply) => reply.status(201).send(await org.departments.create(req.body as DepartmentInput)),
  );

  app.patch(
    '/api/org/departments/:id',
    {
      config: admin,
      schema: { tags, summary: 'Rename, move (parentId) or set the head (headUserId; null for none)', params: DepartmentParams, body: PatchDepartmentBody, response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await org.departments.update((req.params as { id: string }).id, req.body as DepartmentPatch);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/org/departments/:id',
    { config: admin, schema: { tags, summary: 'Delete a department; refused while it has members or departments below it', params: DepartmentParams, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await org.departments.delete((req.params as { id: string }).id);
      return reply.status(204).send();
    },
  );
}
