/** a multipart/form-data body for app.inject(): text fields and files, as a browser's FormData sends them */
export function multipart(parts: { name: string; value: string | Buffer; filename?: string; type?: string }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lz${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename !== undefined ? `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const bpmnFile = (name: string, xml: string) => ({ name, value: xml, filename: name, type: 'application/xml' });
