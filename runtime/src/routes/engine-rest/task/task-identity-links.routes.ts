import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TaskInfo } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, forbidden } from '../../../infra/errors.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody } from '../process-definition/process-definition.schema.ts';
import { taskOf } from './task-access.ts';
import { IdentityLinkBody, IdentityLinkDto, IdentityLinkQuery, TaskParams } from './task.schema.ts';

const tags = ['task'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

type Link = { userId: string | null; groupId: string | null; type: string };

function linksOf(t: TaskInfo): Link[] {
  const out: Link[] = [];
  if (t.assignee) out.push({ userId: t.assignee, groupId: null, type: 'assignee' });
  if (t.owner) out.push({ userId: t.owner, groupId: null, type: 'owner' });
  for (const u of t.candidateUsers) out.push({ userId: u, groupId: null, type: 'candidate' });
  for (const g of t.candidateGroups) out.push({ userId: null, groupId: g, type: 'candidate' });
  return out;
}

/** the link a body names: exactly one of userId, groupId; assignee and owner links are users */
function linkOf(req: FastifyRequest): Link {
  const b = (req.body ?? {}) as { userId?: string | null; groupId?: string | null; type?: string };
  const userId = b.userId ?? null;
  const groupId = b.groupId ?? null;
  if (!b.type) throw badRequest('an identity link needs a type: assignee, owner or candidate');
  if (!['assignee', 'owner', 'candidate'].includes(b.type)) throw badRequest(`identity link type '${b.type}' is not offered (assignee, owner, candidate)`);
  if ((userId === null) === (groupId === null)) throw badRequest('an identity link names either a userId or a groupId');
  if (b.type !== 'candidate' && groupId !== null) throw badRequest(`an ${b.type} link names a user, not a group`);
  return { userId, groupId, type: b.type };
}

/** changing who holds a task: its assignee or an admin */
function requireAssigneeOrAdmin(req: FastifyRequest, task: TaskInfo): void {
  const p = principalOf(req);
  if (!p.isAdmin && task.assignee !== p.id) throw forbidden(`only the assignee of task ${task.id} or an admin may change its identity links`);
}

/** GET/POST /task/{id}/identity-links, POST /task/{id}/identity-links/delete */
export async function taskIdentityLinkRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.get('/task/:id/identity-links', { schema: { tags, params: TaskParams, querystring: IdentityLinkQuery, response: { 200: Type.Array(IdentityLinkDto), ...errors } } }, async (req) => {
    const type = (req.query as { type?: string }).type;
    return linksOf(taskOf(req)).filter((l) => !type || l.type === type);
  });

  app.post('/task/:id/identity-links', { schema: { tags, params: TaskParams, body: Type.Union([IdentityLinkBody, Type.Null()]), response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    const task = taskOf(req);
    requireAssigneeOrAdmin(req, task);
    const link = linkOf(req);
    if (link.type === 'assignee') await engine.setAssignee(task.id, link.userId);
    else if (link.type === 'owner') await engine.updateTask(task.id, { owner: link.userId });
    else await engine.addTaskCandidate(task.id, link);
    return reply.status(204).send();
  });

  app.post(
    '/task/:id/identity-links/delete',
    { schema: { tags, params: TaskParams, body: Type.Union([IdentityLinkBody, Type.Null()]), response: { 204: Type.Null(), ...errors } } },
    async (req, reply) => {
      const task = taskOf(req);
      requireAssigneeOrAdmin(req, task);
      const link = linkOf(req);
      if (link.type === 'assignee') {
        if (task.assignee === link.userId) await engine.setAssignee(task.id, null);
      } else if (link.type === 'owner') {
        if (task.owner === link.userId) await engine.updateTask(task.id, { owner: null });
      } else await engine.removeTaskCandidate(task.id, link);
      return reply.status(204).send();
    },
  );
}
