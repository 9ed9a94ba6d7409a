/**
 * Properties-panel entries bound to one `camunda:property` each (@bpmn-io/properties-panel's
 * CheckboxEntry, SelectEntry and TextFieldEntry, rendered with its preact). Each entry kind is
 * made once per property at module load, so the panel keeps one component per entry across
 * renders (a new component each time would lose the input's focus while typing).
 */
import { CheckboxEntry, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h, type FunctionComponent } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { execute, ownerOf, propertyCommands, readProperty, type DiagramElement, type UpdateCommand } from './camunda-properties.ts';

export interface EntryProps {
  element: DiagramElement;
  id: string;
}

type Translate = (template: string, replacements?: Record<string, string>) => string;

/** what a text entry's check returns: an English message for the translate service and its placeholders */
export interface EntryProblem {
  message: string;
  params?: Record<string, string>;
}

/** writes property changes of the entry's element as one undoable command; `extra` adds commands of its own */
function useWrite(element: DiagramElement): (changes: Record<string, string | null>, extra?: UpdateCommand[]) => void {
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  return (changes, extra = []) => {
    const owner = ownerOf(element);
    if (owner) execute(commandStack, [...propertyCommands(element, owner, bpmnFactory, changes), ...extra]);
  };
}

function read(element: DiagramElement, name: string): string | undefined {
  const owner = ownerOf(element);
  return owner ? readProperty(owner, name) : undefined;
}

/** a flag: ticked writes `value` (default `true`), unticking removes the property (a missing flag is off) */
export function checkboxEntry(o: { property: string; label: string; description?: string; value?: string }): FunctionComponent<EntryProps> {
  const on = o.value ?? 'true';
  return function PropertyCheckbox({ element, id }: EntryProps) {
    const translate: Translate = useService('translate');
    const write = useWrite(element);
    return h(CheckboxEntry, {
      element,
      id,
      label: translate(o.label),
      description: o.description ? translate(o.description) : undefined,
      getValue: () => read(element, o.property)?.trim().toLowerCase() === on.toLowerCase(),
      setValue: (ticked: boolean) => write({ [o.property]: ticked ? on : null }),
    });
  };
}

/**
 * One of a list of values; a missing property shows the first (the contract's default).
 * `extra` adds commands to the same step (e.g. the loop's isSequential beside lz.mode).
 */
export function selectEntry(o: {
  property: string;
  label: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  extra?: (element: DiagramElement, value: string) => UpdateCommand[];
}): FunctionComponent<EntryProps> {
  return function PropertySelect({ element, id }: EntryProps) {
    const translate: Translate = useService('translate');
    const write = useWrite(element);
    const values = o.options.map(([v]) => v);
    return h(SelectEntry, {
      element,
      id,
      label: translate(o.label),
      getValue: () => {
        const v = read(element, o.property)?.trim();
        return v !== undefined && values.includes(v) ? v : values[0];
      },
      setValue: (v: string) => write({ [o.property]: v }, o.extra?.(element, v) ?? []),
      getOptions: () => o.options.map(([value, label]) => ({ value, label: translate(label) })),
    });
  };
}

/** free text; empty removes the property; `check` returns an error (English, translated) or null */
export function textEntry(o: {
  property: string;
  label: string;
  description?: string;
  placeholder?: string;
  check?: (value: string) => EntryProblem | null;
}): FunctionComponent<EntryProps> {
  return function PropertyText({ element, id }: EntryProps) {
    const translate: Translate = useService('translate');
    const debounce = useService('debounceInput');
    const write = useWrite(element);
    const validate = (value: string) => {
      const v = (value ?? '').trim();
      const problem = v && o.check ? o.check(v) : null;
      return problem ? translate(problem.message, problem.params) : null;
    };
    return h(TextFieldEntry, {
      element,
      id,
      label: translate(o.label),
      description: o.description ? translate(o.description) : undefined,
      placeholder: o.placeholder,
      debounce,
      validate,
      getValue: () => read(element, o.property) ?? '',
      setValue: (value: string, error?: string | null) => {
        if (error) return;
        const v = (value ?? '').trim();
        write({ [o.property]: v === '' ? null : v });
      },
    });
  };
}

/** the property's value, trimmed; '' when there is none */
export function valueOf(element: DiagramElement, property: string): string {
  return read(element, property)?.trim() ?? '';
}

/** whether the element's property has this value (what shows the entries that depend on it) */
export function hasValue(element: DiagramElement, property: string, value: string): boolean {
  return valueOf(element, property) === value;
}

export function isSet(element: DiagramElement, property: string): boolean {
  return valueOf(element, property) !== '';
}
