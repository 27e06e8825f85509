import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.MASAR_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
  build: {
    outDir: 'dist',
    // Source maps for the bundle checks (bench/lib/checks.ts) only: no sourceMappingURL in the JS,
    // and the server never serves *.map (they would publish the whole web source; decision 019).
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 700,
  },
});
