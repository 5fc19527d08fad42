// The Translator on the Workers AI binding (https://developers.cloudflare.com/workers-ai/).
import type { Translator } from './translate.ts';

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

