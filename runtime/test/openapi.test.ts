import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

type Operation = { responses?: Record<string, { description?: string; content?: unknown }>; parameters?: unknown[]; requestBody?: unknown };

/**
 * Issue 3: "Request and response schemas on every route (fastify's own validation and
 * serialisation); OpenAPI at /docs." The OpenAPI document is generated from the routes'
 * schemas, so a route without a response schema shows no content for any status.
 */
describe('OpenAPI at /docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is public and lists every route with its declared responses', async () => {
    // when
    const res = await t.request(null, { method: 'GET', url: '/docs/json' });
    // then
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toMatch(/^3\./);
    const missing: string[] = [];
    for (const r of t.app.routes) {
      // the docs themselves, CORS preflights and the web app's files are not API operations
      if (r.url.startsWith('/docs') || r.method === 'OPTIONS' || r.url === '/*') continue;
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      if (!op) {
        missing.push(`${r.method} ${r.url}: not in the document`);
        continue;
      }
      // a declared schema shows as content; a 204 has none by definition
      const declared = Object.entries(op.responses ?? {}).filter(([status, x]) => x.content !== undefined || status === '204');
      if (declared.length === 0) missing.push(`${r.method} ${r.url}: no response schema`);
    }
    expect(missing.join('\n')).toBe('');
  });
});
