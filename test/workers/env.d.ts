// The bindings the tests see: the Worker's own (the global Env) plus the migrations the setup applies.
import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
