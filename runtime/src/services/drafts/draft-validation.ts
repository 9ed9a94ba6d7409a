import { isLzError, LzError, ModelInvalidError, type DeployResource, type Engine } from '@liuzhuan/engine';
import type { Draft, DraftProblem } from '../../api-types/drafts.ts';
import type { DraftsRepo } from './drafts.repo.ts';
import { formReferences } from './form-references.ts';

/** what publishing a draft deploys: the draft's resource first, then the form drafts it references */
export interface DraftBundle {
  resources: DeployResource[];
  /** keys of the form drafts in `resources` */
  forms: string[];
  /** found while gathering (references without a draft, ids that do not match) */
  warnings: DraftProblem[];
}

const formId = (content: string): string | null => {
  try {
    const id = (JSON.parse(content.replace(/^\uFEFF/, '')) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
};

const PROCESS_ID = /<(?:[\w-]+:)?process\b[^>]*?\sid\s*=\s*(["'])(.*?)\1/g;

export async function bundleOf(drafts: DraftsRepo, draft: Draft): Promise<DraftBundle> {
  if (draft.kind === 'form') return { resources: [{ name: `${draft.key}.form`, content: draft.content }], forms: [draft.key], warnings: [] };
  const resources: DeployResource[] = [{ name: `${draft.key}.bpmn`, content: draft.content }];
  const forms: string[] = [];
  const warnings: DraftProblem[] = [];
  const ids = [...draft.content.matchAll(PROCESS_ID)].map((m) => m[2]!);
  if (ids.length > 0 && !ids.includes(draft.key)) {
    warnings.push({ elementId: ids[0]!, message: `the process id '${ids[0]}' differs from the draft key '${draft.key}'; it is published under the process id`, severity: 'warning' });
  }
  for (const ref of formReferences(draft.content)) {
    const form = await drafts.byKey('form', ref.key);
    if (!form) {
      warnings.push({ elementId: ref.elementId, message: `no form draft '${ref.key}': the form already deployed under that name is used, if there is one`, severity: 'warning' });
      continue;
    }
    // formRef finds a form by its own id (services/forms/deployed-form.ts)
    if (ref.byFormId && formId(form.content) !== ref.key) {
      warnings.push({ elementId: ref.elementId, message: `form draft '${ref.key}' has id '${formId(form.content) ?? ''}'; a formRef finds a form by its id`, severity: 'warning' });
    }
    resources.push({ name: ref.resourceName, content: form.content });
    forms.push(form.key);
  }
  return { resources, forms, warnings };
}

/**
 * The engine's deploy-time checks on the bundle (nothing deployed) plus the bundle's warnings.
 * XML the engine cannot read is one problem without an element.
 */
export async function problemsOf(engine: Engine, bundle: DraftBundle): Promise<DraftProblem[]> {
  let errors: DraftProblem[];
  try {
    errors = (await engine.validate(bundle.resources)).map((p) => ({ elementId: p.elementId, message: p.message, severity: 'error' as const }));
  } catch (e) {
    if (!isLzError(e) || e.kind !== 'invalid') throw e;
    errors = [{ elementId: null, message: e.message, severity: 'error' }];
  }
  return [...errors, ...bundle.warnings];
}

/** problems as a 400: `errors: [{ path: elementId, message }]` (path '' for the document itself) */
export function invalidDraft(problems: readonly Pick<DraftProblem, 'elementId' | 'message'>[]): LzError {
  const summary = problems.map((p) => (p.elementId ? `${p.elementId}: ${p.message}` : p.message)).join('; ');
  return new LzError('LZ_ERR_DRAFT_INVALID', summary, { errors: problems.map((p) => ({ path: p.elementId ?? '', message: p.message })) });
}

/** an engine refusal met while deploying (a check that needs the live database) as the same 400 */
export function asDraftError(e: unknown): unknown {
  if (e instanceof ModelInvalidError) return invalidDraft(e.problems);
  return e;
}
