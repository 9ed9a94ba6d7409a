/**
 * Paints run-time facts onto a bpmn-js viewer: markers (CSS classes on the element's SVG group,
 * styled in markers.css) and HTML overlays (badges). Used by the instance page and the heatmap.
 * Only elements present in the diagram are touched; ids from history such as
 * `task#multiInstanceBody` are mapped to their task.
 */

interface Element {
  id: string;
  type: string;
  width?: number;
  height?: number;
  waypoints?: unknown[];
  source?: Element;
  target?: Element;
  businessObject?: { name?: string };
}
interface Canvas {
  addMarker(id: string, cls: string): void;
  removeMarker(id: string, cls: string): void;
  zoom(mode: string, center?: string): void;
}
interface Registry {
  get(id: string): Element | undefined;
  getAll(): Element[];
}
interface Overlays {
  add(id: string, type: string, o: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
/** the part of a bpmn-js viewer used here */
export interface ViewerLike {
  get(name: 'canvas'): Canvas;
  get(name: 'elementRegistry'): Registry;
  get(name: 'overlays'): Overlays;
}
/** a NavigatedViewer as the pages hold it (bpmn-js is imported untyped, see env.d.ts) */
export interface BpmnViewer extends ViewerLike {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  destroy(): void;
}

const TYPE = 'lz';
const MARKERS = ['lz-taken', 'lz-active', 'lz-incident'];

/** takes off every marker and overlay this helper put on, so a repaint starts clean */
export function clearMarkers(viewer: ViewerLike): void {
  const canvas = viewer.get('canvas');
  for (const e of viewer.get('elementRegistry').getAll()) for (const m of MARKERS) canvas.removeMarker(e.id, m);
  viewer.get('overlays').remove({ type: TYPE });
}

/** a history activity id → the diagram element id */
export function elementIdOf(activityId: string): string {
  return activityId.replace(/#multiInstanceBody$/, '');
}

function el(tag: string, cls: string, text: string, title?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  if (title) e.title = title;
  return e;
}

export interface InstanceFacts {
  active: { activityId: string; count: number }[];
  path: { activityId: string; startTime: string; endTime: string | null }[];
  incidents: { activityId: string | null; message: string | null }[];
}

/** active (with a count badge), taken (elements and the flows between two taken elements), incidents */
export function applyInstanceMarkers(viewer: ViewerLike, facts: InstanceFacts): void {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  clearMarkers(viewer);
  const has = (id: string) => !!registry.get(id);

  // first start per element: a flow counts as taken when its target started after its source did
  const firstStart = new Map<string, number>();
  const lastStart = new Map<string, number>();
  for (const p of facts.path) {
    const id = elementIdOf(p.activityId);
    const t = Date.parse(p.startTime);
    if (!has(id)) continue;
    canvas.addMarker(id, 'lz-taken');
    if (!firstStart.has(id) || t < firstStart.get(id)!) firstStart.set(id, t);
    if (!lastStart.has(id) || t > lastStart.get(id)!) lastStart.set(id, t);
  }
  for (const e of registry.getAll()) {
    if (e.type !== 'bpmn:SequenceFlow' || !e.source || !e.target) continue;
    const s = firstStart.get(e.source.id);
    const t = lastStart.get(e.target.id);
    if (s !== undefined && t !== undefined && t >= s) canvas.addMarker(e.id, 'lz-taken');
  }

  const counts = new Map<string, number>();
  for (const a of facts.active) {
    const id = elementIdOf(a.activityId);
    if (has(id)) counts.set(id, (counts.get(id) ?? 0) + a.count);
  }
  for (const [id, n] of counts) {
    canvas.addMarker(id, 'lz-active');
    overlays.add(id, TYPE, { position: { top: -10, right: 10 }, html: el('span', 'lz-count', String(n)) });
  }

  for (const i of facts.incidents) {
    if (!i.activityId) continue;
    const id = elementIdOf(i.activityId);
    if (!has(id)) continue;
    canvas.addMarker(id, 'lz-incident');
    const msg = i.message ?? '';
    const short = msg.length > 60 ? `${msg.slice(0, 57)}…` : msg;
    overlays.add(id, TYPE, { position: { bottom: -4, left: 0 }, html: el('div', 'lz-incident-msg', `⚠ ${short}`, msg) });
  }
}

/** "850 ms", "12.3 s", "4.5 min", "2.0 h", "3.1 d" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  if (s < 86400) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

/** green (hue 120) for the fastest average, red (hue 0) for the slowest */
export function heatColor(avgMs: number, min: number, max: number, alpha = 1): string {
  const f = max > min ? (avgMs - min) / (max - min) : 0;
  return `hsla(${Math.round(120 * (1 - f))}, 75%, 45%, ${alpha})`;
}

export interface HeatFact {
  activityId: string;
  count: number;
  avgMs: number;
  active: number;
}

/** one tinted overlay per measured activity with its average; returns the range used for the legend */
export function applyHeatmap(viewer: ViewerLike, facts: HeatFact[], label: (f: HeatFact) => string): { min: number; max: number } {
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  overlays.remove({ type: TYPE });
  const measured = facts.filter((f) => f.count > 0 && registry.get(elementIdOf(f.activityId))?.width);
  const avgs = measured.map((f) => f.avgMs);
  const min = avgs.length ? Math.min(...avgs) : 0;
  const max = avgs.length ? Math.max(...avgs) : 0;
  for (const f of measured) {
    const id = elementIdOf(f.activityId);
    const shape = registry.get(id)!;
    const box = el('div', 'lz-heat', '');
    box.style.width = `${shape.width}px`;
    box.style.height = `${shape.height}px`;
    box.style.background = heatColor(f.avgMs, min, max, 0.3);
    box.style.borderColor = heatColor(f.avgMs, min, max);
    box.appendChild(el('span', 'lz-heat-label', formatDuration(f.avgMs), label(f)));
    box.lastElementChild!.setAttribute('style', `background:${heatColor(f.avgMs, min, max)}`);
    overlays.add(id, TYPE, { position: { top: 0, left: 0 }, html: box });
  }
  return { min, max };
}
