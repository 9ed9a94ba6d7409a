import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { gzipAssets } from './build/gzip-assets.ts';
import { onePreact } from './build/one-preact.ts';

// The app is built into designer/dist and served by the runtime at / (runtime/src/infra/web-app.ts).
// Every feature route is a dynamic import, so the inbox never downloads bpmn-js or form-js editors.
export default defineConfig({
  plugins: [vue(), gzipAssets()],
  base: '/',
  resolve: { alias: onePreact() },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000', '/engine-rest': 'http://localhost:3000' } },
});
