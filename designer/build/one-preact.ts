import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Alias } from 'vite';

/**
 * One preact for form-js. @bpmn-io/form-js-editor pins preact <=10.15.1 while pnpm hands
 * @bpmn-io/form-js-viewer (^10.5.14) the newest 10.x; the editor renders viewer components, and
 * hooks from a second preact crash ("Cannot read properties of undefined (reading 'context')").
 * npm's flat install would dedupe to the editor's copy; this alias does the same for pnpm.
 */
export function onePreact(): Alias[] {
  const from = (dir: string) => createRequire(`${dir}/`);
  const formJs = dirname(createRequire(import.meta.url).resolve('@bpmn-io/form-js/package.json'));
  const editor = dirname(from(formJs).resolve('@bpmn-io/form-js-editor/package.json'));
  const preact = dirname(from(editor).resolve('preact/package.json'));
  return [{ find: /^preact(\/.*)?$/, replacement: `${preact}$1` }];
}
