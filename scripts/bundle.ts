// Bundles a Worker's entry with esbuild for Miniflare run directly (the bench, the browser tests'
// server): workerd resolves `cloudflare:` and, with nodejs_compat, `node:` imports itself.
import { build } from 'esbuild';

export async function bundleWorker(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    logLevel: 'warning',
  });
}
