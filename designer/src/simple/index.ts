/** Simple mode: the approval tree, its BPMN (API contract D, docs/approvals.md) and its checks. Pure TypeScript. */
export type * from './types.ts';
export { APPROVAL_MODES, SOURCE_KINDS, TIMEOUT_UNITS, VARIABLE_SOURCES } from './types.ts';
export { toBpmn, CC_TOPIC, type ToBpmnOptions } from './to-bpmn.ts';
export { layoutTree, type Graph, type GraphEdge, type GraphShape, type LayoutLabels } from './layout.ts';
export { approverProperties, processProperties, resolvePolicy, timeoutDuration, DEFAULT_PASS_RATIO, DEFAULT_POLICY } from './step-properties.ts';
export { validateTree, type ProblemCode, type TreeProblem } from './validate-tree.ts';
export * from './tree-ops.ts';
