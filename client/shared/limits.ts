// The protocol's limits as values the clients can use without importing objects/protocol.ts at
// runtime: that module builds zod schemas at load time, which would ship zod in every bundle.
// Each constant is typed as the protocol's own literal, so tsc fails the day the two disagree.
import type { MAX_TEXT_LENGTH as PROTOCOL_MAX_TEXT_LENGTH } from '../../objects/protocol.ts';

/** The longest message text the server accepts (characters). */
export const MAX_TEXT_LENGTH: typeof PROTOCOL_MAX_TEXT_LENGTH = 4000;
