// Builds the Teams tab to static files (tab/dist) that the backend serves under /tab/, and runs it with hot
// reload for `npm run dev:tab`, passing API calls to the running backend (BACKEND_URL, default localhost:3978).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const backend = process.env.BACKEND_URL ?? 'http://localhost:3978';

export default defineConfig({
  root: import.meta.dirname,
  base: '/tab/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The tab page and the sign-in popup's redirect page.
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        auth: resolve(import.meta.dirname, 'auth.html'),
      },
    },
    // Hashed file names are cached for a year by the backend; sizes are measured by `npm run bench:tab`.
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    port: Number(process.env.TAB_DEV_PORT ?? 5173),
    strictPort: false,
    proxy: { '/api': backend, '/dev': backend },
  },
});
