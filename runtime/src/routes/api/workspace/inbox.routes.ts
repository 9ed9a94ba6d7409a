import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { notFound } from '../../../infra/errors.ts';
import type { CcService } from '../../../services/cc/index.ts';
import type { Workspace } from '../../../services/workspace/index.ts';
import { CcParams, CcReadDto, InboxDto, InboxQuery } from './workspace.schema.ts';

const tags = ['workspace'];

/** GET /api/inbox (todo, done, started, cc) and POST /api/inbox/cc/:id/read */
export async function inboxRoutes(app: FastifyInstance, { workspace, cc }: { workspace: Workspace; cc: CcService }): Promise<void> {
  app.get('/api/inbox', { config: { auth: 'user' }, schema: { tags, querystring: InboxQuery, response: { 200: InboxDto } } }, async (req) => {
    const q = req.query as Static<typeof InboxQuery>;
    return workspace.inbox.list(principalOf(req), q.tab ?? 'todo', { limit: q.limit ?? 50, offset: q.offset ?? 0 });
  });

  app.post('/api/inbox/cc/:id/read', { config: { auth: 'user' }, schema: { tags, params: CcParams, response: { 200: CcReadDto } } }, async (req) => {
    const { id } = req.params as Static<typeof CcParams>;
    // someone else's copy is answered like a missing one: ids are not probed
    if (!(await cc.markRead(principalOf(req).id, id))) throw notFound(`no copy ${id} for you`);
    return { id, read: true as const };
  });
}
