import { Type } from 'typebox';

/** the request and response schemas are the designer's types: one definition in api-types */
export {
  CreateDraftBody,
  Draft,
  DraftList,
  DraftListQuery,
  DraftParams,
  DraftValidation,
  FromDefinitionParams,
  PreviewBody,
  PublishResult,
  RoutePreview,
  UpdateDraftBody,
} from '../../../api-types/drafts.ts';

/** the error body (infra/errors.ts); `errors` names the elements of an invalid draft */
export const DraftErrorBody = Type.Object({
  type: Type.String(),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

export const errorResponses = { 400: DraftErrorBody, 403: DraftErrorBody, 404: DraftErrorBody, 409: DraftErrorBody };
