import { defineConfig } from 'vite';

/** The dashboard: built to web/dist, served by the API at / (npm run build:web). */
export default defineConfig({
  root: 'web',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
});
