import { LzError } from '../errors.ts';

/** 10 MiB: the largest MIWG export is ~0.3 MB; real models stay far below. */
export const MAX_XML_BYTES = 10 * 1024 * 1024;

const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  'iso-8859-1': 'latin1',
  'latin-1': 'latin1',
  latin1: 'latin1',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  'windows-1252': 'windows-1252',
  'cp1252': 'windows-1252',
};

/**
 * Turns uploaded bytes (or text) into XML text that is safe to hand to the parser:
 * decoded by its BOM or XML declaration, size-limited, and refused outright when it
 * carries a DOCTYPE or an entity declaration. Nothing is ever fetched or expanded —
 * the guard runs before any parser sees the document (XXE and "billion laughs" stop here).
 */
export function guardXml(input: string | Uint8Array, maxBytes = MAX_XML_BYTES): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) throw new LzError('LZ_ERR_XML_TOO_LARGE', `${size} bytes, limit ${maxBytes}`);
  const text = typeof input === 'string' ? input : decode(input);
  // DOCTYPE and ENTITY declarations are refused wherever they are markup — anywhere but
  // inside CDATA sections and comments, where they are just text (a script building HTML)
  const markup = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  if (/<!DOCTYPE/i.test(markup) || /<!ENTITY/i.test(markup)) {
    throw new LzError('LZ_ERR_XML_FORBIDDEN_DTD');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  const encoding = ENCODINGS[declared];
  if (!encoding) throw new LzError('LZ_ERR_XML_ENCODING', declared);
  if (encoding === 'latin1') return Buffer.from(bytes).toString('latin1');
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new LzError('LZ_ERR_XML_ENCODING', `the bytes are not valid ${declared}`);
  }
}
