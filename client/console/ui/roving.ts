// Where the arrow keys, Home and End move focus in a row of tabs or a menu (WAI-ARIA's roving
// focus): wrapping at the ends; -1 for any other key. Pure.

export function rovingIndex(key: string, at: number, length: number, axis: 'horizontal' | 'vertical'): number {
  const [back, forward] = axis === 'horizontal' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  if (length === 0) return -1;
  if (key === forward) return (at + 1) % length;
  if (key === back) return (at - 1 + length) % length;
  if (key === 'Home') return 0;
  if (key === 'End') return length - 1;
  return -1;
}
