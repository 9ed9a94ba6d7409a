import type { Engine } from '@liuzhuan/engine';
import type { CcService } from '../cc/index.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { ApprovalsRepo } from '../approvals/approvals.repo.ts';
import type { RequestNumbers } from '../request-numbers/index.ts';
import { Catalogue, type CatalogueOptions } from './catalogue.ts';
import { Inbox } from './inbox.ts';
import type { TaskActions } from '../approvals/task-actions.ts';
import { Timeline } from './timeline.ts';

export { Catalogue, Inbox, Timeline };
export type { CatalogueOptions };

/** the employee workspace (contract C): catalogue, inbox, task actions, request timelines */
export interface Workspace {
  catalogue: Catalogue;
  inbox: Inbox;
  tasks: TaskActions;
  timeline: Timeline;
}

export function createWorkspace(engine: Engine, deps: { forms: FormsService; cc: CcService; tasks: TaskActions; approvals: ApprovalsRepo; numbers?: RequestNumbers } & CatalogueOptions): Workspace {
  return {
    catalogue: new Catalogue(engine, deps.isDeprecated ? { isDeprecated: deps.isDeprecated } : {}),
    inbox: new Inbox(engine, deps.cc, deps.numbers ?? null),
    tasks: deps.tasks,
    timeline: new Timeline(engine, deps.cc, deps.approvals, deps.numbers ?? null),
  };
}
