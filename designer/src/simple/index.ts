/** Simple mode: the approval tree, its BPMN (API contract D) and its checks. Pure TypeScript. */
export type * from './types.ts';
export { APPROVAL_MODES, SOURCE_KINDS } from './types.ts';
export { toBpmn, CC_TOPIC, type ToBpmnOptions } from './to-bpmn.ts';
export { layoutTree, type Graph, type GraphEdge, type GraphShape, type LayoutLabels } from './layout.ts';
export { validateTree, type ProblemCode, type TreeProblem } from './validate-tree.ts';
export * from './tree-ops.ts';
