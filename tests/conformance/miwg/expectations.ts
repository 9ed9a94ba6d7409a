/**
 * What Liuzhuan must do with each MIWG file (corpus miwg/MODELS.md), decided by reading the file:
 *
 * - `deploys`: every process of the file is made of elements Liuzhuan supports. Processes that
 *   are not isExecutable="true" are skipped, as Camunda 7's BpmnParse does for a new deployment
 *   (an absent isExecutable counts as false), so most files deploy with zero definitions;
 *   `processes` lists the ids of the executable ones (the deployment's `definitions` keys).
 * - `rejected`: an executable process uses something Liuzhuan does not run or leaves a required
 *   part empty; every problem is named by element id and a fragment of its message, and the
 *   engine must name exactly these elements (LZ_ERR_DEPLOY_INVALID).
 *
 * Reasons that recur below:
 * - ACTIVITI: `activiti:delegateExpression="#{archiveService}"` on a serviceTask. Liuzhuan reads
 *   only the camunda: and zeebe: namespaces, so the service task has no implementation.
 * - CONDITION: a condition without `${…}` / `=` (XPath `bpmn:getDataObject(…)`, or the plain text
 *   `Service Level == 'Premium'`) is no JUEL/FEEL expression: "condition is not an expression".
 * - `malformed`: the document breaks the BPMN 2.0 schema itself (an element the BPMN namespace does
 *   not have, an id used twice). Camunda 7 validates against BPMN20.xsd and refuses such files;
 *   Liuzhuan must refuse them with LZ_ERR_XML_MALFORMED naming the culprit, whatever the
 *   executability of the processes.
 * - Modeler drawings made executable by default (bpmn.io exports of redrawn references): empty
 *   timer / message / signal / conditional definitions, tasks without implementation.
 */
export interface ExpectedProblem {
  elementId: string;
  /** a fragment of the problem's message */
  message: string;
}

export type MiwgExpectation =
  | { outcome: 'deploys'; processes: string[] }
  | { outcome: 'rejected'; problems: ExpectedProblem[] }
  /** not a valid BPMN 2.0 document (schema level): LZ_ERR_XML_MALFORMED with this fragment */
  | { outcome: 'malformed'; message: string };

const deploys = (...processes: string[]): MiwgExpectation => ({ outcome: 'deploys', processes });
const rejected = (...problems: [string, string][]): MiwgExpectation => ({
  outcome: 'rejected',
  problems: problems.map(([elementId, message]) => ({ elementId, message })),
});

const malformed = (message: string): MiwgExpectation => ({ outcome: 'malformed', message });

const NO_IMPL = 'serviceTask needs an implementation';
const NOT_EXPR = 'condition is not an expression';
const EMPTY_TIMER = 'timer without timeDate, timeDuration or timeCycle';
const NO_MESSAGE = 'a message start event needs a named message';
/** the C.3.0 flow `Service Level == 'Premium'` (same id in the reference and all roundtrips) */
const C30_FLOW = '_be893987-caec-4605-b078-bd96b7cd6c12';

const BPMNIO = 'tools/bpmn-io-camunda-modeler-18.6.1';
const SIGNAVIO = 'tools/sap-signavio-19.9.0';
const TRISOTECH = 'tools/trisotech-workflow-modeler-12.6.3';
const BIZAGI = 'tools/bizagi-modeler-2.8.0.8';

export const MIWG_EXPECTATIONS: Record<string, MiwgExpectation> = {
  // ---- reference models
  'reference/A.1.0.bpmn': deploys(), // all processes isExecutable="false" (A.*, B.*: ISO-8859-1)
  'reference/A.2.0.bpmn': deploys(),
  'reference/A.2.1.bpmn': deploys(),
  'reference/A.3.0.bpmn': deploys(),
  'reference/A.4.0.bpmn': deploys(),
  'reference/A.4.1.bpmn': deploys(),
  'reference/B.1.0.bpmn': deploys(),
  'reference/B.2.0.bpmn': deploys(),
  'reference/C.1.0.bpmn': rejected(['archiveInvoice', NO_IMPL]), // ACTIVITI; conditions are ${…}, message start named
  // XPath conditions (definitions expressionLanguage XPath) + ACTIVITI; the xsd import is ignored
  'reference/C.1.1.bpmn': rejected(
    ['invoiceApproved', NOT_EXPR],
    ['invoiceNotApproved', NOT_EXPR],
    ['reviewSuccessful', NOT_EXPR],
    ['reviewNotSuccessful', NOT_EXPR],
    ['archiveInvoice', NO_IMPL],
  ),
  'reference/C.2.0.bpmn': deploys(),
  'reference/C.3.0.bpmn': rejected([C30_FLOW, NOT_EXPR]), // CONDITION; timer PT2H and message 'Service Level' are fine
  'reference/C.4.0.bpmn': deploys(), // no isExecutable attribute anywhere from C.4.0 to C.7.0
  'reference/C.5.0.bpmn': deploys(),
  'reference/C.6.0.bpmn': deploys(),
  'reference/C.7.0.bpmn': deploys(),
  'reference/C.8.0.bpmn': deploys(),
  // zeebe:taskDefinition on every service/send/business-rule task (the business rule task is a job
  // worker, type DMN, not a zeebe:calledDecision), FEEL conditions (DMN FEEL language URI) and
  // mappings whose names contain spaces (`Vacation Approval`), error boundary with code 404
  'reference/C.8.1.bpmn': deploys('VacationRequestProcess'),
  // zeebe:calledDecision on a business rule task: DMN is not supported
  'reference/C.9.0.bpmn': rejected(['BusinessRuleTask_CheckApplicationAutomatically', 'DMN decisions are not supported']),
  // send tasks are camunda external tasks, receive task with message, timer cycle R6/P1D, duration P7D
  'reference/C.9.1.bpmn': deploys('requestDocument_en'),
  // event sub-processes (non-interrupting message/timer starts), MI call activity over a FEEL
  // inputCollection, `string join` FEEL mapping, error end events
  'reference/C.9.2.bpmn': deploys('ManualCheck'),

  // ---- bpmn.io (Camunda Modeler 5.23): redrawn exports are executable, roundtrips keep the reference
  [`${BPMNIO}/A.1.0-export.bpmn`]: deploys(),
  [`${BPMNIO}/A.1.0-roundtrip.bpmn`]: deploys(),
  [`${BPMNIO}/A.2.0-export.bpmn`]: deploys(),
  [`${BPMNIO}/A.2.0-roundtrip.bpmn`]: deploys(),
  // tasks, an empty sub-process, a message boundary without messageRef (triggered by API only) and
  // a catch-all escalation boundary
  [`${BPMNIO}/A.3.0-export.bpmn`]: deploys('Process_1qh1mjw'),
  [`${BPMNIO}/A.3.0-roundtrip.bpmn`]: deploys(),
  [`${BPMNIO}/A.4.0-export.bpmn`]: deploys('Process_0elb8rq'), // start → 2 tasks → end (second pool not executable)
  [`${BPMNIO}/A.4.0-roundtrip.bpmn`]: deploys(),
  [`${BPMNIO}/B.1.0-export.bpmn`]: rejected(['StartEvent_1', EMPTY_TIMER], ['Activity_0yyznkb', NO_IMPL]),
  [`${BPMNIO}/B.1.0-roundtrip.bpmn`]: deploys(),
  [`${BPMNIO}/B.2.0-export.bpmn`]: rejected(
    ['StartEvent_1', EMPTY_TIMER],
    ['Event_128e9tk', 'signal event without signalRef'],
    ['Event_1cb9pew', 'signal event without signalRef'],
    ['Activity_00kk0w1', NO_IMPL],
    ['Activity_0pn331p', 'sendTask needs an implementation'],
    ['Activity_0qnc8vy', 'call activity without calledElement'],
    ['Event_0pi17ux', 'conditional event without a condition'],
    ['Event_1rsgo7a', 'conditional event without a condition'],
    ['Activity_03q0xwc', 'multi-instance needs loopCardinality or a collection'],
  ),
  [`${BPMNIO}/B.2.0-roundtrip.bpmn`]: deploys(),
  // the empty timer leaves the event-based gateway's target without a catchable definition
  [`${BPMNIO}/C.1.0-export.bpmn`]: rejected(
    ['StartEvent_1', NO_MESSAGE],
    ['Event_1m6mn1s', EMPTY_TIMER],
    ['Gateway_073nxen', "event-based gateway leads to 'Event_1m6mn1s'"],
  ),
  [`${BPMNIO}/C.1.0-roundtrip.bpmn`]: rejected(['archiveInvoice', NO_IMPL]),
  [`${BPMNIO}/C.2.0-export.bpmn`]: rejected(['StartEvent_1', NO_MESSAGE]), // the message end event without message is allowed
  [`${BPMNIO}/C.2.0-roundtrip.bpmn`]: deploys(),
  [`${BPMNIO}/C.3.0-export.bpmn`]: rejected(['Event_0issfmv', NO_MESSAGE], ['Event_1p3ah5d', EMPTY_TIMER]),
  [`${BPMNIO}/C.3.0-roundtrip.bpmn`]: rejected([C30_FLOW, NOT_EXPR]),
  [`${BPMNIO}/C.4.0-export.bpmn`]: deploys(),
  [`${BPMNIO}/C.4.0-roundtrip.bpmn`]: deploys(),

  // ---- SAP Signavio: exports are isExecutable="false"
  [`${SIGNAVIO}/A.1.0-export.bpmn`]: deploys(),
  [`${SIGNAVIO}/A.1.0-roundtrip.bpmn`]: deploys(),
  [`${SIGNAVIO}/A.2.0-export.bpmn`]: deploys(),
  [`${SIGNAVIO}/A.2.0-roundtrip.bpmn`]: deploys(),
  [`${SIGNAVIO}/A.3.0-export.bpmn`]: deploys(),
  [`${SIGNAVIO}/A.3.0-roundtrip.bpmn`]: deploys(),
  [`${SIGNAVIO}/A.4.0-export.bpmn`]: deploys(),
  [`${SIGNAVIO}/A.4.0-roundtrip.bpmn`]: deploys(),
  [`${SIGNAVIO}/B.1.0-export.bpmn`]: deploys(),
  // the globalTask and the process share the id Process_ba16239e-… (xsd:ID must be unique)
  [`${SIGNAVIO}/B.1.0-roundtrip.bpmn`]: malformed('duplicate ID <Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450>'),
  [`${SIGNAVIO}/B.2.0-export.bpmn`]: deploys(),
  [`${SIGNAVIO}/B.2.0-roundtrip.bpmn`]: malformed('duplicate ID <Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450>'),
  [`${SIGNAVIO}/C.1.0-export.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.1.0-roundtrip.bpmn`]: rejected(['archiveInvoice', NO_IMPL]),
  [`${SIGNAVIO}/C.2.0-export.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.2.0-roundtrip.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.3.0-export.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.3.0-roundtrip.bpmn`]: rejected([C30_FLOW, NOT_EXPR]),
  [`${SIGNAVIO}/C.4.0-export.1.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.4.0-export.2.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.4.0-export.3.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.4.0-export.4.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.4.0-roundtrip.1.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.4.0-roundtrip.2.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.4.0-roundtrip.3.bpmn`]: deploys(),
  [`${SIGNAVIO}/C.4.0-roundtrip.4.bpmn`]: deploys(),

  // ---- Trisotech: exports carry no isExecutable attribute; roundtrips keep the reference's
  [`${TRISOTECH}/A.1.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/A.1.0-roundtrip.bpmn`]: deploys(),
  [`${TRISOTECH}/A.2.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/A.2.0-roundtrip.bpmn`]: deploys(),
  [`${TRISOTECH}/A.3.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/A.3.0-roundtrip.bpmn`]: deploys(),
  [`${TRISOTECH}/A.4.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/A.4.0-roundtrip.bpmn`]: deploys(),
  [`${TRISOTECH}/B.1.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/B.1.0-roundtrip.bpmn`]: deploys(),
  [`${TRISOTECH}/B.2.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/B.2.0-roundtrip.bpmn`]: deploys(),
  [`${TRISOTECH}/C.1.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/C.1.0-roundtrip.bpmn`]: rejected(['archiveInvoice', NO_IMPL]), // messageRef written as a QName (semantic:…)
  [`${TRISOTECH}/C.2.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/C.2.0-roundtrip.bpmn`]: deploys(),
  [`${TRISOTECH}/C.3.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/C.3.0-roundtrip.bpmn`]: rejected([C30_FLOW, NOT_EXPR]),
  [`${TRISOTECH}/C.4.0-export.bpmn`]: deploys(),
  [`${TRISOTECH}/C.4.0-roundtrip.bpmn`]: deploys(),

  // ---- Bizagi roundtrips (largest files, bizagi extension namespace): nothing executable
  [`${BIZAGI}/A.1.0-roundtrip.bpmn`]: deploys(),
  [`${BIZAGI}/A.2.0-roundtrip.bpmn`]: deploys(),
  [`${BIZAGI}/A.3.0-roundtrip.bpmn`]: deploys(),
  [`${BIZAGI}/A.4.0-roundtrip.bpmn`]: deploys(),
  [`${BIZAGI}/B.1.0-roundtrip.bpmn`]: deploys(),
  // `<LoopCounter>0</LoopCounter>` inside multiInstanceLoopCharacteristics (line 490): no such
  // element in BPMN 2.0 (tMultiInstanceLoopCharacteristics has none)
  [`${BIZAGI}/B.2.0-roundtrip.bpmn`]: malformed('unparsable content <LoopCounter>'),
};
