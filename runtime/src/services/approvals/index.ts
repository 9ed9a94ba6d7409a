import { runMigrations } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import { ApprovalsRepo } from './approvals.repo.ts';
import type { ApprovalDeps } from './context.ts';
import * as m0001 from './migrations/0001_approvals.ts';
import { RequestActions } from './request-actions.ts';
import { TaskActions } from './task-actions.ts';
import { Timeouts } from './timeouts.ts';

export { approvalTaskPolicy } from './step-policy-hook.ts';
export { APPROVAL_PROPERTY, isApprovalStep } from './policy.ts';
export type { Notifier, People } from './context.ts';
export { ApprovalsRepo };

/**
 * Approval steps (docs/approvals.md): the actions on tasks and requests, the timeout sweep.
 * The policies that must hold inside engine commands (empty approvers, auto-approval, the
 * resubmit step) are the engine's userTaskPolicy (approvalTaskPolicy), set when the engine is made.
 */
export class ApprovalService {
  readonly tasks: TaskActions;
  readonly requests: RequestActions;
  readonly timeouts: Timeouts;
  readonly repo: ApprovalsRepo;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    readonly deps: Omit<ApprovalDeps, 'repo' | 'log'>,
    private readonly log: FastifyBaseLogger,
  ) {
    this.repo = new ApprovalsRepo(deps.engine.db);
    const full = { ...deps, repo: this.repo, log };
    this.tasks = new TaskActions(full);
    this.requests = new RequestActions(full);
    this.timeouts = new Timeouts(full);
  }

  async migrate(): Promise<void> {
    await runMigrations(this.deps.engine.db, [m0001], 'lz_approvals_migrations');
  }

  /** sweeps timeouts every `everyMs` (server.ts starts it; tests call timeouts.sweep) */
  start(everyMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.timeouts
        .sweep()
        .catch((e: unknown) => this.log.error({ err: e }, 'approval timeout sweep failed'))
        .finally(() => {
          this.sweeping = null;
        });
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }
}
