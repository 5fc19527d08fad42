// The chat's clocks, as pure functions: idle time (since an agent last wrote; a customer's
// message does not reset it), its severity against the administrator's thresholds, and when the
// object must next wake (a threshold crossed, a follow-up due). The ChatRoom keeps one alarm set to
// the nearest of these; alarms are delivered at least once, so nothing here counts on being called
// only once.
import type { IdleLevel } from '../protocol.ts';
import type { OpenState } from './logic.ts';

export interface Thresholds {
  /** Idle longer than this shows the yellow idle warning. */
  idleWarningMs: number;
  /** Idle longer than this shows the red high-idle warning. */
  idleHighMs: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { idleWarningMs: 2 * 60_000, idleHighMs: 5 * 60_000 };

/**
 * Since when the chat has been idle: for a queued chat, since it started waiting (or an agent's
 * last word before it was sent back to a queue); for an active one, since the agent last wrote or,
 * if later, took it. Ended chats are frozen at their end.
 */
export function idleSince(state: OpenState, lastAgentMessageAt: number | null): number {
  const since = state.status === 'active' ? Math.max(state.takenAt, state.startedAt) : state.startedAt;
  return Math.max(since, lastAgentMessageAt ?? 0);
}

/** Grey (none), green (normal), yellow (warning), red (high, or closed). */
export function idleLevel(state: OpenState, lastAgentMessageAt: number | null, now: number, t: Thresholds): IdleLevel {
  if (state.status === 'ended') return 'closed';
  const idle = now - idleSince(state, lastAgentMessageAt);
  if (idle >= t.idleHighMs) return 'high';
  if (idle >= t.idleWarningMs) return 'warning';
  return state.status === 'active' ? 'normal' : 'none';
}

/** The next moment the idle level changes by itself, if it ever does. */
export function nextLevelChange(state: OpenState, lastAgentMessageAt: number | null, now: number, t: Thresholds): number | null {
  if (state.status === 'ended') return null;
  const since = idleSince(state, lastAgentMessageAt);
  for (const at of [since + t.idleWarningMs, since + t.idleHighMs]) if (at > now) return at;
  return null;
}

/** When the object must wake next: a level change, a follow-up coming due, or a pending projection. */
export function nextWake(
  state: OpenState,
  lastAgentMessageAt: number | null,
  now: number,
  t: Thresholds,
  projectionDueAt: number | null,
): number | null {
  const candidates = [
    nextLevelChange(state, lastAgentMessageAt, now, t),
    state.followUpAt !== null && state.followUpAt > now ? state.followUpAt : null,
    projectionDueAt,
  ].filter((x): x is number => x !== null);
  return candidates.length ? Math.min(...candidates) : null;
}

/** Reads thresholds from settings rows (`idle_warning_seconds`, `idle_high_seconds`), with defaults. */
export function thresholdsFrom(settings: Record<string, string>): Thresholds {
  const seconds = (key: string, fallback: number) => {
    const n = Number(settings[key]);
    return Number.isFinite(n) && n > 0 ? n * 1000 : fallback;
  };
  const idleWarningMs = seconds('idle_warning_seconds', DEFAULT_THRESHOLDS.idleWarningMs);
  const idleHighMs = Math.max(idleWarningMs, seconds('idle_high_seconds', DEFAULT_THRESHOLDS.idleHighMs));
  return { idleWarningMs, idleHighMs };
}
