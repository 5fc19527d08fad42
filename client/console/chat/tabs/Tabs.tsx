// Tabs as WAI-ARIA describes them: a tablist whose tabs move with the arrow keys, Home and End
// (only the selected tab is in the Tab order), each controlling one tabpanel. Only the tabs that
// have content are passed in; the caller renders the selected panel.
import type { ComponentChildren, JSX } from 'preact';
import { rovingIndex } from '../../ui/roving.ts';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
}

export function Tabs<T extends string>(props: {
  label: string;
  idPrefix: string;
  tabs: readonly TabSpec<T>[];
  selected: T;
  onSelect(id: T): void;
  children: ComponentChildren;
}) {
  const { tabs, selected, idPrefix } = props;
  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLDivElement>): void {
    const tab = tabs[rovingIndex(event.key, tabs.findIndex((t) => t.id === selected), tabs.length, 'horizontal')];
    if (tab === undefined) return;
    event.preventDefault();
    props.onSelect(tab.id);
    event.currentTarget.querySelector<HTMLElement>(`#${idPrefix}-tab-${tab.id}`)?.focus();
  }
  return (
    <>
      <div class="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === selected ? 'true' : 'false'}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => props.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div class="tab-panel" role="tabpanel" id={`${idPrefix}-panel-${selected}`} aria-labelledby={`${idPrefix}-tab-${selected}`}>
        {props.children}
      </div>
    </>
  );
}
