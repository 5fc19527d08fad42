// Moves focus into a control that has just appeared (an inline form, a confirmation), so a
// keyboard user lands where they can act. Preact, unlike React, does not focus `autoFocus`
// elements itself, and browsers honour the attribute only once per page.
import { type RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function useFocusOnMount<T extends HTMLElement>(): RefObject<T> {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
