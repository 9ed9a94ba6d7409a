import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

export const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
export type User = { id: string; password: string };

export interface Office {
  t: TestApp;
  /** staff: may start purchase */
  alice: User;
  /** managers: candidates of the approval step */
  mike: User;
  mona: User;
  /** copied by name (carol, dave) and by group (erin, auditors) */
  carol: User;
  dave: User;
  erin: User;
  /** in no group: starts only what admits everyone, sees nothing of others */
  sam: User;
  get(user: User, url: string): Promise<LightMyRequestResponse>;
  post(user: User, url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** alice starts a purchase through its start form; returns the instance id */
  startPurchase(item?: string): Promise<string>;
  /** the one open task of an instance */
  openTask(instanceId: string): Promise<{ id: string; taskDefinitionKey: string; assignee: string | null }>;
}

/** an app on its own database with the purchase process (approval, cc, receipt) and its forms deployed */
export async function openOffice(): Promise<Office> {
  const t = await createTestApp();
  const alice = await t.user('alice', { groups: ['staff'] });
  const mike = await t.user('mike', { groups: ['managers'] });
  const mona = await t.user('mona', { groups: ['managers'] });
  const carol = await t.user('carol');
  const dave = await t.user('dave');
  const erin = await t.user('erin', { groups: ['auditors'] });
  const sam = await t.user('sam');
  await t.app.engine.deploy([
    { name: 'purchase.bpmn', content: file('purchase.bpmn') },
    { name: 'purchase-start.form', content: file('purchase-start.form') },
    { name: 'purchase-approve.form', content: file('purchase-approve.form') },
  ]);
  const get = (user: User, url: string) => t.request(user, { method: 'GET', url });
  const post = (user: User, url: string, payload?: object) => t.request(user, { method: 'POST', url, ...(payload ? { payload } : {}) });
  return {
    t,
    alice,
    mike,
    mona,
    carol,
    dave,
    erin,
    sam,
    get,
    post,
    startPurchase: async (item = 'laptop') => {
      const res = await post(alice, '/api/forms/start/purchase', { values: { item, amount: 1200 } });
      expect(res.statusCode).toBe(201);
      return res.json().processInstanceId as string;
    },
    openTask: async (instanceId) => {
      const tasks = await t.app.engine.getTasks({ processInstanceId: instanceId });
      expect(tasks).toHaveLength(1);
      return tasks[0]!;
    },
  };
}
