// Keeps a scrolling message log pinned to its newest line, unless the reader has scrolled up to
// read something older; then new lines arrive below without yanking the view away. A log whose
// box shrinks (the console's list above it grew, the window was resized) stays pinned too.
import { useLayoutEffect, useRef } from 'preact/hooks';

/** Within this many pixels of the bottom counts as "at the bottom". */
const STICK_THRESHOLD_PX = 48;

/** Returns a ref for the scrolling element; `size` changes whenever lines are added. */
export function useStickToBottom(size: number) {
  const element = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useLayoutEffect(() => {
    const node = element.current;
    if (node === null) return;
    const onScroll = () => {
      atBottom.current = node.scrollHeight - node.scrollTop - node.clientHeight < STICK_THRESHOLD_PX;
    };
    node.addEventListener('scroll', onScroll, { passive: true });
    const resized = new ResizeObserver(() => {
      if (atBottom.current) node.scrollTop = node.scrollHeight;
    });
    resized.observe(node);
    return () => {
      node.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    const node = element.current;
    if (node !== null && atBottom.current) node.scrollTop = node.scrollHeight;
  }, [size]);

  return element;
}
