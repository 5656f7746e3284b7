/** Builds the dashboard into dist/, which the server serves at `/`; in dev, proxies the API to a local server. */
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      '@/': here('./src/'),
      // The contracts package ships CommonJS in dist; the TypeScript source bundles better.
      '@recflow/contracts': here('../../packages/contracts/src/index.ts'),
    },
  },
  server: {
    proxy: {
      '/api': server,
      '/healthz': server,
      '/readyz': server,
      '/admin': server,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Zod (with the contracts' schemas) is a large leaf library: its own file keeps the entry
        // small and stays cached across dashboard releases. Only leaves are split, so no chunk cycles.
        manualChunks: (id) => (/[\\/]node_modules[\\/].*[\\/]zod[\\/]/.test(id) ? 'zod' : undefined),
      },
    },
  },
});
