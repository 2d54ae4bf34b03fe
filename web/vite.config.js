// Builds web/dist/ (index.html + hashed JS/CSS, bundled fonts and the
// world-atlas map) for `rasd serve --web web/dist`.
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the UI works at / and behind a proxy at a prefix.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Keep the world map a separate file (never inlined as base64).
    assetsInlineLimit: (file) => !file.endsWith('.json') && !file.endsWith('.woff2') && !file.endsWith('.woff') ? undefined : false,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` with RASD_API=http://127.0.0.1:8080 proxies /api to a running rasd serve.
    proxy: { '/api': process.env.RASD_API || 'http://127.0.0.1:8080' },
  },
});
