// Moves focus to a view's heading when the view appears, so keyboard and screen-reader users land
// where the new content starts instead of on a button that no longer exists.
import { useEffect, useRef } from 'preact/hooks';

export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
