import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import type { FormsService } from '../../../services/forms/forms.service.ts';
import { EntityParams, FormViewDto, LocaleQuery, StartedDto, StartParams, StartSubmitBody, TaskParams, TaskSubmitBody } from './forms.schema.ts';

const tags = ['forms'];
const localeOf = (req: FastifyRequest) => (req.query as Static<typeof LocaleQuery>).locale;

/** /api/forms: start and task forms with their values, server-checked submits, entity default forms */
export async function formsRoutes(app: FastifyInstance, { forms }: { forms: FormsService }): Promise<void> {
  const start = (req: FastifyRequest) => (req.params as Static<typeof StartParams>).processDefinitionKey;
  const task = (req: FastifyRequest) => (req.params as Static<typeof TaskParams>).taskId;

  app.get('/api/forms/start/:processDefinitionKey', { config: { auth: 'user' }, schema: { tags, params: StartParams, querystring: LocaleQuery, response: { 200: FormViewDto } } }, async (req) =>
    forms.startForm(principalOf(req), start(req), localeOf(req)),
  );

  app.post('/api/forms/start/:processDefinitionKey', { config: { auth: 'user' }, schema: { tags, params: StartParams, body: StartSubmitBody, response: { 201: StartedDto } } }, async (req, reply) => {
    const body = req.body as Static<typeof StartSubmitBody>;
    return reply.status(201).send(await forms.submitStart(principalOf(req), start(req), body.values, body.businessKey ?? null));
  });

  app.get('/api/forms/task/:taskId', { config: { auth: 'user' }, schema: { tags, params: TaskParams, querystring: LocaleQuery, response: { 200: FormViewDto } } }, async (req) =>
    forms.taskForm(principalOf(req), task(req), localeOf(req)),
  );

  app.post(
    '/api/forms/task/:taskId/submit',
    {
      config: { auth: 'user' },
      // a caller who may not see the task gets 403 whatever the body (as on /engine-rest/task)
      preValidation: async (req) => {
        await forms.visibleTask(principalOf(req), String((req.params as { taskId?: unknown }).taskId ?? ''));
      },
      schema: { tags, params: TaskParams, body: TaskSubmitBody, response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await forms.submitTask(principalOf(req), task(req), (req.body as Static<typeof TaskSubmitBody>).values);
      return reply.status(204).send();
    },
  );

  app.get('/api/forms/entity/:type', { config: { auth: 'user' }, schema: { tags, params: EntityParams, querystring: LocaleQuery, response: { 200: FormViewDto } } }, async (req) =>
    forms.entityForm((req.params as Static<typeof EntityParams>).type, localeOf(req)),
  );
}
