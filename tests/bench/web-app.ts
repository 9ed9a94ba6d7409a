/// <reference lib="dom" />
// (callbacks passed to page.evaluate run in the browser)
import type { Page } from 'playwright-core';
import { browserMissing, launchBrowser } from '../browser/harness/browser.ts';
import { startServer } from '../browser/harness/server.ts';

export interface RouteLoad {
  route: string;
  /** gzip bytes of JavaScript the browser downloaded for a cold load of the route (cache empty) */
  jsBytes: number;
  /** JavaScript files fetched */
  jsFiles: number;
  /** whether any bpmn-js / diagram-js / form-js editor code was among them */
  editorCode: boolean;
  /** navigation start → the route's ready marker visible, median of the runs */
  readyMs: number;
}

export interface WebFigures {
  routes: RouteLoad[];
  runs: number;
}

// class names only the libraries' own code creates (file names in the entry's lazy-import map
// would match "bpmn-js" without the code being loaded)
const EDITOR_MARKERS = [/djs-container/, /bjs-powered-by/, /fjs-editor-container/, /bio-properties-panel-group/];

async function coldLoad(page: Page, url: string, ready: string): Promise<{ ms: number; js: { name: string; size: number }[]; text: string }> {
  const t0 = Date.now();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = Date.now() - t0;
  const js = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js'))
      .map((e) => ({ name: e.name, size: (e as globalThis.PerformanceResourceTiming).encodedBodySize })),
  );
  // the names of the modules a chunk holds are gone after minifying; read the code for their marks
  const text = (await Promise.all(js.map((j) => page.evaluate(async (u) => (await fetch(u)).text(), j.name)))).join('\n');
  return { ms, js, text };
}

/**
 * Cold loads of the production build in headless Chromium: the employee's inbox (goal: under
 * 300 KB of gzipped JavaScript and no modeler code) against the analyst's modeler, the heaviest
 * route, measured in the same run as its baseline.
 */
export async function benchWebApp(runs = 5): Promise<WebFigures | null> {
  if (browserMissing) {
    console.log('web app: no Chromium on this machine (apt-get install chromium): skipped');
    return null;
  }
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await server.user('bench-analyst', { roles: ['analyst'] });
    const login = await server.app.fastify.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench-analyst', password: 'bench-analyst-pass-1' } });
    const token = (login.json() as { token: string }).token;
    const draft = await server.app.fastify.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: { authorization: `Bearer ${token}` },
      payload: { kind: 'bpmn', key: 'bench-draft', name: 'Bench', content: EMPTY_BPMN },
    });
    const draftId = draft.statusCode === 201 ? (draft.json() as { id: string }).id : null;
    const targets = [
      { route: '/inbox', ready: '[data-testid="inbox-empty"], [data-testid="inbox-item"]' },
      ...(draftId ? [{ route: `/design/bpmn/${draftId}`, ready: '.djs-palette' }] : []),
    ];
    const routes: RouteLoad[] = [];
    for (const t of targets) {
      const times: number[] = [];
      let last: Awaited<ReturnType<typeof coldLoad>> | null = null;
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        await context.addInitScript((tk) => localStorage.setItem('lz.token', tk), token);
        const page = await context.newPage();
        last = await coldLoad(page, `${server.url}${t.route}`, t.ready);
        times.push(last.ms);
        await context.close();
      }
      times.sort((a, b) => a - b);
      routes.push({
        route: t.route.replace(/[0-9a-f-]{36}$/, ':id'),
        jsBytes: last!.js.reduce((s, j) => s + j.size, 0),
        jsFiles: last!.js.length,
        editorCode: EDITOR_MARKERS.some((m) => m.test(last!.text)),
        readyMs: times[Math.floor(times.length / 2)]!,
      });
    }
    return { routes, runs };
  } finally {
    await browser.close();
    await server.close();
  }
}

export function webTable(f: WebFigures): string {
  const base = f.routes.find((r) => r.route !== '/inbox');
  const lines = ['| route | JS transferred (gzip) | files | modeler/editor code | ÷ modeler route | time to usable (median of ' + f.runs + ') |', '|---|---:|---:|---|---:|---:|'];
  for (const r of f.routes) {
    lines.push(`| \`${r.route}\` | ${(r.jsBytes / 1024).toFixed(0)} KB | ${r.jsFiles} | ${r.editorCode ? 'yes' : 'no'} | ${base ? (r.jsBytes / base.jsBytes).toFixed(2) : '–'} | ${r.readyMs} ms |`);
  }
  return lines.join('\n');
}

const EMPTY_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="bench-draft" isExecutable="true"><bpmn:startEvent id="start" /></bpmn:process>
  <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="bench-draft">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="180" y="160" width="36" height="36" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
