/**
 * XML allows white space around the `=` of an attribute (`Eq ::= S? '=' S?`, XML 1.0 §2.3),
 * but saxen, the tokenizer under bpmn-moddle, drops such attributes silently (Camunda's
 * CallActivity test file writes `source ="myLocalVariable"`). This removes that white space
 * inside start tags only — never in text, CDATA, comments or attribute values.
 */
/**
 * bpmn-moddle declares GlobalScriptTask's `script` as an attribute, while the BPMN 2.0 schema
 * (tGlobalScriptTask) has a `<script>` child element; the child is turned into the attribute.
 */
export function normalizeGlobalScripts(xml: string): string {
  if (!/globalScriptTask/.test(xml)) return xml;
  return xml.replace(
    /<((?:[\w-]+:)?)globalScriptTask\b([^>]*)>([\s\S]*?)<\/\1globalScriptTask>/g,
    (whole, prefix: string, attrs: string, inner: string) => {
      const m = /<((?:[\w-]+:)?)script>([\s\S]*?)<\/\1script>/.exec(inner);
      if (!m || /\sscript=/.test(attrs)) return whole;
      const text = m[2]!.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1').trim();
      const attr = text.replace(/&(?![a-z]+;|#)/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
      return `<${prefix}globalScriptTask${attrs} script="${attr}">${inner.replace(m[0], '')}</${prefix}globalScriptTask>`;
    },
  );
}

export function normalizeAttributeSpacing(xml: string): string {
  if (!/\s=|=\s/.test(xml)) return xml;
  let out = '';
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      out += xml.slice(i);
      break;
    }
    out += xml.slice(i, lt);
    if (xml.startsWith('<!--', lt)) {
      i = copyUntil(xml, lt, '-->');
    } else if (xml.startsWith('<![CDATA[', lt)) {
      i = copyUntil(xml, lt, ']]>');
    } else if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt) || xml.startsWith('</', lt)) {
      i = copyUntil(xml, lt, '>');
    } else {
      const [tag, end] = readStartTag(xml, lt);
      out += tag;
      i = end;
      continue;
    }
    out += xml.slice(lt, i);
  }
  return out;
}

function copyUntil(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  return end < 0 ? xml.length : end + terminator.length;
}

/** a start tag from `<` to its `>`, honouring quoted values, with `S? = S?` collapsed */
function readStartTag(xml: string, from: number): [string, number] {
  let out = '';
  let quote: string | null = null;
  let i = from;
  while (i < xml.length) {
    const c = xml[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      i += 1;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      out += c;
      i += 1;
      continue;
    }
    if (c === '>') return [out + c, i + 1];
    if (/\s/.test(c)) {
      // look ahead: white space followed by '=' is dropped
      let j = i;
      while (j < xml.length && /\s/.test(xml[j]!)) j += 1;
      if (xml[j] === '=') {
        i = j;
        continue;
      }
      out += c;
      i += 1;
      continue;
    }
    if (c === '=') {
      out += c;
      i += 1;
      while (i < xml.length && /\s/.test(xml[i]!)) i += 1;
      continue;
    }
    out += c;
    i += 1;
  }
  return [out, i];
}
