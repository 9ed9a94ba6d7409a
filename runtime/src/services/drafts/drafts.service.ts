import { LzError, type Db, type Engine } from '@liuzhuan/engine';
import { DRAFT_CONTENT_MAX, type CreateDraftBody, type Draft, type DraftKind, type DraftProblem, type DraftSummary, type PreviewBody, type PublishResult, type RoutePreview, type UpdateDraftBody } from '../../api-types/drafts.ts';
import type { RoutePreviewService } from '../route-preview/route-preview.service.ts';
import { asDraftError, bundleOf, invalidDraft, problemsOf } from './draft-validation.ts';
import { DraftsRepo } from './drafts.repo.ts';

/** the contract's 5 MB, in bytes (the schema counts characters) */
function checkSize(content: string | undefined): void {
  if (content !== undefined && Buffer.byteLength(content, 'utf8') > DRAFT_CONTENT_MAX) throw new LzError('LZ_ERR_DRAFT_INVALID', 'the content is larger than 5 MB');
}

/**
 * Designer drafts (API contract A): BPMN and form documents saved without deploying, with a
 * revision for optimistic saves; validation with the engine's deploy checks, publishing as one
 * deploy-changed-only deployment (the BPMN with the form drafts it references), and route
 * preview on a throw-away engine.
 */
export class DraftsService {
  private readonly repo: DraftsRepo;

  constructor(
    db: Db,
    private readonly engine: Engine,
    private readonly previews: RoutePreviewService,
  ) {
    this.repo = new DraftsRepo(db);
  }

  migrate(): Promise<void> {
    return this.repo.migrate();
  }

  list(kind?: DraftKind): Promise<DraftSummary[]> {
    return this.repo.list(kind);
  }

  async get(id: string): Promise<Draft> {
    const d = await this.repo.get(id);
    if (!d) throw new LzError('LZ_ERR_DRAFT_NOT_FOUND', id);
    return d;
  }

  create(input: CreateDraftBody, actor: string): Promise<Draft> {
    checkSize(input.content);
    return this.repo.insert({ kind: input.kind, key: input.key, name: input.name, content: input.content, mode: input.mode ?? 'full', simple: input.simple ?? null }, actor);
  }

  /**
   * A deployed version opened for editing: a new full-mode BPMN draft with its XML, keyed by the
   * process key (publishing it makes the key's next version). One draft per key: when there is
   * one already, 409 and it is left as it is.
   */
  async fromDefinition(definitionId: string, actor: string): Promise<Draft> {
    const [def] = await this.engine.getDefinitions({ id: definitionId });
    const xml = def ? await this.engine.getDefinitionXml(def.id) : null;
    if (!def || !xml) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', `no process definition '${definitionId}'`);
    return this.create({ kind: 'bpmn', key: def.key, name: def.name?.trim() ? def.name.slice(0, 255) : def.key, content: xml.content }, actor);
  }

  /** saves on the revision the edit was made on; a stale one → 409 and nothing is overwritten */
  async update(id: string, input: UpdateDraftBody, actor: string): Promise<Draft> {
    checkSize(input.content);
    const { revision, ...patch } = input;
    const saved = await this.repo.update(id, patch, revision, actor);
    if (saved) return saved;
    const current = await this.get(id);
    throw new LzError('LZ_ERR_DRAFT_STALE', `draft '${current.key}' is at revision ${current.revision}, the edit was made on ${revision}`);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repo.delete(id))) throw new LzError('LZ_ERR_DRAFT_NOT_FOUND', id);
  }

  /** the problems deploying it would meet; nothing is deployed */
  async validate(id: string): Promise<DraftProblem[]> {
    const draft = await this.get(id);
    return problemsOf(this.engine, await bundleOf(this.repo, draft));
  }

  /** deploys it (and the form drafts it references) as `draft:<key>`; unchanged resources make no new version */
  async publish(id: string): Promise<PublishResult> {
    const draft = await this.get(id);
    const bundle = await bundleOf(this.repo, draft);
    const errors = (await problemsOf(this.engine, bundle)).filter((p) => p.severity === 'error');
    if (errors.length > 0) throw invalidDraft(errors);
    try {
      const result = await this.engine.deploy(bundle.resources, { name: `draft:${draft.key}`, source: 'designer', changedOnly: true });
      return { deploymentId: result.id, definitions: result.definitions.map((d) => ({ id: d.id, key: d.key, version: d.version, isNew: d.isNew })), forms: bundle.forms };
    } catch (e) {
      throw asDraftError(e);
    }
  }

  /** runs a BPMN draft on a throw-away engine with sample data; the live database is not touched */
  async preview(id: string, input: PreviewBody, caller: string): Promise<RoutePreview> {
    const draft = await this.get(id);
    if (draft.kind !== 'bpmn') throw new LzError('LZ_ERR_DRAFT_INVALID', 'only a bpmn draft has a route to preview');
    try {
      return await this.previews.preview({ xml: draft.content, key: draft.key, variables: input.variables, initiator: input.initiator ?? caller });
    } catch (e) {
      throw asDraftError(e);
    }
  }
}
