// Part `sizes` of `npm run bench`: builds the client (vite build into a temporary directory, never
// dist/) and prints the raw and gzipped size (gzip level 9, each file on its own, as it travels) of
// the embed loader, the whole widget page and the whole console page: the HTML, every script and
// stylesheet it links, and every JS chunk those scripts import statically, transitively. Chunks
// loaded only by a dynamic import() are listed apart as lazy and not counted.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { PartContext } from './common.ts';
import { table } from './common.ts';

/** How long this part may run before bench/run.ts stops it. */
export const SIZES_TIMEOUT_MS = 60_000;
/** How long `vite build` may take before it is killed. */
const BUILD_TIMEOUT_MS = 50_000;
const LOADER_TARGET_GZIP = 3 * 1024;
const WIDGET_TARGET_GZIP = 25 * 1024;

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

interface FileSize {
  /** Relative to the build's output directory. */
  file: string;
  raw: number;
  gzip: number;
}

interface PageSizes {
  files: FileSize[];
  lazy: FileSize[];
}

function build(outDir: string, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const stop = () => {
      if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM');
    };
    const timer = setTimeout(() => {
      log(`vite build took longer than ${BUILD_TIMEOUT_MS / 1000} s: stopping it (pid ${child.pid})`);
      stop();
    }, BUILD_TIMEOUT_MS);
    signal.addEventListener('abort', stop, { once: true });
    child.once('error', reject);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      if (code === 0) resolvePromise();
      else reject(new Error(`vite build failed (${sig ?? `exit ${code}`}):\n${output.slice(-2000)}`));
    });
  });
}

async function sizeOf(outDir: string, path: string): Promise<FileSize> {
  const bytes = await readFile(path);
  return { file: relative(outDir, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** A built URL (`/assets/x.js`, `./x.js`, `assets/x.js`) as a path in outDir, or null (data:, http:). */
function resolveUrl(outDir: string, fromFile: string, url: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return null;
  const clean = url.split(/[?#]/)[0]!;
  return clean.startsWith('/') ? join(outDir, clean) : resolve(dirname(fromFile), clean);
}

/** What an HTML page loads: <script src> and <link href> (stylesheets and module preloads). */
function htmlReferences(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)) out.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = /\brel\s*=\s*["']([^"']+)["']/i.exec(m[0])?.[1]?.toLowerCase() ?? '';
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(m[0])?.[1];
    if (href && /\b(stylesheet|modulepreload)\b/.test(rel)) out.push(href);
  }
  return out;
}

/** Static imports (`import … from "./x.js"`, `import "./x.js"`, `export … from`) and dynamic ones. */
function jsReferences(code: string): { static: string[]; dynamic: string[] } {
  const spec = String.raw`["'](\.{1,2}\/[^"']+\.js|\/assets\/[^"']+\.js)["']`;
  const staticRefs = [
    ...[...code.matchAll(new RegExp(String.raw`\bfrom\s*${spec}`, 'g'))].map((m) => m[1]!),
    ...[...code.matchAll(new RegExp(String.raw`\bimport\s*${spec}`, 'g'))].map((m) => m[1]!),
  ];
  const dynamic = [...code.matchAll(new RegExp(String.raw`\bimport\(\s*${spec}\s*\)`, 'g'))].map((m) => m[1]!);
  // Vite's preload list for dynamic imports (their CSS among them): `m.f||(m.f=["assets/…", …])`.
  for (const m of code.matchAll(/__vite__mapDeps=[^[]*\[([^\]]*)\]/g)) {
    for (const d of m[1]!.matchAll(/["']([^"']+\.(?:js|css))["']/g)) dynamic.push(`/${d[1]!.replace(/^\//, '')}`);
  }
  return { static: staticRefs, dynamic };
}

/** The HTML page and everything it loads up front, transitively; lazy chunks apart. */
async function pageSizes(outDir: string, htmlFile: string): Promise<PageSizes> {
  const html = join(outDir, htmlFile);
  const seen = new Set<string>([html]);
  const queue: string[] = [];
  const lazyRefs = new Set<string>();
  const add = (from: string, url: string, into: 'static' | 'lazy') => {
    const path = resolveUrl(outDir, from, url);
    if (!path) return;
    if (into === 'lazy') lazyRefs.add(path);
    else if (!seen.has(path)) {
      seen.add(path);
      queue.push(path);
    }
  };
  for (const ref of htmlReferences(await readFile(html, 'utf8'))) add(html, ref, 'static');
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    if (!existsSync(file)) throw new Error(`${relative(outDir, html)} loads ${relative(outDir, file)}, which the build does not have`);
    if (!file.endsWith('.js')) continue;
    const refs = jsReferences(await readFile(file, 'utf8'));
    for (const r of refs.static) add(file, r, 'static');
    for (const r of refs.dynamic) add(file, r, 'lazy');
  }
  const files = await Promise.all([html, ...queue].map((f) => sizeOf(outDir, f)));
  const lazy = await Promise.all([...lazyRefs].filter((f) => !seen.has(f) && existsSync(f)).map((f) => sizeOf(outDir, f)));
  return { files, lazy };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const cells = (raw: number, gzip: number) => [String(raw), String(gzip), kb(raw), kb(gzip)];
const sum = (files: readonly FileSize[], key: 'raw' | 'gzip') => files.reduce((n, f) => n + f[key], 0);

export async function runSizes(ctx: PartContext): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-sizes-'));
  try {
    const outDir = join(dir, 'client');
    ctx.log(`building the client: vite build --outDir ${outDir} (NODE_ENV=production)`);
    const t = performance.now();
    await build(outDir, ctx.log, ctx.signal);
    ctx.log(`built in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const loader = await sizeOf(outDir, join(outDir, 'widget.js'));
    const widget = await pageSizes(outDir, 'widget.html');
    const consolePage = await pageSizes(outDir, 'index.html');

    const rows: string[][] = [];
    const section = (name: string, page: PageSizes) => {
      for (const f of page.files) rows.push([name, f.file, ...cells(f.raw, f.gzip)]);
      rows.push([name, 'TOTAL (loaded up front)', ...cells(sum(page.files, 'raw'), sum(page.files, 'gzip'))]);
      for (const f of page.lazy) rows.push([name, `lazy, not counted: ${f.file}`, ...cells(f.raw, f.gzip)]);
    };
    rows.push(['loader', loader.file, ...cells(loader.raw, loader.gzip)]);
    section('widget', widget);
    section('console', consolePage);

    const widgetGzip = sum(widget.files, 'gzip');
    const loaderOk = loader.gzip <= LOADER_TARGET_GZIP;
    const widgetOk = widgetGzip <= WIDGET_TARGET_GZIP;
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      [
        '',
        'Client sizes (fresh production build; gzip = node:zlib gzipSync level 9 of each file, summed; 1 KB = 1024 bytes)',
        ...table(['part', 'file', 'raw bytes', 'gzip bytes', 'raw', 'gzip'], rows, 2),
        `loader widget.js: ${kb(loader.gzip)} gzipped (target <= ${kb(LOADER_TARGET_GZIP)}) ${verdict(loaderOk)}`,
        `whole widget (widget.html + ${widget.files.length - 1} file(s) it loads): ${kb(widgetGzip)} gzipped (target <= ${kb(WIDGET_TARGET_GZIP)}) ${verdict(widgetOk)}`,
        `whole console (index.html + ${consolePage.files.length - 1} file(s) it loads): ${kb(sum(consolePage.files, 'gzip'))} gzipped (no target)` +
          (consolePage.lazy.length ? `; plus ${kb(sum(consolePage.lazy, 'gzip'))} gzipped loaded lazily` : ''),
      ].join('\n'),
    );
    return loaderOk && widgetOk ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
