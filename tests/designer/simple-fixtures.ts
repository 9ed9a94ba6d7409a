/**
 * Shared by the simple-mode tests: trees to turn into BPMN, bpmn-moddle to read the result, and
 * an engine (in-memory PGlite, or a schema of its own on DATABASE_URL) with a small org directory
 * behind the runtime's expression functions (manager, deptHead, usersWithRole).
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine, openDb } from '@liuzhuan/engine';
import type { ApproverNode, Branch, CcNode, ConditionNode, FlowNode, SimpleTree } from '../../designer/src/simple/types.ts';

export function approver(id: string, source: ApproverNode['source'], mode: ApproverNode['mode'] = 'all', extra: Partial<ApproverNode> = {}): ApproverNode {
  return { type: 'approver', id, name: `Approve ${id}`, mode, source, ...extra };
}

export function cc(id: string, users: string[]): CcNode {
  return { type: 'cc', id, name: `Copy ${id}`, users };
}

export function branch(id: string, expression: string, children: FlowNode[], isDefault = false): Branch {
  return { id, name: `Branch ${id}`, expression, isDefault, children };
}

export function condition(id: string, branches: Branch[]): ConditionNode {
  return { type: 'condition', id, name: `Which ${id}`, branches };
}

export function tree(children: FlowNode[], formKey?: string): SimpleTree {
  return { version: 1, start: { type: 'start', id: 'StartEvent', name: 'Submit', ...(formKey ? { formKey } : {}) }, children };
}

// ---- bpmn-moddle: a dependency of the engine, not of tests/ — resolved where the engine resolves it
interface ModdleElement {
  $type: string;
  id?: string;
  [k: string]: unknown;
}
interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: Array<{ message: string }> }>;
}

export async function readBpmn(xml: string): Promise<{ definitions: ModdleElement; warnings: string[] }> {
  const fromEngine = createRequire(join(resolve(import.meta.dirname, '../../engine'), 'package.json'));
  const mod = (await import(pathToFileURL(fromEngine.resolve('bpmn-moddle')).href)) as { BpmnModdle: new (packages: object) => Moddle };
  const camunda = fromEngine('camunda-bpmn-moddle/resources/camunda.json') as object;
  const moddle = new mod.BpmnModdle({ camunda });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  return { definitions: rootElement, warnings: warnings.map((w) => w.message) };
}

// ---- the engine with an org directory
export const ORG = {
  managers: { alice: 'bob', bob: 'carol', carol: 'dave' } as Record<string, string>,
  heads: { sales: 'sam' } as Record<string, string>,
  members: { finance: ['fay', 'fred'], auditors: ['ann', 'art'] } as Record<string, string[]>,
};

const orgFunctions = {
  manager: (user: unknown, level: unknown = 1) => {
    let u = typeof user === 'string' ? user : null;
    for (let i = 0; i < Number(level) && u; i++) u = ORG.managers[u] ?? null;
    return u;
  },
  deptHead: (dept: unknown) => ORG.heads[String(dept)] ?? null,
  usersWithRole: (role: unknown) => ORG.members[String(role)] ?? [],
};

export async function openEngine(): Promise<{ engine: Engine; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const schema = `lzt_simple_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const db = url ? await openDb({ databaseUrl: url, schema, poolSize: 4 }) : await openDb();
  const engine = await Engine.create({ db, expressionFunctions: orgFunctions });
  return {
    engine,
    close: async () => {
      await engine.close();
      if (url) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
}
