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
  },
});
