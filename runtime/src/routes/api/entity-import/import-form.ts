import type { FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { LzError } from '@liuzhuan/engine';
import type { EntityImportService, ImportRequest, OnDuplicate } from '../../../services/entity-import/index.ts';
import type { EntityTypeInfo } from '../../../services/entities/types.ts';
import { badRequest } from '../../../infra/errors.ts';

/** an upload larger than this is refused (413); the import itself streams, so this is about disk */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
const FIELDS = new Set(['mapping', 'onDuplicate']);
const DUPLICATE_MODES = new Set<OnDuplicate>(['skip', 'update', 'create']);

async function isZip(path: string): Promise<boolean> {
  const f = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    await f.read(b, 0, 4, 0);
    return b.readUInt32LE(0) === 0x04034b50;
  } finally {
    await f.close();
  }
}

function parseMapping(svc: EntityImportService, info: EntityTypeInfo, text: string): Record<string, string> {
  let mapping: unknown;
  try {
    mapping = JSON.parse(text);
  } catch {
    throw new LzError('LZ_ERR_IMPORT_INVALID', 'mapping is not JSON', { errors: [{ path: '/mapping', message: 'not JSON' }] });
  }
  return svc.checkMapping(info, mapping);
}

/**
 * Reads the form of POST /api/entities/:type/imports: `file` is spooled to a temp file (the
 * run reads it in the background after the 202), `mapping` and `onDuplicate` are checked. On
 * any problem the temp file is removed and nothing is started.
 */
export async function readImportForm(req: FastifyRequest, svc: EntityImportService, info: EntityTypeInfo): Promise<ImportRequest> {
  if (!req.isMultipart()) throw badRequest('an import takes multipart/form-data: file, mapping and onDuplicate');
  let path: string | null = null;
  let fileName = '';
  let mapping: Record<string, string> | null = null;
  let onDuplicate: OnDuplicate = 'skip';
  try {
    try {
      for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || path !== null) throw badRequest(`one file part, named 'file' (not '${part.fieldname.slice(0, 40)}')`);
          fileName = (part.filename || 'upload').slice(0, 255);
          if (!/\.(csv|xlsx)$/i.test(fileName)) throw badRequest(`the file must be .csv or .xlsx, not '${fileName.slice(0, 80)}'`);
          // a fresh name only this process writes (wx), readable by this user only
          path = join(tmpdir(), `lz-import-${randomUUID()}${/\.xlsx$/i.test(fileName) ? '.xlsx' : '.csv'}`);
          await pipeline(part.file, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
          continue;
        }
        if (!FIELDS.has(part.fieldname)) throw badRequest(`unknown form field '${part.fieldname.slice(0, 40)}' (file, mapping, onDuplicate)`);
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        // checked as it arrives: sent before the file, a wrong mapping stops the upload at once
        if (part.fieldname === 'mapping') mapping = parseMapping(svc, info, value);
        else if (DUPLICATE_MODES.has(value as OnDuplicate)) onDuplicate = value as OnDuplicate;
        else throw badRequest(`onDuplicate is skip, update or create, not '${value.slice(0, 40)}'`);
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw Object.assign(new Error(`the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`), { statusCode: 413 });
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw badRequest((e as Error).message);
      if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_MULTIPART_INVALID_CONTENT_TYPE') throw badRequest((e as Error).message);
      throw e;
    }
    if (path === null) throw badRequest("the form has no 'file' part");
    if (mapping === null) throw new LzError('LZ_ERR_IMPORT_INVALID', "the form has no 'mapping' field", { errors: [{ path: '/mapping', message: 'required' }] });
    const { size } = await stat(path);
    if (size === 0) throw new LzError('LZ_ERR_IMPORT_INVALID', 'the file is empty', { errors: [{ path: '/file', message: 'empty' }] });
    const format = /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
    if (format === 'xlsx' && !(await isZip(path))) throw new LzError('LZ_ERR_IMPORT_INVALID', 'the .xlsx file is not an Excel workbook (not a zip archive)', { errors: [{ path: '/file', message: 'not an .xlsx workbook' }] });
    return { path, fileName, format, size, mapping, onDuplicate };
  } catch (e) {
    if (path) await rm(path, { force: true });
    throw e;
  }
}
