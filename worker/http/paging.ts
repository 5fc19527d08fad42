// What every paged list's query string and every id in a body share: `limit` (1 to the largest
// page, the default page when absent) and `offset`, and an id's length. Read by readQuery/readBody.
import * as z from 'zod/mini';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../objects/protocol.ts';

export const pageQuery = {
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_PAGE_SIZE)), DEFAULT_PAGE_SIZE),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)), 0),
};

/** Ids are random strings far shorter than this. */
export const idField = z.string().check(z.minLength(1), z.maxLength(64));
