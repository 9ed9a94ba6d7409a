import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

export const PLUGINS_DIR = resolve(import.meta.dirname, '../../../plugins');

export const bpmn = (file: string) => ({ name: file, content: readFileSync(resolve(import.meta.dirname, file), 'utf8') });

export const CUSTOMER = {
  'x-entity': 'customer',
  type: 'object',
  'x-title-field': 'name',
  'x-index': ['tier'],
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
    tier: { type: 'string', enum: ['basic', 'silver', 'gold'] },
  },
  required: ['name', 'email'],
};

export const OPPORTUNITY = {
  'x-entity': 'opportunity',
  type: 'object',
  'x-title-field': 'title',
  'x-stage-field': 'stage',
  properties: {
    title: { type: 'string', minLength: 1 },
    stage: { type: 'string', enum: ['lead', 'qualified', 'proposal', 'won', 'lost'] },
    amount: { type: 'number' },
  },
  required: ['title', 'stage'],
};

/** the app with only the entity plugin, its entity types deployed through the API */
export async function entityApp(types: object[]): Promise<TestApp> {
  const t = await createTestApp({ PLUGINS_DIR, PLUGINS: 'entity', PLUGIN_POLL_MS: '60000' });
  for (const schema of types) {
    const res = await t.admin({ method: 'POST', url: '/api/entities/types', payload: schema });
    expect(res.statusCode, res.body).toBe(201);
  }
  return t;
}
