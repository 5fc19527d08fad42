// The handle between the chat list and the open chat: dragged with the mouse or touch, or moved
// with the arrow keys (Home and End to its limits), it sets the list's share of the console, kept
// per person on the server when the drag ends. A separator with its value, for screen readers.
import type { JSX } from 'preact';
import { MAX_LIST_SHARE, MIN_LIST_SHARE } from '../../../objects/rules/preferences.ts';

/** How far one arrow key moves the split, in percent. */
const KEY_STEP = 2;

export interface SplitterProps {
  /** The list's share now (percent), or the layout's own when null. */
  share: number | null;
  /** The share the layout gives the list when none was chosen (what the separator reports). */
  fallback: number;
  onChange(percent: number, keep: boolean): void;
}

/** The list's share for a pointer at this place in the main area (its direction decides the axis). */
function shareAt(main: HTMLElement, x: number, y: number): number {
  const rect = main.getBoundingClientRect();
  const across = getComputedStyle(main).flexDirection === 'row';
  return across ? ((x - rect.left) / rect.width) * 100 : ((y - rect.top) / rect.height) * 100;
}

export function Splitter({ share, fallback, onChange }: SplitterProps) {
  const value = share ?? fallback;

  function onPointerDown(event: JSX.TargetedPointerEvent<HTMLDivElement>): void {
    const handle = event.currentTarget;
    const main = handle.parentElement;
    if (!main || event.button !== 0) return;
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    let last = value;
    const move = (e: PointerEvent) => {
      last = shareAt(main, e.clientX, e.clientY);
      onChange(last, false);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      onChange(last, true);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLDivElement>): void {
    const next =
      event.key === 'ArrowUp' || event.key === 'ArrowLeft'
        ? value - KEY_STEP
        : event.key === 'ArrowDown' || event.key === 'ArrowRight'
          ? value + KEY_STEP
          : event.key === 'Home'
            ? MIN_LIST_SHARE
            : event.key === 'End'
              ? MAX_LIST_SHARE
              : null;
    if (next === null) return;
    event.preventDefault();
    onChange(next, true);
  }

  return (
    <div
      class="splitter"
      role="separator"
      tabIndex={0}
      aria-label="Resize the chat list"
      aria-valuemin={MIN_LIST_SHARE}
      aria-valuemax={MAX_LIST_SHARE}
      aria-valuenow={Math.round(value)}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
