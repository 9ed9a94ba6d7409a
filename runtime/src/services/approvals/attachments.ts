import { badRequest } from '../../infra/errors.ts';
import type { AttachmentInput } from './approvals.repo.ts';

export const MAX_FILES = 5;
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;

export interface AttachmentBody {
  name: string;
  contentType: string;
  /** base64 */
  data: string;
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}$/;

/** the attachments of an action, decoded and checked: at most 5 files, 10 MB in all, named, base64 */
export function decodeAttachments(list: readonly AttachmentBody[] | undefined): AttachmentInput[] {
  if (!list || list.length === 0) return [];
  if (list.length > MAX_FILES) throw badRequest(`at most ${MAX_FILES} attachments per action, got ${list.length}`);
  let total = 0;
  return list.map((a, i) => {
    const name = a.name.trim();
    if (!name || name.includes('\u0000') || /[\\/]/.test(name)) throw badRequest(`attachment ${i + 1}: a file name without slashes is required`);
    if (!BASE64.test(a.data)) throw badRequest(`attachment ${i + 1} (${name}): data must be base64`);
    const data = Buffer.from(a.data, 'base64');
    total += data.length;
    if (total > MAX_TOTAL_BYTES) throw badRequest(`attachments may hold at most ${MAX_TOTAL_BYTES / 1024 / 1024} MB in all`);
    return { name, contentType: a.contentType.trim() || 'application/octet-stream', data };
  });
}
