import { LzError } from '@liuzhuan/engine';

/**
 * A request-number pattern: literal text with tokens — `{yyyy}` `{yy}` `{MM}` `{dd}`
 * `{yyyyMMdd}` `{yyyyMM}` the date, `{seqN}` an N-digit counter (1–12; it grows past N digits
 * rather than repeat) that restarts when the rendered date part changes. `QJ-{yyyyMMdd}-{seq4}`
 * → `QJ-20261207-0001`. Exactly one `{seqN}`.
 */
export interface SerialPattern {
  /** the date part rendered for `at`: the counter's period ('' when the pattern has no date) */
  period(at: Date): string;
  format(at: Date, seq: number): string;
}

const DATE_TOKENS = new Set(['yyyy', 'yy', 'MM', 'dd', 'yyyyMMdd', 'yyyyMM']);

type Part = { kind: 'text'; text: string } | { kind: 'date'; token: string } | { kind: 'seq'; width: number };

function invalid(pattern: string, why: string): never {
  throw new LzError('LZ_ERR_BAD_REQUEST', `the request-number pattern '${pattern}' (lz.serialPattern) ${why}`);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** the date in the server's time zone */
function dateToken(token: string, at: Date): string {
  const y = at.getFullYear();
  const m = pad(at.getMonth() + 1, 2);
  const d = pad(at.getDate(), 2);
  switch (token) {
    case 'yyyy':
      return String(y);
    case 'yy':
      return pad(y % 100, 2);
    case 'MM':
      return m;
    case 'dd':
      return d;
    case 'yyyyMM':
      return `${y}${m}`;
    default:
      return `${y}${m}${d}`;
  }
}

export function parseSerialPattern(pattern: string): SerialPattern {
  if (pattern.length > 100) invalid(pattern.slice(0, 40), 'is longer than 100 characters');
  const parts: Part[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (m.index > last) parts.push({ kind: 'text', text: pattern.slice(last, m.index) });
    const token = m[1]!;
    const seq = /^seq(\d{1,2})$/.exec(token);
    if (seq) {
      const width = Number(seq[1]);
      if (width < 1 || width > 12) invalid(pattern, `has {${token}}: a counter has 1 to 12 digits`);
      parts.push({ kind: 'seq', width });
    } else if (DATE_TOKENS.has(token)) parts.push({ kind: 'date', token });
    else invalid(pattern, `has an unknown token {${token}}; known: {yyyy} {yy} {MM} {dd} {yyyyMMdd} {yyyyMM} {seqN}`);
    last = m.index + m[0].length;
  }
  if (last < pattern.length) parts.push({ kind: 'text', text: pattern.slice(last) });
  if (parts.some((p) => p.kind === 'text' && /[{}]/.test(p.text))) invalid(pattern, 'has an unmatched brace');
  if (parts.filter((p) => p.kind === 'seq').length !== 1) invalid(pattern, 'needs exactly one {seqN} counter');
  const dates = parts.filter((p): p is Extract<Part, { kind: 'date' }> => p.kind === 'date');
  return {
    period: (at) => dates.map((p) => dateToken(p.token, at)).join('-'),
    format: (at, seq) => parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'date' ? dateToken(p.token, at) : pad(seq, p.width))).join(''),
  };
}
