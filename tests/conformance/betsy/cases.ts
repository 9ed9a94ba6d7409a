/**
 * The betsy conformance cases (uniba-dsg/betsy, encoded from the corpus' CASES.md): for each
 * model file, the cases with their inputs and the trace each must produce. Order in a trace does
 * not matter (betsy compares sorted lists). `test`: the string input; `waitMs`: virtual time to
 * let pass after the start; `parallelProcessFirst`: start the file's ParallelProcess first.
 */
export interface BetsyCase {
  test?: string;
  integerVariable?: number;
  waitMs?: number;
  parallelProcessFirst?: boolean;
  expected: string[];
}

export interface BetsyTest {
  file: string;
  cases: BetsyCase[];
}

export const BETSY_TESTS: BetsyTest[] = [
  // CASES.md expects [task1, task2, task3], but the model's three script tasks say SCRIPT_task1,
  // SCRIPT_task2 and (after the sub-process) SCRIPT_task1 again: nothing in it can log task3.
  // We check what the model's scripts say.
  { file: "activities/AdHocSubProcess_Parallel.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task1"] },
  ] },
  // same as AdHocSubProcess_Parallel: the model's third script task logs SCRIPT_task1
  { file: "activities/AdHocSubProcess_Sequential.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task1"] },
  ] },
  { file: "activities/CallActivity_GlobalTask.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/CallActivity_Process.bpmn", cases: [
    { expected: ["MARKER_exists", "SCRIPT_task2"] },
  ] },
  { file: "activities/Loop_ConditionOnly.bpmn", cases: [
    { integerVariable: 3, expected: ["INCREMENT_correct", "SCRIPT_task2"] },
    { integerVariable: 1, expected: ["INCREMENT_correct", "INCREMENT_correct", "SCRIPT_task2"] },
    { integerVariable: 0, expected: ["INCREMENT_correct", "INCREMENT_correct", "INCREMENT_correct", "SCRIPT_task2"] },
  ] },
  { file: "activities/Loop_Maximum.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/Loop_NoIteration_TestBeforeFalse.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/Loop_NoIteration_TestBeforeTrue.bpmn", cases: [
    { expected: ["SCRIPT_task2"] },
  ] },
  { file: "activities/Loop_SubProcess.bpmn", cases: [
    { integerVariable: 3, expected: ["INCREMENT_correct", "SCRIPT_task1"] },
    { integerVariable: 1, expected: ["INCREMENT_correct", "INCREMENT_correct", "SCRIPT_task1"] },
    { integerVariable: 0, expected: ["INCREMENT_correct", "INCREMENT_correct", "INCREMENT_correct", "SCRIPT_task1"] },
  ] },
  { file: "activities/Loop_Task.bpmn", cases: [
    { integerVariable: 3, expected: ["INCREMENT_correct", "SCRIPT_task2"] },
    { integerVariable: 1, expected: ["INCREMENT_correct", "INCREMENT_correct", "SCRIPT_task2"] },
    { integerVariable: 0, expected: ["INCREMENT_correct", "INCREMENT_correct", "INCREMENT_correct", "SCRIPT_task2"] },
  ] },
  { file: "activities/MultiInstance_AllBehavior.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/MultiInstance_ComplexBehavior.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "activities/MultiInstance_NoneBehavior.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task2"] },
  ] },
  { file: "activities/MultiInstance_OneBehavior.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/MultiInstance_Parallel.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/MultiInstance_Sequential.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/MultiInstance_SubProcess.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/MultiInstance_Task.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/ReceiveTask.bpmn", cases: [
    { parallelProcessFirst: true, expected: ["SCRIPT_task1", "MARKER_exists"] },
  ] },
  { file: "activities/ReceiveTask_Instantiate.bpmn", cases: [
    { expected: ["SCRIPT_task1", "MARKER_exists"] },
  ] },
  { file: "activities/SendTask.bpmn", cases: [
    { parallelProcessFirst: true, expected: ["SCRIPT_task1", "MARKER_exists"] },
  ] },
  { file: "activities/SubProcess.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "activities/Token_Cardinality_Default.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "activities/Token_Cardinality_Explicit.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "activities/Token_Cardinality_Split_Default.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4", "SCRIPT_task4"] },
  ] },
  { file: "activities/Token_Cardinality_Split_Explicit.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4"] },
  ] },
  { file: "activities/Transaction.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "basics/Lanes.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "basics/Participant.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "basics/SequenceFlow.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "basics/SequenceFlow_Conditional.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
    { test: "b", expected: ["SCRIPT_task2"] },
  ] },
  { file: "basics/SequenceFlow_ConditionalDefault.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
    { test: "b", expected: ["SCRIPT_task2"] },
  ] },
  { file: "basics/SequenceFlow_ConditionalDefault_Normal.bpmn", cases: [
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "cfpatterns/WCP01_Sequence.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "cfpatterns/WCP02_ParallelSplit.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP03_Synchronization.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "cfpatterns/WCP04_ExclusiveChoice.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
    { test: "ab", expected: ["SCRIPT_task1"] },
    { test: "b", expected: ["SCRIPT_task2"] },
    { test: "c", expected: ["SCRIPT_task3"] },
  ] },
  { file: "cfpatterns/WCP05_SimpleMerge.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task4"] },
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task4"] },
    { test: "c", expected: ["SCRIPT_task3", "SCRIPT_task4"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task4", "SCRIPT_task4"] },
    { test: "ac", expected: ["SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task4", "SCRIPT_task4"] },
    { test: "bc", expected: ["SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4", "SCRIPT_task4"] },
    { test: "abc", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4", "SCRIPT_task4", "SCRIPT_task4"] },
  ] },
  { file: "cfpatterns/WCP06_MultiChoice_ComplexGateway.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
    { test: "b", expected: ["SCRIPT_task2"] },
    { test: "c", expected: ["SCRIPT_task3"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
    { test: "ac", expected: ["SCRIPT_task1"] },
    { test: "bc", expected: ["SCRIPT_task2"] },
    { test: "abc", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP06_MultiChoice_Implicit.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
    { test: "b", expected: ["SCRIPT_task2"] },
    { test: "c", expected: ["SCRIPT_task3"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
    { test: "ac", expected: ["SCRIPT_task1"] },
    { test: "bc", expected: ["SCRIPT_task2"] },
    { test: "abc", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP06_MultiChoice_InclusiveGateway.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
    { test: "b", expected: ["SCRIPT_task2"] },
    { test: "c", expected: ["SCRIPT_task3"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
    { test: "ac", expected: ["SCRIPT_task1"] },
    { test: "bc", expected: ["SCRIPT_task2"] },
    { test: "abc", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP07_StructuredSynchronizingMerge.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task3"] },
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task3"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "cfpatterns/WCP08_MultiMerge.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task4"] },
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task4"] },
    { test: "c", expected: ["SCRIPT_task3", "SCRIPT_task4"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task4", "SCRIPT_task4"] },
    { test: "ac", expected: ["SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task4", "SCRIPT_task4"] },
    { test: "bc", expected: ["SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4", "SCRIPT_task4"] },
    { test: "abc", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4", "SCRIPT_task4", "SCRIPT_task4"] },
  ] },
  { file: "cfpatterns/WCP09_Structured_Discriminator_ComplexGateway.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "cfpatterns/WCP09_Structured_Discriminator_MultiInstance.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "cfpatterns/WCP10_ArbitraryCycles.bpmn", cases: [
    { integerVariable: 2, expected: ["SCRIPT_task1", "SCRIPT_task2"] },
    { integerVariable: 1, expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task2"] },
    { integerVariable: 0, expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP11_ImplicitTermination.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "cfpatterns/WCP12_MultipleInstancesWithoutSynchronization.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task3", "SCRIPT_task3"] },
  ] },
  { file: "cfpatterns/WCP13_MultipleInstancesWithAPrioriDesignTimeKnowledge.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP14_MultipleInstancesWithAPrioriRuntimeKnowledge.bpmn", cases: [
    { integerVariable: 3, expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP16_DeferredChoice.bpmn", cases: [
    { test: "a", waitMs: 8000, expected: ["SCRIPT_task1", "SCRIPT_task3"] },
    { test: "b", waitMs: 8000, expected: ["SCRIPT_task2", "SCRIPT_task4"] },
  ] },
  { file: "cfpatterns/WCP17_InterleavedParallelRouting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "cfpatterns/WCP19_CancelTask.bpmn", cases: [
    { expected: ["SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP20_CancelCaseCancel.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP20_CancelCaseError.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "cfpatterns/WCP20_CancelCaseTerminate.bpmn", cases: [
    { expected: [] },
  ] },
  { file: "data/DataObject_ReadWrite_String.bpmn", cases: [
    { expected: ["DATA_correct"] },
  ] },
  { file: "data/Property_ReadWrite_String.bpmn", cases: [
    { expected: ["DATA_correct"] },
  ] },
  { file: "errors/ExclusiveDiverging_ParallelConverging.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
    { test: "b", expected: ["SCRIPT_task2"] },
    { test: "ab", expected: ["SCRIPT_task1"] },
  ] },
  { file: "errors/InclusiveDiverging_ParallelConverging.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
    { test: "b", expected: ["SCRIPT_task2"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "errors/LoopTask_NegativeLoopMaximum.bpmn", cases: [
    { expected: ["ERROR"] },
  ] },
  { file: "errors/MultiInstanceTask_NegativeLoopCardinality.bpmn", cases: [
    { expected: ["ERROR"] },
  ] },
  { file: "errors/ParallelGateway_Conditions.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
    { test: "b", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
    { test: "c", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "errors/Token_CompletionQuantity_Zero.bpmn", cases: [
    { expected: ["ERROR"] },
  ] },
  { file: "errors/Token_StartQuantity_Two.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "errors/Token_StartQuantity_Zero.bpmn", cases: [
    { expected: ["ERROR"] },
  ] },
  { file: "events/Cancel_Event.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "events/Compensation_BoundaryEvent_SubProcess.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Compensation_EndEvent_SubProcess.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Compensation_EndEvent_TopLevel.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Compensation_IntermediateEvent.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Compensation_StartEvent_EventSubProcess.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Compensation_TriggeredByCancel.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Conditional_BoundaryEvent_SubProcess_Interrupting.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task3"] },
    { test: "b", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "events/Conditional_BoundaryEvent_SubProcess_NonInterrupting.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
    { test: "b", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "events/Conditional_IntermediateEvent.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
    { test: "b", expected: [] },
  ] },
  { file: "events/Conditional_StartEvent_EventSubProcess_Interrupting.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Conditional_StartEvent_EventSubProcess_NonInterrupting.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "events/Error_BoundaryEvent_SubProcess_Interrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "events/Error_BoundaryEvent_Transaction_Interrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "events/Error_EndEvent_TopLevel.bpmn", cases: [
    { expected: ["SCRIPT_task1", "ERROR_thrownErrorEvent"] },
  ] },
  { file: "events/Error_StartEvent_EventSubProcess_Interrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "events/Escalation_BoundaryEvent_SubProcess_Interrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task3"] },
  ] },
  { file: "events/Escalation_BoundaryEvent_SubProcess_NonInterrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4"] },
  ] },
  { file: "events/Escalation_EndEvent_SubProcess.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Escalation_EndEvent_TopLevel.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Escalation_IntermediateThrowEvent.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Escalation_StartEvent_EventSubProcess_Interrupting.bpmn", cases: [
    { expected: ["SCRIPT_task2"] },
  ] },
  { file: "events/Escalation_StartEvent_EventSubProcess_NonInterrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "events/EventDefinitionRef_Error_EndEvent_TopLevel.bpmn", cases: [
    { expected: ["SCRIPT_task1", "ERROR_thrownErrorEvent"] },
  ] },
  { file: "events/EventDefinitionRef_Error_StartEvent_EventSubProcess_Interrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "events/EventDefinitionRef_Signal_BoundaryEvent_SubProcess_NonInterrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4"] },
  ] },
  { file: "events/EventDefinitionRef_Timer_IntermediateEvent.bpmn", cases: [
    { waitMs: 5000, expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Link_Event.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Message_EndEvent.bpmn", cases: [
    { expected: ["SCRIPT_task1", "MARKER_exists"] },
  ] },
  { file: "events/Message_IntermediateEvent.bpmn", cases: [
    { parallelProcessFirst: true, expected: ["SCRIPT_task1", "MARKER_exists"] },
  ] },
  { file: "events/Message_StartEvent.bpmn", cases: [
    { expected: ["SCRIPT_task1", "MARKER_exists"] },
  ] },
  { file: "events/Multiple_IntermediateEvent_MissingEvent.bpmn", cases: [
    { expected: [] },
  ] },
  { file: "events/Multiple_IntermediateEvent_ThrowFirstEventDefinition.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Multiple_IntermediateEvent_ThrowLastEventDefinition.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Multiple_IntermediateThrowEvent.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2"] },
  ] },
  { file: "events/Multiple_Parallel_IntermediateEvent.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Multiple_Parallel_IntermediateEvent_MissingEvent.bpmn", cases: [
    { expected: [] },
  ] },
  { file: "events/Signal_BoundaryEvent_SubProcess_Interrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task3"] },
  ] },
  { file: "events/Signal_BoundaryEvent_SubProcess_NonInterrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task4"] },
  ] },
  { file: "events/Signal_EndEvent.bpmn", cases: [
    { expected: ["SCRIPT_task1", "MARKER_exists"] },
  ] },
  { file: "events/Signal_EndEvent_SubProcess.bpmn", cases: [
    { expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Signal_IntermediateEvent.bpmn", cases: [
    { parallelProcessFirst: true, expected: ["SCRIPT_task1", "MARKER_exists"] },
  ] },
  { file: "events/Signal_IntermediateEvent_ThrowAndCatch.bpmn", cases: [
    { waitMs: 10000, expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Signal_StartEvent.bpmn", cases: [
    { expected: ["MARKER_exists", "SCRIPT_task1"] },
  ] },
  { file: "events/Signal_StartEvent_EventSubProcess_Interrupting.bpmn", cases: [
    { expected: ["SCRIPT_task2"] },
  ] },
  { file: "events/Signal_StartEvent_EventSubProcess_NonInterrupting.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "events/Terminate_Event.bpmn", cases: [
    { expected: [] },
  ] },
  { file: "events/Timer_BoundaryEvent_SubProcess_Interrupting.bpmn", cases: [
    { waitMs: 5000, expected: ["SCRIPT_task3"] },
  ] },
  { file: "events/Timer_BoundaryEvent_SubProcess_Interrupting_Activity.bpmn", cases: [
    { waitMs: 12000, expected: ["SCRIPT_task2"] },
  ] },
  { file: "events/Timer_BoundaryEvent_SubProcess_NonInterrupting.bpmn", cases: [
    { waitMs: 5000, expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "events/Timer_BoundaryEvent_SubProcess_TimeCycle.bpmn", cases: [
    { waitMs: 65000, expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3", "SCRIPT_task3", "SCRIPT_task3", "SCRIPT_task3"] },
  ] },
  { file: "events/Timer_IntermediateEvent.bpmn", cases: [
    { waitMs: 5000, expected: ["SCRIPT_task1"] },
  ] },
  { file: "events/Timer_IntermediateTimeCycleEvent.bpmn", cases: [
    { waitMs: 5000, expected: ["SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1", "SCRIPT_task1"] },
  ] },
  { file: "events/Timer_StartEvent_EventSubProcess_Interrupting.bpmn", cases: [
    { waitMs: 5000, expected: ["SCRIPT_task2"] },
  ] },
  { file: "events/Timer_StartEvent_EventSubProcess_NonInterrupting.bpmn", cases: [
    { waitMs: 5000, expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "events/Timer_StartEvent_TimeCycle_EventSubProcess_NonInterrupting.bpmn", cases: [
    { waitMs: 35000, expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task2", "SCRIPT_task2", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "gateways/ComplexGateway.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task4"] },
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task4"] },
    { test: "c", expected: ["SCRIPT_task3", "SCRIPT_task4"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task4"] },
  ] },
  { file: "gateways/EventBasedGateway_Signals.bpmn", cases: [
    { waitMs: 10000, expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task4"] },
  ] },
  { file: "gateways/EventBasedGateway_Timer.bpmn", cases: [
    { waitMs: 5000, expected: ["SCRIPT_task2"] },
  ] },
  { file: "gateways/ExclusiveDiverging_InclusiveConverging.bpmn", cases: [
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task3"] },
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task3"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task3"] },
  ] },
  { file: "gateways/ExclusiveGateway.bpmn", cases: [
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task3"] },
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task3"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task3"] },
    { test: "c", expected: ["ERROR_runtime"] },
  ] },
  { file: "gateways/ExclusiveGatewayMixed.bpmn", cases: [
    { test: "a", expected: ["SCRIPT_task2", "SCRIPT_task4", "SCRIPT_task5"] },
    { test: "b", expected: ["SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task5"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task5"] },
  ] },
  { file: "gateways/ExclusiveGateway_Default.bpmn", cases: [
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task4"] },
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task4"] },
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task4"] },
    { test: "c", expected: ["SCRIPT_task3", "SCRIPT_task4"] },
  ] },
  { file: "gateways/InclusiveDiverging_ExclusiveConverging.bpmn", cases: [
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task2", "SCRIPT_task3"] },
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task3"] },
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "gateways/InclusiveGateway.bpmn", cases: [
    { test: "ab", expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
    { test: "a", expected: ["SCRIPT_task1", "SCRIPT_task3"] },
    { test: "b", expected: ["SCRIPT_task2", "SCRIPT_task3"] },
    { test: "c", expected: ["ERROR_runtime"] },
  ] },
  { file: "gateways/InclusiveGateway_Default.bpmn", cases: [
    { test: "c", expected: ["SCRIPT_task3", "SCRIPT_task4"] },
  ] },
  { file: "gateways/ParallelDiverging_ExclusiveConverging.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task3", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "gateways/ParallelDiverging_InclusiveConverging.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "gateways/ParallelGateway.bpmn", cases: [
    { expected: ["SCRIPT_task1", "SCRIPT_task2", "SCRIPT_task3"] },
  ] },
  { file: "gateways/ParallelGateway_TrueParallelism.bpmn", cases: [
    { waitMs: 22000, expected: ["EXECUTION_parallel"] },
  ] },
];
