import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { company, customer } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function form(files: Record<string, string>): { payload: string; headers: Record<string, string> } {
  const b = 'xXlzBoundaryXx';
  const parts = Object.entries(files).map(([name, text]) => `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\nContent-Type: application/json\r\n\r\n${text}\r\n`);
  return { payload: `${parts.join('')}--${b}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

describe('*.entity.json in a deployment', () => {
  it('refuses the whole deployment when a type is bad, naming the file and the JSON pointer', async () => {
    // given
    const bad = { ...customer, 'x-index': ['revenue', 'ghost'] };
    // when
    const res = await t.admin({ method: 'POST', url: '/engine-rest/deployment/create', ...form({ 'company.entity.json': JSON.stringify(company), 'customer.entity.json': JSON.stringify(bad) }) });
    // then
    expect(res.statusCode).toBe(400);
    // the deployment route's 400 schema (Camunda's ErrorBody) carries the message only
    expect(res.json().code).toBe('LZ_ERR_ENTITY_TYPE_INVALID');
    expect(res.json().message).toContain('customer.entity.json /x-index/1: x-index must name properties of the type');
    expect(await t.app.engine.getDeployments({})).toEqual([]);
    expect(await t.app.entities.listTypes()).toEqual([]);
  });

  it('registers the types with the deployment id (x-ref within the deployment), unchanged → no new version', async () => {
    // when: customer (which points at company) comes first in the form
    const files = { 'customer.entity.json': JSON.stringify(customer), 'company.entity.json': JSON.stringify(company) };
    const res = await t.admin({ method: 'POST', url: '/engine-rest/deployment/create', ...form(files) });
    const again = await t.admin({ method: 'POST', url: '/engine-rest/deployment/create', ...form(files) });
    // then
    expect(res.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    const types = await t.app.entities.listTypes();
    expect(types.map((x) => [x.name, x.version, x.deploymentId])).toEqual([
      ['company', 1, res.json().id],
      ['customer', 1, res.json().id],
    ]);
  });
});
