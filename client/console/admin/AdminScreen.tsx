// Fetches the Administration page's code the first time an administrator opens it, so the
// consoles of agents and managers never download it. The admin model itself stays in the
// main bundle: it is small, and the nav needs to know whether to offer the page.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AdminModel } from './model.ts';

type Page = ComponentType<{ admin: AdminModel }>;
let loaded: Page | null = null;

export function AdminScreen({ admin }: { admin: AdminModel }) {
  const [page, setPage] = useState<{ Page: Page } | null>(loaded && { Page: loaded });
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (page) return;
    import('./AdminPage.tsx').then(
      (module) => {
        loaded = module.AdminPage;
        setPage({ Page: module.AdminPage });
      },
      () => setFailed(true),
    );
  }, []);
  if (failed) {
    return (
      <p class="notice" role="alert">
        The Administration page could not be loaded. Reload the page to try again.
      </p>
    );
  }
  if (!page) {
    return (
      <p class="boot" role="status">
        Loading Administration…
      </p>
    );
  }
  return <page.Page admin={admin} />;
}
