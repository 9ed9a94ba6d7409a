import type { Engine } from '@liuzhuan/engine';
import type { CcService } from '../cc/index.ts';
import type { FormsService } from '../forms/forms.service.ts';
import { Catalogue, type CatalogueOptions } from './catalogue.ts';
import { Inbox } from './inbox.ts';
import { TaskActions } from './task-actions.ts';
import { Timeline } from './timeline.ts';

export { Catalogue, Inbox, TaskActions, Timeline };
export type { CatalogueOptions };

/** the employee workspace (contract C): catalogue, inbox, task actions, request timelines */
export interface Workspace {
  catalogue: Catalogue;
  inbox: Inbox;
  tasks: TaskActions;
  timeline: Timeline;
}

export function createWorkspace(engine: Engine, deps: { forms: FormsService; cc: CcService } & CatalogueOptions): Workspace {
  return {
    catalogue: new Catalogue(engine, deps.isDeprecated ? { isDeprecated: deps.isDeprecated } : {}),
    inbox: new Inbox(engine, deps.cc),
    tasks: new TaskActions(engine, deps.forms),
    timeline: new Timeline(engine, deps.cc),
  };
}
