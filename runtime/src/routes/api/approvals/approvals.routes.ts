import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { LzError, type HistoricInstance } from '@liuzhuan/engine';
import { BatchActBody, BatchActDto, RequestActedDto, RequestActionBody, RequestCcBody } from '../../../api-types/workspace.ts';
import { principalOf } from '../../../infra/auth.ts';
import { forbidden, HttpError, notFound } from '../../../infra/errors.ts';
import type { ApprovalService } from '../../../services/approvals/index.ts';
import type { Principal } from '../../../services/identity/identity.service.ts';
import type { Workspace } from '../../../services/workspace/index.ts';

const tags = ['approvals'];
/** 10 MB of attachments is about 13.4 MB of base64, plus the rest of the body */
export const ATTACHMENT_BODY_LIMIT = 16 * 1024 * 1024;
const Id = Type.String({ minLength: 1, maxLength: 255 });
const InstanceParams = Type.Object({ instanceId: Id }, { additionalProperties: false });
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const NoQuery = Type.Object({}, { additionalProperties: false });

/** docs/approvals.md: batch approve, withdraw, urge, cc of a request, attachments */
export async function approvalsRoutes(app: FastifyInstance, { approvals, workspace }: { approvals: ApprovalService; workspace: Workspace }): Promise<void> {
  const participated = async (p: Principal, h: HistoricInstance) => workspace.timeline.maySee(p, h.id, h.startUserId);

  app.post('/api/tasks/batch-act', { config: { auth: 'user' }, schema: { tags, body: BatchActBody, response: { 200: BatchActDto } } }, async (req) => {
    const p = principalOf(req);
    const body = req.body as Static<typeof BatchActBody>;
    const results: Static<typeof BatchActDto>['results'] = [];
    // one after another: each is its own command, a failure stops none of the others
    for (const taskId of [...new Set(body.taskIds)]) {
      try {
        await approvals.tasks.act(p, taskId, { action: 'approve', ...(body.comment !== undefined ? { comment: body.comment } : {}) });
        results.push({ taskId, ok: true });
      } catch (e) {
        if (!(e instanceof LzError) && !(e instanceof HttpError)) throw e;
        results.push({ taskId, ok: false, code: e instanceof LzError ? e.code : String(e.statusCode), message: e.message });
      }
    }
    return { results };
  });

  const requestAction = (path: string, run: (p: Principal, id: string, body: Static<typeof RequestActionBody>) => Promise<Static<typeof RequestActedDto>>) =>
    app.post(path, { bodyLimit: ATTACHMENT_BODY_LIMIT, config: { auth: 'user' }, schema: { tags, params: InstanceParams, body: RequestActionBody, response: { 200: RequestActedDto } } }, async (req) =>
      run(principalOf(req), (req.params as Static<typeof InstanceParams>).instanceId, (req.body ?? {}) as Static<typeof RequestActionBody>),
    );
  requestAction('/api/requests/:instanceId/withdraw', (p, id, b) => approvals.requests.withdraw(p, id, b));
  requestAction('/api/requests/:instanceId/urge', (p, id, b) => approvals.requests.urge(p, id, b));

  app.post('/api/requests/:instanceId/cc', { config: { auth: 'user' }, schema: { tags, params: InstanceParams, body: RequestCcBody, response: { 200: RequestActedDto } } }, async (req) =>
    approvals.requests.cc(principalOf(req), (req.params as Static<typeof InstanceParams>).instanceId, req.body as Static<typeof RequestCcBody>, participated),
  );

  app.get(
    '/api/attachments/:id',
    { config: { auth: 'user' }, schema: { tags, params: IdParams, querystring: NoQuery, response: { 200: Type.Unknown({ description: 'the file, with its content type and name' }) } } },
    async (req, reply) => {
    const p = principalOf(req);
    const file = await approvals.repo.attachment((req.params as Static<typeof IdParams>).id);
    if (!file) throw notFound(`no attachment ${(req.params as Static<typeof IdParams>).id}`);
    const [h] = await approvals.deps.engine.getHistoricInstances({ processInstanceId: file.processInstanceId });
    if (!h || !(await participated(p, h))) throw forbidden('you may not see this request’s attachments');
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.data);
    },
  );
}
