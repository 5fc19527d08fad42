// Customers (the seed's Users): the limits of what staff edit about them, the windows their
// statistics count over, their email's domain, and whether a time zone is one. Pure.

/** The Statistics tab's windows: the last 7, 30 and 90 days, and all time. */
export const STATISTICS_WINDOWS = ['last7', 'last30', 'last90', 'all'] as const;
export type StatisticsWindow = (typeof STATISTICS_WINDOWS)[number];
export const STATISTICS_WINDOW_LABELS: Record<StatisticsWindow, string> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  all: 'All time',
};
const DAY_MS = 24 * 60 * 60 * 1000;
/** Where each window starts, at `now` (all time: the epoch). */
export function windowStarts(now: number): Record<StatisticsWindow, number> {
  return { last7: now - 7 * DAY_MS, last30: now - 30 * DAY_MS, last90: now - 90 * DAY_MS, all: 0 };
}

/** The most items of each kind the pop-out lists (newest first). */
export const MAX_CUSTOMER_ITEMS = 100;
export const MAX_CONTACT_LENGTH = 200;
export const MAX_ADDRESS_LENGTH = 500;
export const MAX_CUSTOMER_COMMENT_LENGTH = 2000;
export const MAX_ORGANIZATION_NAME_LENGTH = 100;
/** The longest retention an administrator may set (ten years). */
export const MAX_RETENTION_DAYS = 3650;

/** "Ann@Example.COM" → "example.com". */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}

const DOMAIN_SHAPE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export function isDomain(text: string): boolean {
  return DOMAIN_SHAPE.test(text);
}

/** An IANA time zone the runtime knows ("Europe/Lisbon", "UTC"). */
export function isTimeZone(text: string): boolean {
  if (text.length === 0 || text.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: text });
    return true;
  } catch {
    return false;
  }
}

/** The Roles tab: every customer is one; a website's signed identity makes them a verified one. */
export function customerRoles(c: { verifiedAt: number | null }): string[] {
  return c.verifiedAt === null ? ['Customer'] : ['Customer', 'Verified by website'];
}
