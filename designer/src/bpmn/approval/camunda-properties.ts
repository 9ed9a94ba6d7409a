/**
 * Reading and writing `camunda:property` entries of an element's `camunda:properties` (the
 * properties panel's "Extension properties") through the command stack, so every write is one
 * undoable step — the way bpmn-js-properties-panel's own ExtensionPropertiesProps writes them.
 */

/** the parts of a bpmn-moddle element used here (bpmn-js ships no types) */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  get(name: string): any;
}

export interface DiagramElement {
  id: string;
  type: string;
  businessObject: ModdleElement;
}

interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

interface CommandStack {
  execute(command: string, context: unknown): void;
}

export interface UpdateCommand {
  cmd: 'element.updateModdleProperties';
  context: { element: DiagramElement; moddleElement: ModdleElement; properties: Record<string, unknown> };
}

/** the business object whose properties are edited: a pool's process, else the element's own */
export function ownerOf(element: DiagramElement): ModdleElement | null {
  const bo = element.businessObject;
  if (bo.$type === 'bpmn:Participant') return (bo.get('processRef') as ModdleElement | undefined) ?? null;
  return bo;
}

function propertiesOf(owner: ModdleElement): ModdleElement | undefined {
  const ext = owner.get('extensionElements') as ModdleElement | undefined;
  return ((ext?.get('values') ?? []) as ModdleElement[]).find((v) => v.$type === 'camunda:Properties');
}

function entryOf(owner: ModdleElement, name: string): ModdleElement | undefined {
  const props = propertiesOf(owner);
  return ((props?.get('values') ?? []) as ModdleElement[]).find((p) => p.get('name') === name);
}

/** the value of `camunda:property name=…`, or undefined when there is none */
export function readProperty(owner: ModdleElement, name: string): string | undefined {
  const v = entryOf(owner, name)?.get('value');
  return typeof v === 'string' ? v : undefined;
}

function create(factory: BpmnFactory, type: string, attrs: Record<string, unknown>, parent: ModdleElement): ModdleElement {
  const el = factory.create(type, attrs);
  el.$parent = parent;
  return el;
}

/**
 * The commands that set each named property (a string) or remove it (null), creating
 * extensionElements and camunda:properties when they are missing.
 */
export function propertyCommands(element: DiagramElement, owner: ModdleElement, factory: BpmnFactory, changes: Record<string, string | null>): UpdateCommand[] {
  const commands: UpdateCommand[] = [];
  const update = (moddleElement: ModdleElement, properties: Record<string, unknown>) =>
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });
  const setting = Object.entries(changes).filter(([name, v]) => v !== null && readProperty(owner, name) !== v);
  const removing = Object.entries(changes).filter(([name, v]) => v === null && entryOf(owner, name));
  if (setting.length === 0 && removing.length === 0) return [];

  let ext = owner.get('extensionElements') as ModdleElement | undefined;
  if (!ext) {
    ext = create(factory, 'bpmn:ExtensionElements', { values: [] }, owner);
    update(owner, { extensionElements: ext });
  }
  let props = propertiesOf(owner);
  if (!props) {
    props = create(factory, 'camunda:Properties', { values: [] }, ext);
    update(ext, { values: [...(ext.get('values') as ModdleElement[]), props] });
  }
  let values = [...(props.get('values') as ModdleElement[])];
  for (const [name, value] of setting) {
    const existing = values.find((p) => p.get('name') === name);
    if (existing) update(existing, { value });
    else values.push(create(factory, 'camunda:Property', { name, value }, props));
  }
  values = values.filter((p) => !removing.some(([name]) => p.get('name') === name));
  const before = props.get('values') as ModdleElement[];
  // the last entry gone: camunda:properties goes too, as the panel's own remove button does
  if (values.length === 0) update(ext, { values: (ext.get('values') as ModdleElement[]).filter((v) => v !== props) });
  else if (values.length !== before.length || values.some((v, i) => v !== before[i])) update(props, { values });
  return commands;
}

/** runs the commands as one step of the command stack (one undo) */
export function execute(commandStack: CommandStack, commands: UpdateCommand[]): void {
  if (commands.length) commandStack.execute('properties-panel.multi-command-executor', commands);
}
