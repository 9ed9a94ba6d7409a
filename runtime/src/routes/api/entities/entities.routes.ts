import type { FastifyInstance } from 'fastify';
import { LzError } from '@liuzhuan/engine';
import { principalOf } from '../../../infra/auth.ts';
import type { EntitiesService } from '../../../services/entities/entities.service.ts';
import type { Filter } from '../../../services/entities/types.ts';
import {
  AggregateBody, AggregateDto, EntityPageDto, EntityRecordDto, GetQuery, HistoryDto, ListQuery, QueryBody, RecordBody, RecordParams, TypeParams,
  type AggregateBodyDto, type ListQueryDto, type QueryBodyDto,
} from './entities.schema.ts';
import { filtersOf } from './filter-param.ts';
import { etag, ifMatch } from './if-match.ts';

const tags = ['entities'];


/** /api/entities/:type — records: create, read, patch (If-Match), delete/restore, history, query, aggregate */
export async function entitiesRoutes(app: FastifyInstance, { entities }: { entities: EntitiesService }): Promise<void> {
  app.post(
    '/api/entities/:type',
    { schema: { tags, summary: 'Create a record (201, ETag = version)', params: TypeParams, body: RecordBody, response: { 201: EntityRecordDto } } },
    async (req, reply) => {
      const { type } = req.params as { type: string };
      const r = await entities.create(principalOf(req), type, req.body as Record<string, unknown>);
      return reply.status(201).header('etag', etag(r.version)).send(r);
    },
  );

  app.get(
    '/api/entities/:type',
    { schema: { tags, summary: 'Query records: filter (JSON array), sort, cursor, limit, count', params: TypeParams, querystring: ListQuery, response: { 200: EntityPageDto } } },
    async (req) => {
      const { type } = req.params as { type: string };
      const q = req.query as ListQueryDto;
      const sort = q.sort ? q.sort.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      return entities.query(principalOf(req), type, { filters: filtersOf(q.filter), sort, cursor: q.cursor ?? null, limit: q.limit, count: q.count, deleted: q.deleted });
    },
  );

  app.post(
    '/api/entities/:type/query',
    { schema: { tags, summary: 'Query records (the same as GET, in a JSON body)', params: TypeParams, body: QueryBody, response: { 200: EntityPageDto } } },
    async (req) => {
      const { type } = req.params as { type: string };
      const b = req.body as QueryBodyDto;
      return entities.query(principalOf(req), type, { ...b, filters: b.filters as Filter[] | undefined });
    },
  );

  app.post(
    '/api/entities/:type/aggregate',
    { schema: { tags, summary: 'Count and sum per group (kanban columns, funnels)', params: TypeParams, body: AggregateBody, response: { 200: AggregateDto } } },
    async (req) => {
      const { type } = req.params as { type: string };
      const b = req.body as AggregateBodyDto;
      return entities.aggregate(principalOf(req), type, { ...b, filters: b.filters as Filter[] | undefined });
    },
  );

  app.get(
    '/api/entities/:type/:id',
    { schema: { tags, summary: 'A record (ETag = version)', params: RecordParams, querystring: GetQuery, response: { 200: EntityRecordDto } } },
    async (req, reply) => {
      const { type, id } = req.params as { type: string; id: string };
      const r = await entities.get(principalOf(req), type, id, { deleted: (req.query as { deleted?: boolean }).deleted });
      return reply.header('etag', etag(r.version)).send(r);
    },
  );

  app.patch(
    '/api/entities/:type/:id',
    { schema: { tags, summary: 'Merge-patch top-level fields (null removes one); If-Match required', params: RecordParams, body: RecordBody, response: { 200: EntityRecordDto } } },
    async (req, reply) => {
      const { type, id } = req.params as { type: string; id: string };
      const expected = ifMatch(req.headers['if-match'], true);
      const r = await entities.update(principalOf(req), type, id, req.body as Record<string, unknown>, expected);
      return reply.header('etag', etag(r.version)).send(r);
    },
  );

  app.delete(
    '/api/entities/:type/:id',
    { schema: { tags, summary: 'Soft-delete a record (If-Match optional)', params: RecordParams, response: { 200: EntityRecordDto } } },
    async (req, reply) => {
      const { type, id } = req.params as { type: string; id: string };
      const r = await entities.remove(principalOf(req), type, id, ifMatch(req.headers['if-match'], false));
      return reply.header('etag', etag(r.version)).send(r);
    },
  );

  app.post(
    '/api/entities/:type/:id/restore',
    { schema: { tags, summary: 'Restore a soft-deleted record', params: RecordParams, response: { 200: EntityRecordDto } } },
    async (req, reply) => {
      const { type, id } = req.params as { type: string; id: string };
      const r = await entities.restore(principalOf(req), type, id);
      return reply.header('etag', etag(r.version)).send(r);
    },
  );

  app.get(
    '/api/entities/:type/:id/history',
    { schema: { tags, summary: 'Every change of a record: who, when, which fields (old → new)', params: RecordParams, response: { 200: HistoryDto } } },
    async (req) => {
      const { type, id } = req.params as { type: string; id: string };
      return entities.history(principalOf(req), type, id);
    },
  );
}
