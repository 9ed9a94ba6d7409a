/**
 * The two versions of one process the versions tests deploy: v2 keeps review, turns pay from a
 * user task into an external service task, and drops archive.
 */
const head = (defs: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="${defs}">`;

/** review → pay (user task) → archive → end; the start event opens leave-form */
export const LEAVE_V1 = `${head('leave_v1')}
  <process id="leave" name="Leave request" isExecutable="true">
    <startEvent id="start" camunda:formRef="leave-form" /><sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <userTask id="review" name="Review" /><sequenceFlow id="f2" sourceRef="review" targetRef="pay" />
    <userTask id="pay" name="Pay" /><sequenceFlow id="f3" sourceRef="pay" targetRef="archive" />
    <userTask id="archive" name="Archive" /><sequenceFlow id="f4" sourceRef="archive" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

/** review → pay (now an external service task) → end; archive is gone */
export const LEAVE_V2 = `${head('leave_v2')}
  <process id="leave" name="Leave request" isExecutable="true">
    <startEvent id="start" camunda:formRef="leave-form" /><sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <userTask id="review" name="Review" /><sequenceFlow id="f2" sourceRef="review" targetRef="pay" />
    <serviceTask id="pay" name="Pay" camunda:type="external" camunda:topic="leave.pay" /><sequenceFlow id="f3" sourceRef="pay" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;
