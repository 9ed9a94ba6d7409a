/**
 * Adds the "Approval" group to the properties panel (bpmn-io's properties provider API): the
 * approval-step properties on user tasks, the process options on a process or a pool. It runs
 * after the Camunda provider and places the group below "User assignment" (or "General").
 */
import type { DiagramElement } from './camunda-properties.ts';
import { processEntries } from './process-entries.ts';
import { stepEntries, type Entry } from './step-entries.ts';

interface Group {
  id: string;
  label: string;
  entries: Entry[];
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: DiagramElement): (groups: Group[]) => Group[] }): void;
}

type Translate = (template: string) => string;

/** below the Camunda provider's 500: it sees the groups that one made */
const PRIORITY = 400;
export const APPROVAL_GROUP_ID = 'lz-approval';

function entriesOf(element: DiagramElement): Entry[] | null {
  const bo = element.businessObject;
  if (bo.$type === 'bpmn:UserTask') return stepEntries(element);
  if (bo.$type === 'bpmn:Process' || (bo.$type === 'bpmn:Participant' && bo.get('processRef'))) return processEntries(element);
  return null;
}

export default class ApprovalPropertiesProvider {
  static $inject = ['propertiesPanel', 'translate'];

  constructor(
    propertiesPanel: PropertiesPanel,
    private readonly translate: Translate,
  ) {
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  getGroups(element: DiagramElement): (groups: Group[]) => Group[] {
    return (groups) => {
      const entries = entriesOf(element);
      if (!entries) return groups;
      const group: Group = { id: APPROVAL_GROUP_ID, label: this.translate('Approval'), entries };
      const after = ['CamundaPlatform__UserAssignment', 'general'].map((id) => groups.findIndex((g) => g.id === id)).find((i) => i >= 0);
      groups.splice(after === undefined ? groups.length : after + 1, 0, group);
      return groups;
    };
  }
}
