import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { badRequest, notFound } from '../../../infra/errors.ts';
import type { GroupQuery } from '../../../services/identity/identity.service.ts';
import { listParam } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { CreateGroupBody, GroupBody, GroupCountQueryString, GroupDto, GroupParams, GroupQueryString, MemberParams } from './identity.schema.ts';

const tags = ['group'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const noContent = { 204: Type.Null(), ...errors };
const admin = { auth: 'admin' as const };

type GroupFilters = Omit<GroupQuery, 'ids' | 'first' | 'max'> & { idIn?: string; firstResult?: number; maxResults?: number };
type GroupFields = { id?: string | null; name?: string | null; type?: string | null };

const toQuery = (q: GroupFilters): GroupQuery => {
  const { idIn, firstResult, maxResults, ...rest } = q;
  return { ...rest, ids: listParam(idIn), first: firstResult, max: maxResults };
};

/** /engine-rest/group (Camunda's group API); changes need an admin */
export async function groupRoutes(app: FastifyInstance, { identity }: RouteDeps): Promise<void> {
  const existing = async (id: string) => {
    const g = await identity.getGroup(id);
    if (!g) throw notFound(`Group with id ${id} does not exist`);
    return g;
  };

  app.get('/group', { schema: { tags, querystring: GroupQueryString, response: { 200: Type.Array(GroupDto), 400: ErrorBody } } }, async (req) =>
    identity.queryGroups(toQuery(req.query as GroupFilters)),
  );

  app.get('/group/count', { schema: { tags, querystring: GroupCountQueryString, response: { 200: CountDto, 400: ErrorBody } } }, async (req) => ({
    count: await identity.countGroups(toQuery(req.query as GroupFilters)),
  }));

  app.get('/group/:id', { schema: { tags, params: GroupParams, response: { 200: GroupDto, ...errors } } }, async (req) => existing((req.params as { id: string }).id));

  app.post('/group/create', { config: admin, schema: { tags, body: CreateGroupBody, response: noContent } }, async (req, reply) => {
    const b = req.body as GroupFields & { id: string };
    await identity.createGroup(b.id, b.name ?? null, b.type ?? null);
    return reply.status(204).send();
  });

  app.put('/group/:id', { config: admin, schema: { tags, params: GroupParams, body: GroupBody, response: noContent } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const b = req.body as GroupFields;
    if (b.id && b.id !== id) throw badRequest(`a group id does not change (the body says ${b.id}, the path ${id})`);
    const g = await existing(id);
    await identity.updateGroup(id, { name: b.name !== undefined ? b.name : g.name, type: b.type !== undefined ? b.type : g.type });
    return reply.status(204).send();
  });

  app.delete('/group/:id', { config: admin, schema: { tags, params: GroupParams, response: noContent } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (id === 'camunda-admin') throw badRequest('the camunda-admin group holds the administrators; it cannot be deleted');
    if (!(await identity.deleteGroup(id))) throw notFound(`Group with id ${id} does not exist`);
    return reply.status(204).send();
  });

  app.put('/group/:id/members/:userId', { config: admin, schema: { tags, params: MemberParams, response: noContent } }, async (req, reply) => {
    const { id, userId } = req.params as { id: string; userId: string };
    await existing(id);
    if (!(await identity.getUser(userId))) throw notFound(`User with id ${userId} does not exist`);
    await identity.addMember(userId, id);
    return reply.status(204).send();
  });

  app.delete('/group/:id/members/:userId', { config: admin, schema: { tags, params: MemberParams, response: noContent } }, async (req, reply) => {
    const { id, userId } = req.params as { id: string; userId: string };
    await existing(id);
    await identity.removeMember(userId, id);
    return reply.status(204).send();
  });
}
