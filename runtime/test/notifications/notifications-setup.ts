import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';

export interface Post {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A local HTTP server that records every POST (no internet here). `answers` maps a path to
 * the status and body it answers with (default 200 `{}`).
 */
export async function webhookRecorder(answers: Record<string, { status: number; body?: unknown }> = {}): Promise<{ url(path: string): string; posts: Post[]; on(path: string): Post[]; close(): Promise<void> }> {
  const posts: Post[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // recorded as text
      }
      posts.push({ path, headers: req.headers, body });
      const a = answers[path] ?? { status: 200, body: {} };
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(a.body ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    posts,
    on: (path) => posts.filter((p) => p.path === path),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** a tiny SMTP sink (no TLS, no auth): enough for nodemailer to hand over a message; it refuses @reject.test */
export async function smtpSink(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = createNetServer((socket) => {
    let buffer = '';
    let data: string[] | null = null;
    let from = '';
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink.test ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let at: number;
      while ((at = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (data) {
          if (line === '.') {
            mails.push({ from, to, data: data.join('\r\n') });
            data = null;
            from = '';
            to = [];
            reply('250 2.0.0 queued');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-sink.test\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (address.endsWith('@reject.test')) reply('550 5.1.1 no such mailbox');
          else {
            to.push(address);
            reply('250 2.1.5 ok');
          }
        } else if (verb === 'DATA') {
          data = [];
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 ok');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** a user task model: start → task → end, with the task's assignment attributes */
export function oneTaskProcess(key: string, taskAttrs: string, name = 'Check the order'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d-${key}">
  <process id="${key}" name="Order ${key}" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
    <userTask id="t1" name="${name}" ${taskAttrs} /><sequenceFlow id="f2" sourceRef="t1" targetRef="e" />
    <endEvent id="e" name="Done" />
  </process>
</definitions>`;
}
