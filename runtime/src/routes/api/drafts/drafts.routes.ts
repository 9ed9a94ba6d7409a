import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import type { DraftsService } from '../../../services/drafts/drafts.service.ts';
import {
  CreateDraftBody,
  Draft,
  DraftList,
  DraftListQuery,
  DraftParams,
  DraftValidation,
  errorResponses,
  FromDefinitionParams,
  PreviewBody,
  PublishResult,
  RoutePreview,
  UpdateDraftBody,
} from './drafts.schema.ts';

const tags = ['drafts'];
// analysts and admins (contract A); the auth hook answers 403 before the body is read
const config = { auth: 'analyst' as const };
const idOf = (req: FastifyRequest) => (req.params as Static<typeof DraftParams>).id;

/** /api/drafts (API contract A): drafts, validation, publishing and route preview, for analysts and admins */
export async function draftsRoutes(app: FastifyInstance, { drafts }: { drafts: DraftsService }): Promise<void> {
  app.get('/api/drafts', { config, schema: { tags, summary: 'Drafts, newest first (no content)', querystring: DraftListQuery, response: { 200: DraftList, ...errorResponses } } }, async (req) => ({
    items: await drafts.list((req.query as Static<typeof DraftListQuery>).kind),
  }));

  app.post(
    '/api/drafts',
    { config, schema: { tags, summary: 'Create a draft; one per (kind, key): 409 if taken', body: CreateDraftBody, response: { 201: Draft, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await drafts.create(req.body as Static<typeof CreateDraftBody>, principalOf(req).id)),
  );

  app.post(
    '/api/drafts/from-definition/:definitionId',
    {
      config,
      schema: {
        tags,
        summary: "A new BPMN draft holding a deployed version's XML, to edit and publish as the next version; 404 no such definition, 409 a draft of its key exists",
        params: FromDefinitionParams,
        response: { 201: Draft, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await drafts.fromDefinition((req.params as Static<typeof FromDefinitionParams>).definitionId, principalOf(req).id)),
  );

  app.get('/api/drafts/:id', { config, schema: { tags, summary: 'A draft with its content', params: DraftParams, response: { 200: Draft, ...errorResponses } } }, async (req) => drafts.get(idOf(req)));

  app.put(
    '/api/drafts/:id',
    {
      config,
      schema: { tags, summary: 'Save a draft on the revision it was read at (revision + 1); a stale revision → 409, nothing overwritten', params: DraftParams, body: UpdateDraftBody, response: { 200: Draft, ...errorResponses } },
    },
    async (req) => drafts.update(idOf(req), req.body as Static<typeof UpdateDraftBody>, principalOf(req).id),
  );

  app.delete('/api/drafts/:id', { config, schema: { tags, summary: 'Delete a draft', params: DraftParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await drafts.delete(idOf(req));
    return reply.status(204).send();
  });

  app.post(
    '/api/drafts/:id/validate',
    { config, schema: { tags, summary: "The engine's deploy-time problems of the draft; nothing is deployed", params: DraftParams, response: { 200: DraftValidation, ...errorResponses } } },
    async (req) => ({ problems: await drafts.validate(idOf(req)) }),
  );

  app.post(
    '/api/drafts/:id/publish',
    {
      config,
      schema: {
        tags,
        summary: 'Deploy the draft with the form drafts it references (deploy-changed-only); problems → 400 errors[{path: elementId, message}]',
        params: DraftParams,
        response: { 201: PublishResult, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await drafts.publish(idOf(req))),
  );

  app.post(
    '/api/drafts/:id/preview',
    {
      config,
      schema: {
        tags,
        summary: 'Run the draft on a throw-away engine with sample variables; each user task is completed with approved: true (200 steps at most)',
        params: DraftParams,
        body: PreviewBody,
        response: { 200: RoutePreview, ...errorResponses },
      },
    },
    async (req) => drafts.preview(idOf(req), req.body as Static<typeof PreviewBody>, principalOf(req).id),
  );
}
