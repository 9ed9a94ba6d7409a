import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../infra/errors.ts';
import { IMPORT_COLUMNS } from '../../../services/org/org-import-parse.ts';
import type { OrgService } from '../../../services/org/org.service.ts';
import { ImportReport } from './org.schema.ts';

/** the CSV from a text/csv body or the first file part of a multipart form */
async function csvText(req: FastifyRequest): Promise<string> {
  if (req.isMultipart()) {
    for await (const part of req.parts()) {
      if (part.type === 'file') return (await part.toBuffer()).toString('utf8');
    }
    throw badRequest('the form has no file; send the CSV as a file part (e.g. "file")');
  }
  if (typeof req.body !== 'string') throw badRequest('send the CSV as a text/csv body or as a file in multipart/form-data');
  return req.body;
}

/** POST /api/org/import: an org chart from CSV, all or nothing */
export async function orgImportRoutes(app: FastifyInstance, { org }: { org: OrgService }): Promise<void> {
  // the CSV arrives as text; registered here, so only this plugin's routes take text/csv
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(
    '/api/org/import',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['org'],
        summary: 'Import an org chart (CSV): users, departments, heads, managers, roles, groups — in one transaction',
        description:
          `Columns (header row, any order; only userId is required): ${IMPORT_COLUMNS.join(', ')}. departmentHead is yes/no; roles and groups are ';'-separated. ` +
          'Users are created without a password: they cannot log in until an admin sets one (PUT /engine-rest/user/{id}/credentials). ' +
          'When any row is refused nothing is written and the answer is 400 with the report naming the rows.',
        consumes: ['text/csv', 'multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req, reply) => {
      const { ok, report } = await org.imports.importCsv(await csvText(req));
      if (ok) return report;
      // a 400 that carries the whole report (the error handler's body has no room for it)
      // (no 400 schema is declared, so the typed reply knows only 200: use the plain one)
      return (reply as FastifyReply).status(400).serializer(JSON.stringify).send({ type: 'InvalidRequestException', code: 'LZ_ERR_ORG_INVALID', ...report });
    },
  );
}
