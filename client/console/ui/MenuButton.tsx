// A button that opens a menu (WAI-ARIA menu button): Enter, Space or a click opens it with the
// first item focused; arrow keys, Home and End move; Escape, Tab or a click elsewhere closes it
// and focus returns to the button. Items are actions; an empty menu says why it is empty.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { rovingIndex } from './roving.ts';

export interface MenuItem {
  id: string;
  label: string;
  onSelect(): void;
}

/**
 * `onOpen` is called each time the menu opens (to read its items again, say); `note`, when set, is
 * a line above the items that says something about them (that they could not be read again).
 */
export function MenuButton({ label, items, empty, onOpen, note }: { label: string; items: readonly MenuItem[]; empty: string; onOpen?: () => void; note?: string | null }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  // The first item has focus when the menu opens, and again when the items change while it is open
  // and the one that had focus is gone (read again: arrived, removed or replaced).
  const shown = `${note ?? ''}\n${items.map((i) => i.id).join('\n')}`;
  useEffect(() => {
    if (open && !menu.current?.contains(document.activeElement)) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, shown]);
  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && event.target !== button.current) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
  function close(): void {
    setOpen(false);
    button.current?.focus();
  }
  function onKeyDown(event: KeyboardEvent): void {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const next = rovingIndex(event.key, entries.indexOf(document.activeElement as HTMLElement), entries.length, 'vertical');
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      close();
    } else if (next >= 0 && entries[next]) {
      event.preventDefault();
      entries[next].focus();
    }
  }
  return (
    <span class="menu-button">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={menuId}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
      >
        {label}
      </button>
      {open ? (
        <div ref={menu} id={menuId} class="menu" role="menu" aria-label={label} onKeyDown={onKeyDown}>
          {note && items.length > 0 ? (
            <p class="menu-empty" role="menuitem" aria-disabled="true" tabIndex={-1}>
              {note}
            </p>
          ) : null}
          {items.length === 0 ? (
            <p class="menu-empty" role="menuitem" aria-disabled="true" tabIndex={-1}>
              {empty}
            </p>
          ) : (
            items.map((item) => (
              <button
                key={item.id}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close();
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            ))
          )}
        </div>
      ) : null}
    </span>
  );
}
