import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda 7 RepositoryService: a deployment keeps every resource it was given — BPMN, forms,
// images — and hands each back unchanged (GET /deployment/{id}/resources/{rid}/data).

const png = () => readFileSync(new URL('./logo.png', import.meta.url));

describe('deployments and their resources', () => {
  let t: TestEngine;
  let deploymentId: string;
  beforeAll(async () => {
    t = await createTestEngine();
    const d = await t.engine.deploy(
      [
        { name: 'order.bpmn', content: fixture(import.meta.url, 'order.bpmn') },
        { name: 'order.form', content: fixture(import.meta.url, 'order.form') },
        { name: 'logo.png', content: new Uint8Array(png()) },
      ],
      { name: 'order-app', source: 'modeler' },
    );
    deploymentId = d.id;
  });
  afterAll(() => t.close());

  it('getDeployments lists the deployment with its name, source and time', async () => {
    const all = await t.engine.getDeployments({ id: deploymentId });
    expect(all).toEqual([{ id: deploymentId, name: 'order-app', source: 'modeler', deploymentTime: new Date(T0) }]);
    expect(await t.engine.getDeployments({ name: 'order-app' })).toHaveLength(1);
    expect(await t.engine.getDeployments({ nameLike: 'order%' })).toHaveLength(1);
    expect(await t.engine.getDeployments({ name: 'other' })).toEqual([]);
    expect(await t.engine.countDeployments({ name: 'order-app' })).toBe(1);
    const [d] = await t.engine.getDefinitions({ key: 'order' });
    expect(d?.deploymentId).toBe(deploymentId);
  });

  it('the resources of a deployment are listed by name', async () => {
    const resources = await t.engine.getDeploymentResources(deploymentId);
    expect(resources.map((r) => [r.name, r.deploymentId])).toEqual([
      ['logo.png', deploymentId],
      ['order.bpmn', deploymentId],
      ['order.form', deploymentId],
    ]);
    expect(new Set(resources.map((r) => r.id)).size).toBe(3);
  });

  it('a form (JSON text) and an image (binary) come back byte for byte', async () => {
    // when
    const form = await t.engine.getDeploymentResource(deploymentId, { name: 'order.form' });
    const logo = await t.engine.getDeploymentResource(deploymentId, { name: 'logo.png' });
    // then
    expect(form?.name).toBe('order.form');
    expect(form?.data.equals(Buffer.from(fixture(import.meta.url, 'order.form'), 'utf8'))).toBe(true);
    expect(logo?.name).toBe('logo.png');
    expect(logo?.data.equals(png())).toBe(true);
    // the BPMN too
    const bpmn = await t.engine.getDeploymentResource(deploymentId, { name: 'order.bpmn' });
    expect(bpmn?.data.toString('utf8')).toBe(fixture(import.meta.url, 'order.bpmn'));
  });

  it('text given as bytes keeps every byte, a UTF-8 byte-order mark included', async () => {
    // given: a CSV as an editor on Windows writes it (BOM, CRLF)
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name;amount\r\nÄrger;1\r\n', 'utf8')]);
    const d = await t.engine.deploy([{ name: 'rates.csv', content: new Uint8Array(bytes) }]);
    // when
    const back = await t.engine.getDeploymentResource(d.id, { name: 'rates.csv' });
    // then
    expect(back?.data.toString('hex')).toBe(bytes.toString('hex'));
  });

  it('a resource can be read by its id; an unknown one is null', async () => {
    const resources = await t.engine.getDeploymentResources(deploymentId);
    const logoId = resources.find((r) => r.name === 'logo.png')!.id;
    expect((await t.engine.getDeploymentResource(deploymentId, { id: logoId }))?.data.equals(png())).toBe(true);
    expect(await t.engine.getDeploymentResource(deploymentId, { name: 'missing.txt' })).toBeNull();
    expect(await t.engine.getDeploymentResource('no-such-deployment', { id: logoId })).toBeNull();
  });

  it('a .form that is not JSON is refused and nothing is deployed', async () => {
    // given
    const count = await t.engine.countDeployments();
    // when
    const err = await t.engine
      .deploy([
        { name: 'order2.bpmn', content: fixture(import.meta.url, 'order.bpmn').replace('id="order"', 'id="order2"') },
        { name: 'broken.form', content: '{ "components": [ ' },
      ])
      .catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ code: 'LZ_ERR_DEPLOY_INVALID' });
    expect((err as Error).message).toContain('broken.form');
    expect(await t.engine.countDeployments()).toBe(count);
    expect(await t.engine.getDefinitions({ key: 'order2' })).toEqual([]);
  });

  it('a binary .form is refused too', async () => {
    const err = await t.engine.deploy([{ name: 'image.form', content: new Uint8Array(png()) }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LZ_ERR_DEPLOY_INVALID' });
  });
});
