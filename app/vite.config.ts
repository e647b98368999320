import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app: built into dist/app, which Fastify serves at / (src/http/plugins/web-app.ts). In
// `npm run dev` Vite serves it and passes /api to the service on PORT (scripts/dev.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../dist/app', import.meta.url)), emptyOutDir: true },
  server: { proxy: { '/v1': `http://127.0.0.1:${process.env.PORT ?? 8080}` } },
});
