import type {
  CreateDraftBody,
  Draft,
  DraftKind,
  DraftList,
  DraftMode,
  DraftProblem,
  DraftSummary,
  DraftValidation,
  PublishResult,
  UpdateDraftBody,
} from '../../../runtime/src/api-types/drafts.ts';
import { http } from './http.ts';

export type { CreateDraftBody, Draft, DraftKind, DraftMode, DraftProblem, DraftSummary, DraftValidation, PublishResult, UpdateDraftBody };

const base = (id: string) => `/api/drafts/${encodeURIComponent(id)}`;

/** drafts and publishing (API contract A), analyst+ only */
export const draftsApi = {
  list: (kind?: DraftKind) => http.get<DraftList>('/api/drafts', { kind }),
  get: (id: string) => http.get<Draft>(base(id)),
  create: (body: CreateDraftBody) => http.post<Draft>('/api/drafts', body),
  /** 409 when `revision` is not the stored one: nothing is overwritten */
  update: (id: string, body: UpdateDraftBody) => http.put<Draft>(base(id), body),
  remove: (id: string) => http.del<void>(base(id)),
  validate: (id: string) => http.post<DraftValidation>(`${base(id)}/validate`),
  publish: (id: string) => http.post<PublishResult>(`${base(id)}/publish`),
  /** a deployed version as a new draft of its key (409 when the key has a draft already) */
  fromDefinition: (definitionId: string) => http.post<Draft>(`/api/drafts/from-definition/${encodeURIComponent(definitionId)}`),
};
