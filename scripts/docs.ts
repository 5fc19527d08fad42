// `npm run docs`: writes the error-code table of docs/api.md from the one list the routes use
// (worker/http/error-codes.ts). test/pure/docs.test.ts fails when the table is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HTTP_ERROR_CODES } from '../worker/http/error-codes.ts';

export const API_DOC = fileURLToPath(new URL('../docs/api.md', import.meta.url));
const START = '<!-- error-codes:start (npm run docs writes this table) -->';
const END = '<!-- error-codes:end -->';

export function errorCodeTable(): string {
  const rows = Object.entries(HTTP_ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return [START, '| code | meaning |', '|---|---|', ...rows, END].join('\n');
}

/** The doc with its table written anew. */
export function withErrorCodes(doc: string): string {
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/api.md has no ${START} … ${END} section`);
  return doc.slice(0, from) + errorCodeTable() + doc.slice(to + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(API_DOC, withErrorCodes(readFileSync(API_DOC, 'utf8')));
  console.log('docs/api.md: error codes written');
}
