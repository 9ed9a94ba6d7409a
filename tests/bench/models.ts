/** The benchmark models. Straight-through is the issue's: start → none task → FEEL script →
 * JavaScript script → exclusive gateway → end. */
export const STRAIGHT = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://liuzhuan.bench" id="benchStraightDefs">
  <process id="benchStraight" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="none" />
    <task id="none" />
    <sequenceFlow id="f2" sourceRef="none" targetRef="feel" />
    <scriptTask id="feel" scriptFormat="feel" camunda:resultVariable="total"><script>amount * 2</script></scriptTask>
    <sequenceFlow id="f3" sourceRef="feel" targetRef="js" />
    <scriptTask id="js" scriptFormat="javascript" camunda:resultVariable="label"><script>"total " + total</script></scriptTask>
    <sequenceFlow id="f4" sourceRef="js" targetRef="xor" />
    <exclusiveGateway id="xor" default="small" />
    <sequenceFlow id="big" sourceRef="xor" targetRef="endBig"><conditionExpression xsi:type="tFormalExpression">=total &gt; 100</conditionExpression></sequenceFlow>
    <sequenceFlow id="small" sourceRef="xor" targetRef="endSmall" />
    <endEvent id="endBig" />
    <endEvent id="endSmall" />
  </process>
</definitions>`;

export const USER_TASK = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="http://liuzhuan.bench" id="benchUserTaskDefs">
  <process id="benchUserTask" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
    <userTask id="approve" name="Approve" />
    <sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

export const EXTERNAL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://liuzhuan.bench" id="benchExternalDefs">
  <process id="benchExternal" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <serviceTask id="work" name="Work" camunda:type="external" camunda:topic="bench.work" />
    <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;
