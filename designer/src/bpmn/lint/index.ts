/**
 * The bpmnlint configuration handed to bpmn-js-bpmnlint (`linting: { bpmnlint: lintConfig }`):
 * `{ config, resolver }` as bpmnlint's Linter expects it (bpmnlint lib/resolver/static-resolver.js
 * is the packed equivalent). Severities are bpmnlint/config/recommended.js, except where noted.
 */
import { recommendedRules, type RuleFactory } from './rules.ts';

export type RuleSeverity = 'error' | 'warn' | 'info' | 'off';

const severities: Record<string, RuleSeverity> = {
  'ad-hoc-sub-process': 'error',
  'conditional-flows': 'error',
  'end-event-required': 'error',
  'event-based-gateway': 'error',
  'event-sub-process-typed-start-event': 'error',
  'fake-join': 'warn',
  global: 'warn',
  // recommended says error; the engine runs unnamed elements fine, so a missing label must not block publishing
  'label-required': 'warn',
  'link-event': 'error',
  'no-bpmndi': 'error',
  'no-complex-gateway': 'error',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'error',
  'no-gateway-join-fork': 'error',
  'no-implicit-split': 'error',
  'no-implicit-end': 'error',
  'no-implicit-start': 'error',
  'no-inclusive-gateway': 'warn',
  'no-overlapping-elements': 'warn',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'start-event-required': 'error',
  'sub-process-blank-start-event': 'error',
  'superfluous-gateway': 'warn',
  'superfluous-label': 'warn',
  'superfluous-termination': 'warn',
};

/** rules named without a package belong to 'bpmnlint' (bpmnlint Linter#parseRuleName) */
const resolver = {
  resolveRule(pkg: string, ruleName: string): RuleFactory {
    const rule = pkg === 'bpmnlint' ? recommendedRules[ruleName] : undefined;
    if (!rule) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
    return rule;
  },
  resolveConfig(pkg: string, configName: string): never {
    throw new Error(`unknown config <${pkg}/${configName}>`);
  },
};

export const lintConfig = { config: { rules: severities }, resolver };

/** one issue as bpmn-js-bpmnlint reports it in `linting.completed` ({ issues: { [elementId]: Issue[] } }) */
export interface LintIssue {
  id: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
  rule: string;
  /** set when the issue belongs to an element not on the canvas (shown on the root) */
  actualElementId?: string;
}

/** flattens the per-element map into a sorted list, errors first */
export function flattenIssues(issues: Record<string, LintIssue[]>): LintIssue[] {
  const rank = (c: LintIssue['category']) => (c === 'error' || c === 'rule-error' ? 0 : c === 'warn' ? 1 : 2);
  return Object.values(issues)
    .flat()
    .sort((a, b) => rank(a.category) - rank(b.category) || a.id.localeCompare(b.id));
}
