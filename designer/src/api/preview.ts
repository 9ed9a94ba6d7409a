import type { PreviewBody, PreviewStep, RoutePreview } from '../../../runtime/src/api-types/drafts.ts';
import { http } from './http.ts';

export type { PreviewBody, PreviewStep, RoutePreview };

/** route preview (API contract A): runs the draft in a throw-away engine on the server, never the live one */
export const previewApi = {
  run: (draftId: string, body: PreviewBody) => http.post<RoutePreview>(`/api/drafts/${encodeURIComponent(draftId)}/preview`, body),
};
