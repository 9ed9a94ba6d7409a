import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** writes `<file>.gz` beside every text asset of the build; the runtime sends it to browsers that take gzip */
export function gzipAssets(outDir = 'dist'): Plugin {
  return {
    name: 'lz-gzip-assets',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const p = join(dir, name);
          if (statSync(p).isDirectory()) walk(p);
          else if (/\.(js|css|html|svg|json)$/.test(name)) writeFileSync(`${p}.gz`, gzipSync(readFileSync(p), { level: 9 }));
        }
      };
      walk(outDir);
    },
  };
}
