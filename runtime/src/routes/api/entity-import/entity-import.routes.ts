import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../../infra/auth.ts';
import type { EntityImportService, ImportRun } from '../../../services/entity-import/index.ts';
import { ImportDto, ImportForm, ImportParams, ImportStarted, RefusedRowsDto, RowsQuery, TypeOnlyParams, type RowsQueryDto } from './entity-import.schema.ts';
import { readImportForm } from './import-form.ts';

const tags = ['entities'];

const toDto = (r: ImportRun) => ({ ...r, progress: r.status === 'done' ? 1 : r.bytesTotal > 0 ? Math.min(1, r.bytesRead / r.bytesTotal) : 0 });

/** /api/entities/:type/imports — start a CSV/XLSX import, follow its progress, read its refused rows */
export async function entityImportRoutes(app: FastifyInstance, { imports }: { imports: EntityImportService }): Promise<void> {
  app.post(
    '/api/entities/:type/imports',
    {
      schema: {
        tags,
        summary: 'Import a CSV or XLSX file (multipart/form-data); runs in the background: 202 with the import id',
        consumes: ['multipart/form-data'],
        // documented, checked by readImportForm (multipart parts are not validated by fastify)
        description: `Form fields: ${Object.keys(ImportForm.properties).join(', ')}. The importer needs write permission on the type.`,
        params: TypeOnlyParams,
        response: { 202: ImportStarted },
      },
    },
    async (req, reply) => {
      const { type } = req.params as { type: string };
      const actor = principalOf(req);
      // type and write right first: nothing of the upload is read or stored without them
      const info = await imports.prepare(actor, type);
      const form = await readImportForm(req, imports, info);
      const id = await imports.start(actor, info, form);
      return reply.status(202).send({ id });
    },
  );

  app.get(
    '/api/entities/:type/imports/:id',
    { schema: { tags, summary: 'An import\'s progress and counts (its starter or an admin)', params: ImportParams, response: { 200: ImportDto } } },
    async (req) => {
      const { type, id } = req.params as { type: string; id: string };
      return toDto(await imports.get(principalOf(req), type, id));
    },
  );

  app.get(
    '/api/entities/:type/imports/:id/rows',
    { schema: { tags, summary: 'The refused rows of an import, in row order, with their reasons', params: ImportParams, querystring: RowsQuery, response: { 200: RefusedRowsDto } } },
    async (req) => {
      const { type, id } = req.params as { type: string; id: string };
      const q = req.query as RowsQueryDto;
      return imports.refusedRows(principalOf(req), type, id, q.after ?? 0, q.limit ?? 1000);
    },
  );
}
