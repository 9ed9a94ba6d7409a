import { HttpError, badRequest } from '../../../infra/errors.ts';

/**
 * If-Match carries the record version the client read (the ETag we sent: `"3"`; `W/"3"` and a
 * bare `3` are taken too). Required on PATCH: without it a client would overwrite changes it
 * never saw — RFC 6585 names 428 Precondition Required for exactly that.
 */
export function ifMatch(header: string | string[] | undefined, required: boolean): number | null {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v === '') {
    if (required) throw new HttpError(428, 'PreconditionRequired', 'send If-Match with the record version you read (its ETag), so that changes made meanwhile are not overwritten');
    return null;
  }
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(v.trim());
  if (!m) throw badRequest(`If-Match must be the record's ETag, such as "3", not '${v.slice(0, 40)}'`);
  return Number(m[1]);
}

export const etag = (version: number) => `"${version}"`;
