import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { LzError } from '@liuzhuan/engine';
import { principalOf } from '../../../infra/auth.ts';
import { exportRecords } from '../../../services/entity-import/index.ts';
import type { EntityStore, Filter } from '../../../services/entities/types.ts';
import { filtersOf } from '../entities/filter-param.ts';
import { ExportQuery, TypeOnlyParams, type ExportQueryDto } from './entity-import.schema.ts';


/** GET /api/entities/:type/export — every record a query matches, streamed as CSV or XLSX */
export async function entityExportRoutes(app: FastifyInstance, { entities }: { entities: EntityStore }): Promise<void> {
  app.get(
    '/api/entities/:type/export',
    {
      schema: {
        tags: ['entities'],
        summary: 'Export the records a query matches (CSV with a UTF-8 BOM, or XLSX), streamed',
        params: TypeOnlyParams,
        querystring: ExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Type.Unknown({ description: 'the file: header row = property names (or labels), lists joined with ;, objects as JSON' }) },
      },
    },
    async (req, reply) => {
      const { type } = req.params as { type: string };
      const q = req.query as ExportQueryDto;
      const sort = q.sort ? q.sort.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const out = await exportRecords(entities, principalOf(req), type, { format: q.format ?? 'csv', filters: filtersOf(q.filter), sort, labels: q.labels, locale: q.locale });
      return reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="${out.fileName}"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`)
        .header('cache-control', 'no-store')
        .send(out.stream);
    },
  );
}
