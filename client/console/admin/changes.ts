// How the Administration page runs one change, for every section alike: one at a time, errors
// shown in the section's alert, the outcome announced to screen readers, the lists fetched again.
import type { Signal } from '@preact/signals';

export interface ChangeRunner<Section extends string> {
  busy: Signal<boolean>;
  announcement: Signal<string>;
  errors: Readonly<Record<Section, Signal<string | null>>>;
  fail(section: Section, error: unknown): void;
  /** Fetches the lists again after a change the server accepted. */
  reload(section: Section): Promise<void>;
}

/** Returns `change(section, work, done)`: true if the server accepted the change. */
export function changeRunner<Section extends string>(r: ChangeRunner<Section>) {
  return async function change(section: Section, work: () => Promise<unknown>, done: string): Promise<boolean> {
    if (r.busy.value) return false;
    r.busy.value = true;
    r.errors[section].value = null;
    r.announcement.value = '';
    try {
      await work();
    } catch (error) {
      r.fail(section, error);
      return false;
    } finally {
      r.busy.value = false;
    }
    r.announcement.value = done;
    await r.reload(section);
    return true;
  };
}
