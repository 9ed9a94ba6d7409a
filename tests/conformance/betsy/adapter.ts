/**
 * What betsy's own engine adapters do before a model is deployed (betsy/src/main/xslt/bpmn),
 * written for Liuzhuan:
 * - script tasks carry only a placeholder word and no scriptFormat: they get
 *   scriptFormat="betsy", run by the placeholder engine in placeholders.ts;
 * - conditions are written Java-style without `${}` (`test.contains("a")`,
 *   `integerVariable<3`, `true`): they are rewritten as FEEL (`=contains(test, "a")`);
 * - WAIT_TEN_SECONDS ("stay busy for 10 s") becomes a 10-second timer catch event, and the two
 *   CREATE_TIMESTAMP_LOG tasks of the true-parallelism test become external tasks, so that the
 *   runner's workers can hold both at the same time.
 */
const EXPRESSION_ELEMENTS = ['conditionExpression', 'loopCondition', 'activationCondition', 'completionCondition', 'condition'];

export function adaptBetsyModel(xml: string): string {
  let out = xml;
  for (const el of EXPRESSION_ELEMENTS) {
    const re = new RegExp(`(<((?:\\w+:)?${el})\\b[^>]*>)([\\s\\S]*?)(</\\2>)`, 'g');
    out = out.replace(re, (_m, open: string, _tag: string, body: string, close: string) => `${open}${rewriteCondition(body)}${close}`);
  }
  out = out.replace(/<((?:\w+:)?)scriptTask\b([^>]*?)(\/?)>([\s\S]*?)<\/\1scriptTask>/g, (m, prefix: string, attrs: string, _selfClosing: string, inner: string) => {
    const placeholder = /<(?:\w+:)?script>\s*([A-Za-z0-9_]+)\s*<\/(?:\w+:)?script>/.exec(inner)?.[1];
    if (!placeholder || /scriptFormat=/.test(attrs)) return m;
    if (placeholder === 'WAIT_TEN_SECONDS') {
      const keep = inner.replace(/<(?:\w+:)?script>[\s\S]*?<\/(?:\w+:)?script>/, '');
      return `<${prefix}intermediateCatchEvent${attrs}>${keep}<${prefix}timerEventDefinition><${prefix}timeDuration>PT10S</${prefix}timeDuration></${prefix}timerEventDefinition></${prefix}intermediateCatchEvent>`;
    }
    if (placeholder.startsWith('CREATE_TIMESTAMP_LOG_')) {
      const keep = inner.replace(/<(?:\w+:)?script>[\s\S]*?<\/(?:\w+:)?script>/, '');
      return `<${prefix}serviceTask${attrs} xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:type="external" camunda:topic="betsy.${placeholder}">${keep}</${prefix}serviceTask>`;
    }
    return `<${prefix}scriptTask${attrs} scriptFormat="betsy">${inner}</${prefix}scriptTask>`;
  });
  out = out.replace(/<((?:\w+:)?)globalScriptTask\b(?![^>]*scriptLanguage)/g, '<$1globalScriptTask scriptLanguage="betsy"');
  return out;
}

function rewriteCondition(body: string): string {
  let text = body.trim();
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(text);
  if (cdata) text = cdata[1]!.trim();
  text = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  if (text === '' || text.startsWith('${') || text.startsWith('#{') || text.startsWith('=')) return body;
  if (/^-?\d+$/.test(text)) return body; // a literal loop cardinality
  // Conditional_StartEvent_EventSubProcess_NonInterrupting writes `test.contains("a")>`: a stray '>'
  text = text.replace(/\)\s*>$/, ')');
  let feel = text.replace(/(\w+)\.contains\(("[^"]*")\)/g, 'contains($1, $2)');
  feel = feel.replace(/!\s*(contains\([^)]*\))/g, 'not($1)');
  return `<![CDATA[=${feel}]]>`;
}
