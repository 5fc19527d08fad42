// The knowledge base's limits, for the console's editor, the server and the admin command. Pure.

/** The longest article title (characters). */
export const MAX_ARTICLE_TITLE = 200;
/** The longest article body (characters). */
export const MAX_ARTICLE_BODY = 50_000;
