import type { NodeModel } from '../model/types.ts';
import type { Behavior } from './behavior.ts';
import { callActivity } from './call-activity.ts';
import { endEvent } from './end-event.ts';
import { eventBasedGateway } from './event-based-gateway.ts';
import { intermediateCatch } from './intermediate-catch.ts';
import { intermediateThrow } from './intermediate-throw.ts';
import { passThrough } from './pass-through.ts';
import { receiveTask } from './receive-task.ts';
import { subProcess } from './sub-process.ts';
import { userTask } from './user-task.ts';
import { workTask } from './work-task.ts';

const BY_TYPE: Partial<Record<NodeModel['type'], Behavior>> = {
  startEvent: passThrough,
  boundaryEvent: passThrough,
  task: passThrough,
  manualTask: passThrough,
  exclusiveGateway: passThrough,
  parallelGateway: passThrough,
  inclusiveGateway: passThrough,
  complexGateway: passThrough,
  endEvent,
  intermediateCatchEvent: intermediateCatch,
  intermediateThrowEvent: intermediateThrow,
  eventBasedGateway,
  userTask,
  serviceTask: workTask,
  sendTask: workTask,
  businessRuleTask: workTask,
  scriptTask: workTask,
  receiveTask,
  callActivity,
  subProcess,
  transaction: subProcess,
  adHocSubProcess: subProcess,
};

export function behaviorFor(node: NodeModel): Behavior {
  const b = BY_TYPE[node.type];
  if (!b) throw new Error(`no behaviour for ${node.type}`);
  return b;
}
