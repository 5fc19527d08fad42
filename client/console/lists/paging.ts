// Paging a list: the server answers one page (limit, offset) and the total; the toolbar says
// "1–50 of 120" and offers Previous and Next. Pure arithmetic, no signals.

/** Rows per page (the server allows up to 200: MAX_PAGE_SIZE in worker/db/chats.ts). */
export const PAGE_SIZE = 50;

/** "1–50 of 120"; "0 of 0" for an empty list. `shown` is how many rows the page holds now. */
export function pageLabel(offset: number, shown: number, total: number): string {
  if (shown === 0) return `0 of ${total}`;
  return `${offset + 1}–${offset + shown} of ${Math.max(total, offset + shown)}`;
}

export function hasPrevious(offset: number): boolean {
  return offset > 0;
}

export function hasNext(offset: number, total: number, size = PAGE_SIZE): boolean {
  return offset + size < total;
}

export function previousOffset(offset: number, size = PAGE_SIZE): number {
  return Math.max(0, offset - size);
}

export function nextOffset(offset: number, total: number, size = PAGE_SIZE): number {
  return hasNext(offset, total, size) ? offset + size : offset;
}

/** A page past the end (rows went away): the last page that still has rows. */
export function clampOffset(offset: number, total: number, size = PAGE_SIZE): number {
  if (offset < total) return offset;
  return Math.max(0, Math.floor(Math.max(0, total - 1) / size) * size);
}
