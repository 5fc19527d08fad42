// Translating a completed chat (the seed's Translate action). Translation needs Workers AI, which
// has no local form: it sits behind this interface, is on only where the deployment has an `AI`
// binding, and says plainly that it is off everywhere else.
import type { ChatEvent } from '../objects/protocol.ts';

export interface Translator {
  /** Each text translated into `language` (a BCP 47 code such as "en" or "pt-BR"), in order. */
  translate(texts: string[], language: string): Promise<string[]>;
}

/** The Workers AI model used for translation (m2m100 covers 100 languages). */
export const TRANSLATION_MODEL = '@cf/meta/m2m100-1.2b';

/** A translator on the Workers AI binding, or null where the deployment has none. */
export function translatorFor(ai: Ai | undefined): Translator | null {
  if (!ai) return null;
  return {
    async translate(texts, language) {
      const out: string[] = [];
      for (const text of texts) {
        const result = (await ai.run(TRANSLATION_MODEL as Parameters<Ai['run']>[0], { text, target_lang: language } as never)) as {
          translated_text?: string;
        };
        out.push(result.translated_text ?? text);
      }
      return out;
    },
  };
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
