// The customer-side content an administrator manages (knowledge-base articles, chat links, custom
// fields) as signals and one action per route. Like model.ts: a refusal is shown in its section's
// alert and changes nothing; a change that succeeds is followed by fetching the lists again.
import type { ArticleBody } from '../../../worker/kb/wire.ts';
import { signal, type Signal } from '@preact/signals';
import { changeRunner } from './changes.ts';
import {
  ApiError,
  del,
  describeError,
  getJson,
  post,
  postJson,
  put,
  type ChatLink,
  type ChatLinksResponse,
  type CustomField,
  type CustomFieldsResponse,
  type KbArticle,
  type KbArticlesResponse,
  type KbStats,
} from '../../shared/api.ts';

export type ContentSection = 'kb' | 'links' | 'fields';
export type ContentModel = ReturnType<typeof createContent>;

const kbPath = (id: string) => `/api/admin/kb/${encodeURIComponent(id)}`;

export function createContent() {
  const articles = signal<readonly KbArticle[]>([]);
  const deflections = signal<number | null>(null);
  const links = signal<readonly ChatLink[]>([]);
  const fields = signal<readonly CustomField[]>([]);
  const loaded = signal(false);
  const busy = signal(false);
  const errors: Readonly<Record<ContentSection, Signal<string | null>>> = {
    kb: signal<string | null>(null),
    links: signal<string | null>(null),
    fields: signal<string | null>(null),
  };
  const announcement = signal('');

  function fail(section: ContentSection, error: unknown): void {
    errors[section].value = describeError(error);
  }

  async function load(): Promise<void> {
    const [kb, stats, ls, fs] = await Promise.allSettled([
      getJson<KbArticlesResponse>('/api/admin/kb'),
      getJson<KbStats>('/api/admin/kb/stats'),
      getJson<ChatLinksResponse>('/api/admin/links'),
      getJson<CustomFieldsResponse>('/api/admin/fields'),
    ]);
    if (kb.status === 'fulfilled') articles.value = kb.value.articles;
    else fail('kb', kb.reason);
    if (stats.status === 'fulfilled') deflections.value = stats.value.deflections;
    if (ls.status === 'fulfilled') links.value = ls.value.links;
    else fail('links', ls.reason);
    if (fs.status === 'fulfilled') fields.value = fs.value.fields;
    else fail('fields', fs.reason);
    loaded.value = true;
  }

  const change = changeRunner<ContentSection>({ busy, announcement, errors, fail, reload: load });


  return {
    articles,
    deflections,
    links,
    fields,
    loaded,
    busy,
    errors,
    announcement,
    load,
    dismissError(section: ContentSection): void {
      errors[section].value = null;
    },
    addArticle: (title: string, body: string) =>
      change('kb', () => postJson('/api/admin/kb', { title, body } satisfies ArticleBody), `Article "${title}" was saved as a draft.`),
    editArticle: (article: KbArticle, title: string, body: string) =>
      change('kb', () => put(kbPath(article.id), { title, body } satisfies ArticleBody), `Article "${title}" was saved.`),
    setPublished: (article: KbArticle, published: boolean) =>
      change(
        'kb',
        () => post(`${kbPath(article.id)}/${published ? 'publish' : 'unpublish'}`),
        `"${article.title}" was ${published ? 'published' : 'unpublished'}.`,
      ),
    deleteArticle: (article: KbArticle) => change('kb', () => del(kbPath(article.id)), `"${article.title}" was deleted.`),
    addLink: (link: ChatLink) => change('links', () => postJson('/api/admin/links', link), `Chat link ${link.name} was added.`),
    deleteLink: (link: ChatLink) =>
      change('links', () => del(`/api/admin/links/${encodeURIComponent(link.slug)}`), `Chat link ${link.name} was deleted.`),
    addField: (field: CustomField) => change('fields', () => postJson('/api/admin/fields', field), `Field ${field.label} was added.`),
    deleteField: (field: CustomField) =>
      change('fields', () => del(`/api/admin/fields/${encodeURIComponent(field.key)}`), `Field ${field.label} was deleted.`),
  };
}
