// The agent console, the widget and the demo page are static files that Vite builds into
// dist/client, which wrangler.toml serves as the Worker's assets.
import { runNpmScript } from './process.ts';

export function buildClient(options: { quiet?: boolean } = {}): Promise<void> {
  return runNpmScript('build', options);
}
