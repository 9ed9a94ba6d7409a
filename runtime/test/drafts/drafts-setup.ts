import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';

export const fixture = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

export type Credentials = { id: string; password: string };

/** an analyst (may design) and an employee (may not) */
export async function designers(t: TestApp): Promise<{ analyst: Credentials; employee: Credentials }> {
  return { analyst: await t.user('ana', { roles: ['analyst'] }), employee: await t.user('emma', { roles: ['employee'] }) };
}

/** creates a draft through the API and returns it */
export async function createDraft(t: TestApp, who: Credentials, payload: Record<string, unknown>): Promise<{ id: string; key: string; revision: number; content: string }> {
  const r = await t.request(who, { method: 'POST', url: '/api/drafts', payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
