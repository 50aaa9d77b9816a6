import { defineConfig } from 'vite';

// A static bundle with relative paths: `dist/` can be served from any folder.
export default defineConfig({
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
});
