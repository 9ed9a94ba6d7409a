import { approvalZhCN } from './approval-zh-cn.ts';
import { zhCN } from './zh-cn.ts';

type Replacements = Record<string, string> | undefined;

/** fills `{name}` placeholders the way diagram-js's own translate does */
function fill(template: string, replacements: Replacements): string {
  return template.replace(/{([^}]+)}/g, (_, key: string) => replacements?.[key] ?? `{${key}}`);
}

/**
 * A bpmn-js module replacing the `translate` service: in zh-CN the palette, context pad,
 * replace menu and properties panel speak Chinese (diagram-js docs: "Translating"), else English.
 */
export function translateModule(locale: string): Record<string, unknown> {
  const dict = locale === 'zh-CN' ? { ...zhCN, ...approvalZhCN } : null;
  const translate = (template: string, replacements?: Replacements) => fill(dict?.[template] ?? template, replacements);
  return { translate: ['value', translate] };
}
