import { approvalTaskPolicy } from '../approvals/step-policy-hook.ts';
import { Engine, makePgliteTemplate, type TaskInfo } from '@liuzhuan/engine';
import type { RoutePreview } from '../../api-types/drafts.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { OrgDirectory } from '../org/org-directory.ts';
import { orgExpressionFunctions, orgTaskAssignment } from '../org/org-functions.ts';
import { walk } from './preview-walk.ts';

export interface PreviewInput {
  /** BPMN XML */
  xml: string;
  /** the process to start when the document holds several (else the first executable one) */
  key: string;
  variables: Record<string, unknown>;
  /** the starting user: the camunda:initiator variable */
  initiator: string;
}

/**
 * Route preview (API contract A): the draft runs in a throw-away engine on an in-memory PGlite
 * of its own, never the live database. Expressions call the same org functions as the live
 * engine, reading the live org directory (read only), so `${manager(initiator)}` resolves as in
 * production. Previews run one at a time: each holds a whole PGlite in memory.
 */
export class RoutePreviewService {
  private queue: Promise<unknown> = Promise.resolve();
  /** an empty PGlite data directory, made once: opening from it skips initdb */
  private template: Promise<Blob> | null = null;

  constructor(
    private readonly directory: OrgDirectory,
    private readonly identity: IdentityService,
  ) {}

  preview(input: PreviewInput): Promise<RoutePreview> {
    const run = this.queue.then(() => this.run(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(input: PreviewInput): Promise<RoutePreview> {
    this.template ??= makePgliteTemplate().catch((e: unknown) => {
      this.template = null;
      throw e;
    });
    const engine = await Engine.create({
      database: { pgliteTemplate: await this.template },
      expressionFunctions: orgExpressionFunctions(this.directory),
      taskAssignment: orgTaskAssignment(this.directory),
      userTaskPolicy: approvalTaskPolicy(),
      maxSteps: 10_000,
    });
    try {
      // the engine's deploy checks come first: a ModelInvalidError or an XML error is the caller's 400
      const deployed = await engine.deploy([{ name: `${input.key}.bpmn`, content: input.xml }], { name: 'preview' });
      const def = deployed.definitions.find((d) => d.key === input.key) ?? deployed.definitions[0];
      if (!def) return { path: [], steps: [], outcome: 'error', waitingAt: [], message: 'the draft has no executable process (isExecutable="true")' };
      return await walk(engine, def.id, input, (task) => this.people(task));
    } finally {
      await engine.close();
    }
  }

  /**
   * Who would get a task: its assignee, else its candidate users and the members of its
   * candidate groups (identity groups, as the live directory holds them).
   */
  private async people(task: Pick<TaskInfo, 'assignee' | 'candidateUsers' | 'candidateGroups'>): Promise<{ id: string; name: string }[]> {
    const members = task.candidateGroups.flatMap((g) => this.directory.current.snapshot.groupMembers.get(g) ?? []);
    const ids = task.assignee ? [task.assignee] : [...new Set([...task.candidateUsers, ...members])];
    return this.named(ids);
  }

  /** ids with display names from the identity service (the id when the user has none or is unknown) */
  private async named(ids: string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    const users = new Map((await this.identity.queryUsers({ ids })).map((u) => [u.id, u]));
    return ids.map((id) => {
      const u = users.get(id);
      const name = [u?.firstName, u?.lastName].filter((x) => x).join(' ');
      return { id, name: name || id };
    });
  }
}
