import fs from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Writes `.br` and `.gz` copies next to every text file of the build, so the server can send them as
 * they are (@fastify/static `preCompressed`) instead of compressing on each request or not at all:
 * about 200 kB instead of 600 kB of JavaScript on a phone's first visit.
 */
function precompress(): Plugin {
  return {
    name: 'jaring-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist/web';
      const files = Object.keys(bundle).filter((file) => /\.(js|css|html|svg|json)$/.test(file));
      await Promise.all(
        files.map(async (file) => {
          const source = await fs.readFile(path.join(dir, file));
          if (source.length < 1024) return;
          await fs.writeFile(
            path.join(dir, `${file}.br`),
            brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
          );
          await fs.writeFile(path.join(dir, `${file}.gz`), gzipSync(source, { level: 9 }));
        }),
      );
    },
  };
}

/**
 * The installable field-census app (/sensus): a service worker that keeps the whole app shell so the
 * census works with no signal. Registered by an external /registerSW.js (the CSP allows no inline
 * script); `autoUpdate` takes a new version as soon as it is installed. Only the plain files are
 * precached — the .br/.gz copies above are for the server, and the glob's extensions leave them out.
 */
function fieldCensusPwa() {
  return VitePWA({
    registerType: 'autoUpdate',
    strategies: 'generateSW',
    injectRegister: 'script',
    devOptions: { enabled: false },
    // The workbox globs below already take the icons; listing them twice would only duplicate entries.
    includeManifestIcons: false,
    manifest: {
      name: 'Jaring — Sensus lapangan',
      short_name: 'Jaring',
      description: 'Pendataan pekerja informal di lapangan, juga tanpa sinyal',
      lang: 'id',
      start_url: '/sensus',
      scope: '/',
      display: 'standalone',
      theme_color: '#007e6a',
      background_color: '#ffffff',
      icons: [
        { src: '/pwa-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/pwa-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/pwa-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
      navigateFallback: '/index.html',
      // API calls and file downloads are never answered with the app shell.
      navigateFallbackDenylist: [/^\/api\//],
      // The largest chunk (charts) is about 0.5 MB; leave room for growth.
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      cleanupOutdatedCaches: true,
      // What `autoUpdate` means; the plugin sets these itself only with its own registration code. A new
      // version takes over at once (an open page keeps the chunks it already loaded) and the first visit
      // is controlled without a reload, so a phone that logged in once opens offline.
      skipWaiting: true,
      clientsClaim: true,
    },
  });
}

// The web app lives in web/ and is built into dist/web, which the server serves (server/app.ts).
// In development, `npx vite` serves the app with hot reload and forwards /api to a server started with
// `npm run dev` (or to JARING_API_URL, e.g. http://localhost:3111).
export default defineConfig({
  root: 'web',
  plugins: [react(), precompress(), fieldCensusPwa()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Cheap phones on slow networks: target what current Android WebView/Chrome runs natively.
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React gets its own long-cached chunk; dropdown positioning (floating-ui) is split off so that
          // only pages with a Select or a Popover download it.
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: 'floating', test: /node_modules[\\/]@floating-ui[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // The web app's own modules live in web/api/*.ts, which the dev server serves as /api/*.ts: only
    // the rest of /api goes to the Jaring server. The Host header is kept (changeOrigin false): the
    // server refuses writes whose Origin is not its own host, and the browser's origin is this dev server.
    proxy: { '^/api/(?![^?]*\\.tsx?(\\?|$))': { target: process.env.JARING_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
