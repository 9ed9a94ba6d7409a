import type { TestApp } from '../helpers/test-app.ts';

export const company = {
  'x-entity': 'company',
  type: 'object',
  'x-title-field': 'name',
  properties: { name: { type: 'string', maxLength: 200 } },
  required: ['name'],
};

export const customer = {
  'x-entity': 'customer',
  type: 'object',
  'x-title-field': 'name',
  'x-index': ['revenue', 'stage', 'name'],
  'x-stage-field': 'stage',
  'x-match': ['email', 'phone', 'name'],
  'x-i18n': { 'zh-CN': { title: '客户', fields: { name: '名称' } } },
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    email: { type: 'string', format: 'email' },
    phone: { type: 'string' },
    revenue: { type: 'number' },
    stage: { type: 'string', enum: ['lead', 'won', 'lost'] },
    tags: { type: 'array', items: { type: 'string' } },
    company: { type: 'string', 'x-ref': 'company' },
  },
  required: ['name'],
};

export async function deploy(t: TestApp, schema: unknown) {
  return t.admin({ method: 'POST', url: '/api/entities/types', payload: schema as object });
}

export async function create(t: TestApp, type: string, data: Record<string, unknown>, user?: { id: string; password: string }) {
  const opts = { method: 'POST' as const, url: `/api/entities/${type}`, payload: data };
  return user ? t.request(user, opts) : t.admin(opts);
}
