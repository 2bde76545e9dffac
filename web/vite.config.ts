import { defineConfig } from 'vite';

/** The dashboard (Preact + uPlot): built to web/dist, served by the API at / (npm run build:web). */
export default defineConfig({
  root: 'web',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
});
