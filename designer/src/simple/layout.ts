/**
 * Lays the simple-mode tree out as a BPMN graph with diagram positions: one vertical column
 * top-down, a condition's branches side by side below its splitting gateway and joined again by
 * a converging exclusive gateway, each approver followed by its result gateway with the
 * "rejected" end event to its right (API contract D); the initiator's resubmit step, when the
 * tree has one, on its own row right below the start event. Sizes are bpmn-js's defaults.
 */
import { branchCondition } from './approver-bpmn.ts';
import type { ApproverNode, CcNode, ConditionNode, FlowNode, SimpleTree, StartNode } from './types.ts';
import { RESUBMIT_ID } from './variables.ts';

export type ShapeKind = 'startEvent' | 'endEvent' | 'userTask' | 'serviceTask' | 'exclusiveGateway';

export interface Point {
  x: number;
  y: number;
}

export interface GraphShape {
  id: string;
  kind: ShapeKind;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** the tree node this shape stands for (the result gateway and rejected end name their approver, the resubmit step the start) */
  node: StartNode | FlowNode | null;
  /** gateways: the id of the flow taken when no condition holds */
  defaultFlow?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  name: string;
  /** the conditionExpression text, as written into the XML */
  condition: string | null;
  waypoints: Point[];
  /** where the name is drawn (top left corner), when it has one */
  label: Point | null;
}

export interface Graph {
  shapes: GraphShape[];
  edges: GraphEdge[];
}

export interface LayoutLabels {
  /** name of the end event reached when every approver approved */
  end: string;
  /** name of the end events reached on a rejection */
  rejected: string;
  /** name of the flow to a rejected end */
  rejectFlow: string;
  /** name of the gateway after each approver (bpmnlint wants every diverging gateway named) */
  result: string;
  /** name of the initiator's resubmit step */
  resubmit: string;
}

const TASK_W = 100;
const TASK_H = 80;
const GW = 50;
const EV = 36;
/** vertical space between two elements of a column */
const V_GAP = 48;
/** horizontal space between two branch columns */
const H_GAP = 40;
/** extra room under a splitting gateway for the branch names */
const BRANCH_DROP = 40;
/** distance from a result gateway's centre to its rejected end event's centre */
const REJECT_DX = 100;
/** half the narrowest branch column (an empty branch still needs room for its name) */
const MIN_HALF = 70;
const MARGIN = 60;

/** how far a block reaches left and right of its axis, and how tall it is */
interface Extent {
  left: number;
  right: number;
  height: number;
}

function measure(node: FlowNode): Extent {
  if (node.type === 'approver') return { left: TASK_W / 2, right: REJECT_DX + EV / 2, height: TASK_H + V_GAP + GW };
  if (node.type === 'cc') return { left: TASK_W / 2, right: TASK_W / 2, height: TASK_H };
  const cols = node.branches.map((b) => measureColumn(b.children));
  const width = cols.reduce((s, c) => s + c.left + c.right, 0) + H_GAP * Math.max(0, cols.length - 1);
  const tallest = Math.max(0, ...cols.map((c) => c.height));
  return { left: width / 2, right: width / 2, height: GW + BRANCH_DROP + V_GAP + tallest + (tallest > 0 ? V_GAP : 0) + GW };
}

function measureColumn(list: FlowNode[]): Extent {
  const parts = list.map(measure);
  return {
    left: Math.max(MIN_HALF, ...parts.map((p) => p.left)),
    right: Math.max(MIN_HALF, ...parts.map((p) => p.right)),
    height: parts.reduce((s, p) => s + p.height, 0) + V_GAP * Math.max(0, parts.length - 1),
  };
}

/** a placed block: enter at (axis, top) into `entry`, leave at (axis, bottom) from `exit` */
interface Placed {
  entry: string;
  exit: string;
  top: number;
  bottom: number;
}

class GraphBuilder {
  readonly shapes: GraphShape[] = [];
  readonly edges: GraphEdge[] = [];
  private flows = 0;
  private readonly byId = new Map<string, GraphShape>();

  constructor(private readonly labels: LayoutLabels) {}

  shape(s: GraphShape): GraphShape {
    s.x = Math.round(s.x);
    s.y = Math.round(s.y);
    this.shapes.push(s);
    this.byId.set(s.id, s);
    return s;
  }

  /** a flow; leaving a result gateway without a condition makes it that gateway's default */
  edge(source: string, target: string, waypoints: Point[], opts: { name?: string; condition?: string | null; isDefault?: boolean; label?: Point } = {}): GraphEdge {
    const e: GraphEdge = {
      id: `Flow_${++this.flows}`,
      source,
      target,
      name: opts.name ?? '',
      condition: opts.condition ?? null,
      waypoints: waypoints.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })),
      label: opts.name && opts.label ? { x: Math.round(opts.label.x), y: Math.round(opts.label.y) } : null,
    };
    this.edges.push(e);
    const from = this.byId.get(source)!;
    const resultGateway = from.kind === 'exclusiveGateway' && from.node?.type === 'approver';
    if (opts.isDefault || (resultGateway && e.condition === null)) from.defaultFlow = e.id;
    return e;
  }

  column(list: FlowNode[], axis: number, top: number): Placed | null {
    let first: Placed | null = null;
    let prev: Placed | null = null;
    let y = top;
    for (const node of list) {
      const p = this.block(node, axis, y);
      if (prev) this.edge(prev.exit, p.entry, [{ x: axis, y: prev.bottom }, { x: axis, y: p.top }]);
      first ??= p;
      prev = p;
      y = p.bottom + V_GAP;
    }
    return first && prev ? { entry: first.entry, exit: prev.exit, top: first.top, bottom: prev.bottom } : null;
  }

  private block(node: FlowNode, axis: number, top: number): Placed {
    if (node.type === 'approver') return this.approver(node, axis, top);
    if (node.type === 'cc') return this.cc(node, axis, top);
    return this.condition(node, axis, top);
  }

  private approver(node: ApproverNode, axis: number, top: number): Placed {
    this.shape({ id: node.id, kind: 'userTask', name: node.name, x: axis - TASK_W / 2, y: top, width: TASK_W, height: TASK_H, node });
    const gwTop = top + TASK_H + V_GAP;
    const gwMid = gwTop + GW / 2;
    const gw = this.shape({ id: `${node.id}_result`, kind: 'exclusiveGateway', name: this.labels.result, x: axis - GW / 2, y: gwTop, width: GW, height: GW, node });
    this.edge(node.id, gw.id, [{ x: axis, y: top + TASK_H }, { x: axis, y: gwTop }]);
    const end = this.shape({ id: `${node.id}_rejected`, kind: 'endEvent', name: this.labels.rejected, x: axis + REJECT_DX - EV / 2, y: gwMid - EV / 2, width: EV, height: EV, node });
    this.edge(gw.id, end.id, [{ x: axis + GW / 2, y: gwMid }, { x: end.x, y: gwMid }], {
      name: this.labels.rejectFlow,
      condition: '${approved == false}',
      label: { x: axis + GW / 2 + 6, y: gwMid - 18 },
    });
    return { entry: node.id, exit: gw.id, top, bottom: gwTop + GW };
  }

  private cc(node: CcNode, axis: number, top: number): Placed {
    this.shape({ id: node.id, kind: 'serviceTask', name: node.name, x: axis - TASK_W / 2, y: top, width: TASK_W, height: TASK_H, node });
    return { entry: node.id, exit: node.id, top, bottom: top + TASK_H };
  }

  private condition(node: ConditionNode, axis: number, top: number): Placed {
    const ext = measure(node);
    const split = this.shape({ id: node.id, kind: 'exclusiveGateway', name: node.name, x: axis - GW / 2, y: top, width: GW, height: GW, node });
    const splitMid = top + GW / 2;
    const branchTop = top + GW + BRANCH_DROP + V_GAP;
    const joinTop = top + ext.height - GW;
    const joinMid = joinTop + GW / 2;
    const join = this.shape({ id: `${node.id}_join`, kind: 'exclusiveGateway', name: '', x: axis - GW / 2, y: joinTop, width: GW, height: GW, node });
    let cursor = axis - ext.left;
    for (const branch of node.branches) {
      const col = measureColumn(branch.children);
      const bx = Math.round(cursor + col.left);
      cursor += col.left + col.right + H_GAP;
      const onAxis = Math.abs(bx - axis) < 1;
      const side = bx < axis ? -1 : 1;
      const placed = this.column(branch.children, bx, branchTop);
      // the branch name sits beside the line going down into the branch
      const label = onAxis ? { x: axis + 6, y: top + GW + 6 } : { x: bx + 6, y: splitMid + 8 };
      const opts = { name: branch.name, condition: branch.isDefault ? null : branchCondition(branch.expression), isDefault: branch.isDefault, label };
      if (!placed) {
        const wps = onAxis
          ? [{ x: axis, y: top + GW }, { x: axis, y: joinTop }]
          : [{ x: axis + side * (GW / 2), y: splitMid }, { x: bx, y: splitMid }, { x: bx, y: joinMid }, { x: axis + side * (GW / 2), y: joinMid }];
        this.edge(split.id, join.id, wps, opts);
        continue;
      }
      const inWps = onAxis ? [{ x: axis, y: top + GW }, { x: axis, y: branchTop }] : [{ x: axis + side * (GW / 2), y: splitMid }, { x: bx, y: splitMid }, { x: bx, y: branchTop }];
      this.edge(split.id, placed.entry, inWps, opts);
      const outWps = onAxis ? [{ x: axis, y: placed.bottom }, { x: axis, y: joinTop }] : [{ x: bx, y: placed.bottom }, { x: bx, y: joinMid }, { x: axis + side * (GW / 2), y: joinMid }];
      this.edge(placed.exit, join.id, outWps);
    }
    return { entry: split.id, exit: join.id, top, bottom: joinTop + GW };
  }
}

/** the whole process: start event, the column of nodes, the end event */
export function layoutTree(tree: SimpleTree, labels: LayoutLabels): Graph {
  const g = new GraphBuilder(labels);
  const ext = measureColumn(tree.children);
  const axis = MARGIN + Math.max(ext.left, EV / 2);
  const top = MARGIN;
  const start = g.shape({ id: tree.start.id, kind: 'startEvent', name: tree.start.name, x: axis - EV / 2, y: top, width: EV, height: EV, node: tree.start });
  // what the body's first element is entered from: the start event, or the resubmit step below it
  let from = { id: start.id, bottom: top + EV };
  if (tree.start.resubmit) {
    const rTop = from.bottom + V_GAP;
    g.shape({ id: RESUBMIT_ID, kind: 'userTask', name: labels.resubmit, x: axis - TASK_W / 2, y: rTop, width: TASK_W, height: TASK_H, node: tree.start });
    g.edge(start.id, RESUBMIT_ID, [{ x: axis, y: from.bottom }, { x: axis, y: rTop }]);
    from = { id: RESUBMIT_ID, bottom: rTop + TASK_H };
  }
  const bodyTop = from.bottom + V_GAP;
  const body = g.column(tree.children, axis, bodyTop);
  const endTop = body ? body.bottom + V_GAP : bodyTop;
  const end = g.shape({ id: 'EndEvent', kind: 'endEvent', name: labels.end, x: axis - EV / 2, y: endTop, width: EV, height: EV, node: null });
  if (body) {
    g.edge(from.id, body.entry, [{ x: axis, y: from.bottom }, { x: axis, y: body.top }]);
    g.edge(body.exit, end.id, [{ x: axis, y: body.bottom }, { x: axis, y: endTop }]);
  } else {
    g.edge(from.id, end.id, [{ x: axis, y: from.bottom }, { x: axis, y: endTop }]);
  }
  return { shapes: g.shapes, edges: g.edges };
}
