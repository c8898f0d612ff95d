// A separate build of the benchmark page (bench/page → dist-bench/). It imports the
// app's real modules (validator, IndexedDB module, repositories) and Leaflet for the
// marker baseline; nothing of it goes into the production bundle in dist/.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  resolve: { alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) } },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../dist-bench', import.meta.url)),
    emptyOutDir: true,
  },
})
