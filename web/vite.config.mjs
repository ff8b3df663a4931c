import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web console is plain React compiled by esbuild: no React plugin, so the
 * build has no dependency beyond Vite itself. During `vite dev` the API
 * prefixes go to the four services, as tools/web/serve.mjs does in production.
 */
const upstream = (port) => ({
  target: `http://127.0.0.1:${port}`,
  changeOrigin: true,
});

export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // antd marks its modules "use client" for server components; a browser
      // bundle has nothing to do with that directive.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/')) return 'vendor';
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api/intake': { ...upstream(3101), rewrite: (p) => p.replace(/^\/api\/intake/, '') },
      '/api/routing': { ...upstream(3102), rewrite: (p) => p.replace(/^\/api\/routing/, '') },
      '/api/gateway': { ...upstream(3103), rewrite: (p) => p.replace(/^\/api\/gateway/, '') },
      '/api/reporting': { ...upstream(3104), rewrite: (p) => p.replace(/^\/api\/reporting/, '') },
    },
  },
});
