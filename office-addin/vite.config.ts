// Builds the PowerPoint and Word task pane to static files (office-addin/dist) that the backend serves under
// /addin/: taskpane.html (the pane, and the offline preview in a browser), auth.html (the sign-in popup's and the
// Office dialog's redirect page) and public/assets (the icons the manifest names). `npm run dev:addin` serves it
// with hot reload, passing API calls to the running backend (BACKEND_URL, default localhost:3978).
// Must not break: Office.js stays a plain <script> from Microsoft's CDN in taskpane.html (never bundled: the npm
// package is unsupported), and the backend's CSP allows that folder only.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const backend = process.env.BACKEND_URL ?? 'http://localhost:3978';

export default defineConfig({
  root: import.meta.dirname,
  base: '/addin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        taskpane: resolve(import.meta.dirname, 'taskpane.html'),
        auth: resolve(import.meta.dirname, 'auth.html'),
      },
    },
    // Hashed file names are cached for a year by the backend; sizes are measured by `npm run bench:addin`.
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    port: Number(process.env.ADDIN_DEV_PORT ?? 5174),
    strictPort: false,
    proxy: { '/api': backend, '/dev': backend },
  },
});
