/**
 * What the recursive node components share (provide/inject): the selection, the one open "+"
 * menu, the problems per node and the edits. The page provides it; cards and lists inject it.
 */
import { inject, type InjectionKey, type Ref } from 'vue';
import type { ConditionNode, FlowNode, NodeType } from '../../simple/types.ts';
import type { TreeProblem } from '../../simple/validate-tree.ts';

export type Selection = { kind: 'start' } | { kind: 'node'; id: string } | { kind: 'branch'; id: string };

export interface SimpleEditor {
  selected: Ref<Selection | null>;
  /** the key of the "+" whose menu is open */
  openMenu: Ref<string | null>;
  problemsOf(id: string): TreeProblem[];
  select(sel: Selection): void;
  isSelected(kind: Selection['kind'], id?: string): boolean;
  add(list: FlowNode[], index: number, type: NodeType): void;
  remove(id: string): void;
  addBranch(condition: ConditionNode): void;
  removeBranch(branchId: string): void;
}

export const SIMPLE_EDITOR: InjectionKey<SimpleEditor> = Symbol('simple-editor');

export function useSimpleEditor(): SimpleEditor {
  const editor = inject(SIMPLE_EDITOR);
  if (!editor) throw new Error('useSimpleEditor() outside SimpleDesignerPage');
  return editor;
}
