// The bodies of the knowledge base's routes (the administrator's and the public ones), defined
// once: the routes check what they send with `satisfies`, both clients import these types.
/** A knowledge-base article. Plain text: it is always shown as text, never as HTML. */
export interface Article {
  id: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  updatedAt: number;
}

/** `GET /api/admin/kb`: one article, draft or published, with its deflections. */
export type KbArticle = Article & { deflections: number };
export interface KbArticlesResponse {
  articles: KbArticle[];
}
/** `GET /api/admin/kb/stats`: deflections per article and in all. */
export interface KbStats {
  articles: Pick<KbArticle, 'id' | 'title' | 'status' | 'deflections'>[];
  deflections: number;
  chatsStarted: number;
}
/** `GET /api/public/kb/search`: the best published matches for a question. */
export interface Suggestion {
  id: string;
  title: string;
  snippet: string;
}
export interface SuggestionsResponse {
  articles: Suggestion[];
}
/** `GET /api/public/kb/articles/:id`: a published article (plain text: shown as text, never as HTML). */
export type PublicArticle = Pick<Article, 'id' | 'title' | 'body' | 'updatedAt'>;
export interface PublicArticleResponse {
  article: PublicArticle;
}

/** `POST /api/admin/kb`, `PUT /api/admin/kb/:id` */
export interface ArticleBody {
  title: string;
  body: string;
}
/** `POST /api/public/kb/deflections`: the visitor says the article solved it. */
export interface DeflectionBody {
  articleId: string;
  groupId: string;
  question: string;
}
