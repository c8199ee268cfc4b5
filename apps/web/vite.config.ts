import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
/** bootstrap-italia ships its fonts (Titillium Web, Roboto Mono, Lora); we serve them from our own origin. */
const bootstrapItaliaDist = path.join(path.dirname(require.resolve('bootstrap-italia/package.json')), 'dist');

export default defineConfig({
  // JSX through esbuild's automatic runtime: no Babel plugin needed.
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: [{ find: /^bootstrap-italia-fonts\//, replacement: `${bootstrapItaliaDist}/fonts/` }],
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Fonts and icons are separate files: never inline them as data: URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // Libraries' "use client" markers (for server components) and comment positions: not our concern.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
      output: {
        // The shared zod contracts (used by forms for client-side validation) get one cacheable chunk.
        manualChunks: (id) =>
          id.includes('/packages/contracts/') || id.includes('/node_modules/zod/') ? 'contracts' : undefined,
      },
    },
  },
});
