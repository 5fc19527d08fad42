// Builds the browser side of Switchboard into dist/client, which the Worker serves as static
// assets from the same origin: the agent console (/), the visitor widget (/widget.html, which is
// also the full-page live chat link: /widget.html?link=<slug>), the demo shop (/demo.html) and the
// embed loader (/widget.js). `vite` alone serves them in development,
// passing /api (and its sockets) to a running `wrangler dev`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, transformWithEsbuild, type Plugin } from 'vite';

const clientRoot = fileURLToPath(new URL('./client/', import.meta.url));
const loaderSource = fileURLToPath(new URL('./client/loader/widget.ts', import.meta.url));
/** Where `wrangler dev` listens when the Vite dev server proxies /api to it. */
const devApi = process.env.SWITCHBOARD_API ?? 'http://127.0.0.1:8787';

/**
 * The loader is a classic script that other websites include with a fixed URL, so it cannot be
 * an ES module chunk with a hashed name. It imports nothing, so one esbuild transform turns it
 * into a minified IIFE, emitted as `widget.js` (and served at /widget.js by the dev server).
 */
function widgetLoader(): Plugin {
  const compile = async (minify: boolean) =>
    (await transformWithEsbuild(await readFile(loaderSource, 'utf8'), loaderSource, { format: 'iife', minify, target: 'es2017' })).code;
  return {
    name: 'switchboard:widget-loader',
    buildStart() {
      this.addWatchFile(loaderSource);
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'widget.js', source: await compile(true) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/widget.js') return next();
        compile(false).then((code) => {
          res.setHeader('content-type', 'text/javascript; charset=utf-8');
          res.end(code);
        }, next);
      });
    },
  };
}

export default defineConfig({
  root: clientRoot,
  plugins: [preact(), widgetLoader()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        console: fileURLToPath(new URL('./client/index.html', import.meta.url)),
        widget: fileURLToPath(new URL('./client/widget.html', import.meta.url)),
        demo: fileURLToPath(new URL('./client/demo.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/api': { target: devApi, ws: true, changeOrigin: false } },
  },
});
