// Translating a completed chat (the seed's Translate action). Translation needs Workers AI, which
// has no local form: it sits behind this interface (the Workers AI side is translate-ai.ts), is on
// only where the deployment has an `AI` binding, and says plainly that it is off everywhere else.
// Pure, so it runs under Deno too.
import type { ChatEvent } from '../../objects/protocol.ts';

export interface Translator {
  /** Each text translated into `language` (a BCP 47 code such as "en" or "pt-BR"), in order. */
  translate(texts: string[], language: string): Promise<string[]>;
}

export interface TranslatedLine {
  seq: number;
  from: string;
  original: string;
  translated: string;
}

/** The messages of a chat (and, for staff, its coaching lines), translated. */
export async function translateChat(translator: Translator, events: readonly ChatEvent[], language: string): Promise<TranslatedLine[]> {
  const lines = events.flatMap((e) => (e.kind === 'message' || e.kind === 'coaching' ? [e] : []));
  const translated = await translator.translate(
    lines.map((l) => l.text),
    language,
  );
  return lines.map((l, i) => ({ seq: l.seq, from: l.from.name, original: l.text, translated: translated[i] ?? l.text }));
}
