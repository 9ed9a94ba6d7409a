/**
 * One bpmn-js Modeler with the Camunda 7 properties panel and live bpmnlint, mounted into the
 * page's canvas and panel elements; destroyed with the page. Only the modeler pages import this.
 */
import { onBeforeUnmount, ref, shallowRef } from 'vue';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import approvalPropertiesModule from '../../bpmn/approval/index.ts';
import { flattenIssues, lintConfig, type LintIssue } from '../../bpmn/lint/index.ts';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import { translateModule } from '../../bpmn/translate/index.ts';
import { currentLocale } from '../../i18n/index.ts';

/** the few diagram-js shapes this file touches (bpmn-js ships no types we can import here) */
interface DiagramElement {
  id: string;
  type: string;
  businessObject: { $type: string; get(name: string): unknown; name?: string };
}
interface BpmnModeler {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  saveXML(opts: { format: boolean }): Promise<{ xml: string }>;
  get(name: string): any;
  destroy(): void;
}

/** elements whose camunda:formRef opens a form draft (Camunda 7: start events and user tasks) */
const FORM_HOSTS = ['bpmn:UserTask', 'bpmn:StartEvent'];

/**
 * bpmn-js 18.31 still places the replace menu through the deprecated ContextPad#getPad, which logs
 * a console warning on every use (bpmn-io/bpmn-js-create-append-anything#34). All it needs is the
 * open pad's element, so hand it that from the DOM.
 */
function quietReplaceMenu(modeler: BpmnModeler): void {
  const contextPad = modeler.get('contextPad');
  const container: HTMLElement = modeler.get('canvas').getContainer();
  contextPad.getPad = (target: unknown) => ({
    html: (contextPad.isOpen(target) && container.querySelector('.djs-context-pad-parent .djs-context-pad')) || container,
  });
}

export function useBpmnModeler() {
  let modeler: BpmnModeler | null = null;
  let resizeObserver: ResizeObserver | null = null;
  const issues = shallowRef<LintIssue[]>([]);
  const dirty = ref(false);
  const selectedId = ref<string | null>(null);
  const selectedFormRef = ref<string | null>(null);

  function formRefOf(el: DiagramElement | undefined): string | null {
    if (!el || !FORM_HOSTS.includes(el.businessObject.$type)) return null;
    const ref = el.businessObject.get('camunda:formRef');
    return typeof ref === 'string' && ref.trim() ? ref.trim() : null;
  }

  function refreshSelection(): void {
    if (!modeler) return;
    const sel: DiagramElement[] = modeler.get('selection').get();
    const el = sel.length === 1 ? sel[0] : undefined;
    selectedId.value = el?.id ?? null;
    selectedFormRef.value = formRefOf(el);
  }

  function mount(canvas: HTMLElement, panel: HTMLElement): void {
    modeler = new Modeler({
      container: canvas,
      keyboard: { bind: true },
      propertiesPanel: { parent: panel },
      linting: { active: true, bpmnlint: lintConfig },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        approvalPropertiesModule,
        lintModule,
        translateModule(currentLocale()),
      ],
      moddleExtensions: { camunda: camundaModdle },
    }) as BpmnModeler;
    quietReplaceMenu(modeler);
    // diagram-js caches the container size; tell it when the page layout changes it
    resizeObserver = new ResizeObserver(() => modeler?.get('canvas').resized());
    resizeObserver.observe(canvas);
    const bus = modeler.get('eventBus');
    bus.on('linting.completed', (e: { issues: Record<string, LintIssue[]> }) => {
      issues.value = flattenIssues(e.issues);
    });
    bus.on('commandStack.changed', () => {
      dirty.value = true;
      refreshSelection();
    });
    bus.on('selection.changed', refreshSelection);
    bus.on('elements.changed', refreshSelection);
  }

  async function importXml(xml: string): Promise<void> {
    if (!modeler) throw new Error('modeler not mounted');
    await modeler.importXML(xml);
    const canvas = modeler.get('canvas');
    const vb = canvas.viewbox();
    if (vb.inner.width > vb.outer.width || vb.inner.height > vb.outer.height) canvas.zoom('fit-viewport', 'auto');
    dirty.value = false;
    refreshSelection();
  }

  async function exportXml(): Promise<string> {
    if (!modeler) throw new Error('modeler not mounted');
    return (await modeler.saveXML({ format: true })).xml;
  }

  /** a fresh lint of what is on the canvas (not the last overlay run): the number of errors */
  async function lintErrors(): Promise<number> {
    if (!modeler) return 0;
    const results: Record<string, { category: string }[]> = await modeler.get('linting').lint();
    return Object.values(results).flat().filter((r) => r.category === 'error' || r.category === 'rule-error').length;
  }

  /** selects the element and scrolls it into view; false when there is no such element on the canvas */
  function select(elementId: string | null): boolean {
    if (!modeler || !elementId) return false;
    const el = modeler.get('elementRegistry').get(elementId);
    if (!el) return false;
    modeler.get('selection').select(el);
    try {
      modeler.get('canvas').scrollToElement(el);
    } catch {
      // the root element cannot be scrolled to; selecting it is enough
    }
    return true;
  }

  onBeforeUnmount(() => {
    resizeObserver?.disconnect();
    modeler?.destroy();
    modeler = null;
  });

  return { mount, importXml, exportXml, lintErrors, select, issues, dirty, selectedId, selectedFormRef };
}
