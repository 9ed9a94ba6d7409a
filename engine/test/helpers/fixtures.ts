import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeploymentResult, Engine } from '../../src/index.ts';

/** reads a fixture that sits beside the test file */
export function fixture(testUrl: string, name: string): string {
  return readFileSync(join(dirname(fileURLToPath(testUrl)), name), 'utf8');
}

export function deployFixture(engine: Engine, testUrl: string, ...names: string[]): Promise<DeploymentResult> {
  return engine.deploy(names.map((name) => ({ name, content: fixture(testUrl, name) })));
}

/** a BPMN document around the given process body (for small inline models) */
export function bpmn(processId: string, body: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://liuzhuan.test" id="defs_${processId}">
  ${extra}
  <process id="${processId}" isExecutable="true">
    ${body}
  </process>
</definitions>`;
}

export function deployInline(engine: Engine, processId: string, body: string, extra = ''): Promise<DeploymentResult> {
  return engine.deploy([{ name: `${processId}.bpmn`, content: bpmn(processId, body, extra) }]);
}
