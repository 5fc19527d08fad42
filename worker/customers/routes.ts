// Customers (the seed's "Viewing User Details"): the pop-out's record and tabs, staff's edits and
// comments about them, merging two records of one person, organizations, and what a chat shows of
// its customer (verified or not, the sticky comments). Every read is limited to the caller's
// groups; a customer none of whose items is in them does not exist for the caller (an
// administrator may open anyone: privacy requests reach them). Mounted at /api/customers and
// /api/organizations.
import type {
  ChatCustomerResponse, CustomerCommentBody, CustomerDetailsResponse, CustomerEditBody, CustomerLookupResponse, CustomerMergeBody,
  OrganizationBody, OrganizationListResponse, OrganizationResponse,
} from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { customerRoles, isDomain, isTimeZone, MAX_ADDRESS_LENGTH, MAX_CONTACT_LENGTH, MAX_CUSTOMER_COMMENT_LENGTH, MAX_ORGANIZATION_NAME_LENGTH } from '../../objects/rules/customers.ts';
import { isEmail, MAX_EMAIL_LENGTH, normalEmail } from '../../objects/rules/email.ts';
import { isLanguageTag } from '../../objects/rules/language.ts';
import { MAX_NAME_LENGTH } from '../../objects/rules/items.ts';
import { supervises } from '../../objects/rules/ranks.ts';
import { requireAgent } from '../auth/session.ts';
import { randomId } from '../auth/encoding.ts';
import { requireChat } from '../chats/actions.ts';
import { findChat } from '../chats/queries.ts';
import { serveUpload } from '../chats/files.ts';
import { eraseCustomer, exportCustomer } from './privacy.ts';
import type { AppEnv, SessionAgent } from '../http/app-env.ts';
import { readBody, readQuery } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { idField } from '../http/paging.ts';
import { manyLines, oneLine } from '../items/scope.ts';
import { checkFields } from '../../objects/rules/fields.ts';
import { listFields } from '../content/queries.ts';
import {
  addressOnItems, customerActivity, customerComments, customerIdByEmail, deleteCustomerComment, findCustomer, findCustomerComment, findOrganization, insertCustomerComment,
  insertOrganization, isVerifiedChat, listOrganizations, mayOpenCustomer, mergeCustomers, noteCustomer, organizationMembers,
  updateCustomer, updateCustomerComment,
} from './queries.ts';

const contact = z.string().check(z.trim(), z.maxLength(MAX_CONTACT_LENGTH), z.refine((t) => !/[\r\n]/.test(t), { message: 'one line' }));
const CustomerEdit = z.object({
  name: z.optional(oneLine(MAX_NAME_LENGTH)),
  timeZone: z.optional(z.nullable(z.string().check(z.refine(isTimeZone, { message: 'an IANA time zone such as Europe/Lisbon' })))),
  language: z.optional(z.nullable(z.string().check(z.refine(isLanguageTag, { message: 'a language tag such as en or pt-BR' })))),
  website: z.optional(contact),
  homePhone: z.optional(contact),
  workPhone: z.optional(contact),
  mobilePhone: z.optional(contact),
  address: z.optional(manyLines(MAX_ADDRESS_LENGTH)),
  subscribed: z.optional(z.boolean()),
  customFields: z.optional(z.record(z.string(), z.string())),
  organizationId: z.optional(z.nullable(idField)),
});
const CommentBody = z.object({ text: manyLines(MAX_CUSTOMER_COMMENT_LENGTH, 1), sticky: z.optional(z.boolean()) });
const CommentEdit = z.object({ text: z.optional(manyLines(MAX_CUSTOMER_COMMENT_LENGTH, 1)), sticky: z.optional(z.boolean()) });
const MergeBody = z.object({ customerId: idField });
const Lookup = z.object({ email: z.string().check(z.maxLength(MAX_EMAIL_LENGTH), z.refine((e) => isEmail(normalEmail(e)), { message: 'an email address' })) });
const OrganizationInput = z.object({
  name: oneLine(MAX_ORGANIZATION_NAME_LENGTH),
  domain: z.optional(z.nullable(z.string().check(z.trim(), z.toLowerCase(), z.refine(isDomain, { message: 'a domain such as example.com' })))),
});

/** The customer, if the caller may open them (404 otherwise: someone else's customer does not exist for them). */
async function requireCustomer(env: Env, agent: SessionAgent, customerId: string) {
  const customer = (await mayOpenCustomer(env.DB, agent, customerId)) ? await findCustomer(env.DB, customerId) : null;
  if (!customer) throw new ApiError(404, 'not_found', 'No such customer among your groups’ chats, tickets and calls.');
  return customer;
}

export const customerRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  // The pop-out opens from an address (a chat's, a ticket's, a call log's): whose is it? An address
  // the caller can see on an item but that has no customer yet (it was named before customers
  // were kept, or noting them failed) gets one now.
  .get('/lookup', async (c) => {
    const agent = c.get('agent');
    const email = normalEmail(readQuery(c, Lookup, { hint: 'email=<address>' }).email);
    let customerId = await customerIdByEmail(c.env.DB, email);
    if (customerId === null && (await addressOnItems(c.env.DB, agent, email))) customerId = await noteCustomer(c.env.DB, { email, name: email, at: Date.now() });
    if (customerId === null) throw new ApiError(404, 'not_found', 'No such customer among your groups’ chats, tickets and calls.');
    await requireCustomer(c.env, agent, customerId);
    return c.json({ customerId } satisfies CustomerLookupResponse);
  })
  .get('/of-chat/:chatId', async (c) => {
    const chat = await requireChat(c.env, c.get('agent'), c.req.param('chatId'));
    const customerId = await customerIdByEmail(c.env.DB, chat.visitorEmail);
    const [verified, sticky] = await Promise.all([isVerifiedChat(c.env.DB, chat.id), customerId ? customerComments(c.env.DB, customerId, 'sticky') : []]);
    return c.json({ customerId, name: chat.visitorName, email: chat.visitorEmail, verified, stickyComments: sticky } satisfies ChatCustomerResponse);
  })
  .get('/:id', async (c) => {
    const agent = c.get('agent');
    const customer = await requireCustomer(c.env, agent, c.req.param('id'));
    const activity = await customerActivity(c.env.DB, agent.id, customer.id, Date.now());
    const { history, ...lists } = activity;
    return c.json({
      customer,
      authentication: customer.verifiedAt === null ? 'unverified' : 'verified',
      roles: customerRoles(customer),
      ...lists,
      history: { firstSeenAt: customer.firstSeenAt, lastSeenAt: customer.lastSeenAt, lastSignInAt: customer.lastSignInAt, ...history },
    } satisfies CustomerDetailsResponse);
  })
  .patch('/:id', async (c) => {
    const agent = c.get('agent');
    const customer = await requireCustomer(c.env, agent, c.req.param('id'));
    const body = await readBody<CustomerEditBody>(c, CustomerEdit);
    if (Object.keys(body).length === 0) throw new ApiError(400, 'invalid_body', 'Change at least one field.');
    if (body.organizationId != null && !(await findOrganization(c.env.DB, body.organizationId))) {
      throw new ApiError(404, 'unknown_organization', 'No such organization.', 'organizationId');
    }
    if (body.customFields !== undefined) {
      const checked = checkFields(await listFields(c.env.DB), body.customFields);
      if (!checked.ok) throw new ApiError(400, 'invalid_field', checked.message, checked.key);
      body.customFields = checked.values;
    }
    await updateCustomer(c.env.DB, customer.id, body);
    return c.json({ customer: await findCustomer(c.env.DB, customer.id) });
  })
  .post('/:id/comments', async (c) => {
    const agent = c.get('agent');
    const customer = await requireCustomer(c.env, agent, c.req.param('id'));
    const body = await readBody<CustomerCommentBody>(c, CommentBody);
    const comment = { id: randomId(), authorId: agent.id, authorName: agent.name, text: body.text, sticky: body.sticky ?? false, createdAt: Date.now() };
    await insertCustomerComment(c.env.DB, customer.id, comment);
    return c.json({ comment }, 201);
  })
  .patch('/:id/comments/:commentId', async (c) => {
    const agent = c.get('agent');
    const comment = await requireOwnComment(c.env, agent, c.req.param('id'), c.req.param('commentId'));
    const body = await readBody<Partial<CustomerCommentBody>>(c, CommentEdit);
    if (Object.keys(body).length === 0) throw new ApiError(400, 'invalid_body', 'Change the text or sticky.');
    await updateCustomerComment(c.env.DB, comment.id, body);
    return c.json({ comment: { ...comment, ...body } });
  })
  .delete('/:id/comments/:commentId', async (c) => {
    const agent = c.get('agent');
    const comment = await requireOwnComment(c.env, agent, c.req.param('id'), c.req.param('commentId'));
    await deleteCustomerComment(c.env.DB, comment.id);
    return c.body(null, 204);
  })
  // Privacy (administrators only): everything about the customer as one JSON document, the files
  // it lists, and erasing the customer.
  .get('/:id/export', async (c) => {
    const agent = requireAdministrator(c.get('agent'));
    const customer = await requireCustomer(c.env, agent, c.req.param('id'));
    const document = await exportCustomer(c.env, customer, await customerComments(c.env.DB, customer.id, 'all'), Date.now());
    const filename = `customer-${customer.emails[0] ?? customer.id}.json`.replace(/[^A-Za-z0-9@._-]/g, '_');
    return c.json(document, 200, { 'content-disposition': `attachment; filename="${filename}"` });
  })
  .get('/:id/files/:chatId/:fileId', async (c) => {
    const agent = requireAdministrator(c.get('agent'));
    const customer = await requireCustomer(c.env, agent, c.req.param('id'));
    const chat = await findChat(c.env.DB, c.req.param('chatId'));
    if (!chat || !customer.emails.includes(chat.visitorEmail)) throw new ApiError(404, 'not_found', 'No such chat of this customer.');
    return serveUpload(c.env, chat.id, c.req.param('fileId'));
  })
  .delete('/:id', async (c) => {
    const agent = requireAdministrator(c.get('agent'));
    const customer = await requireCustomer(c.env, agent, c.req.param('id'));
    return c.json({ erased: await eraseCustomer(c.env, customer.id) });
  })
  .post('/:id/merge', async (c) => {
    const agent = c.get('agent');
    const into = await requireCustomer(c.env, agent, c.req.param('id'));
    const body = await readBody<CustomerMergeBody>(c, MergeBody);
    if (body.customerId === into.id) throw new ApiError(400, 'same_customer', 'A customer cannot be merged into themselves.', 'customerId');
    const from = await requireCustomer(c.env, agent, body.customerId);
    await mergeCustomers(c.env.DB, into.id, from.id);
    return c.json({ customer: await findCustomer(c.env.DB, into.id) });
  });

function requireAdministrator(agent: SessionAgent): SessionAgent {
  if (agent.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only administrators can export or erase a customer.');
  return agent;
}

/** A comment about the customer that the caller wrote, or any if they are a manager or an administrator. */
async function requireOwnComment(env: Env, agent: SessionAgent, customerId: string, commentId: string) {
  await requireCustomer(env, agent, customerId);
  const comment = await findCustomerComment(env.DB, customerId, commentId);
  if (!comment) throw new ApiError(404, 'not_found', 'No such comment.');
  if (comment.authorId !== agent.id && !supervises(agent.role)) {
    throw new ApiError(403, 'not_allowed', 'Only its author, a manager or an administrator can change a comment.');
  }
  return comment;
}

export const organizationRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => c.json({ organizations: await listOrganizations(c.env.DB) } satisfies OrganizationListResponse))
  .post('/', async (c) => {
    const agent = c.get('agent');
    if (!supervises(agent.role)) throw new ApiError(403, 'not_allowed', 'Only managers and administrators create organizations.');
    const body = await readBody<OrganizationBody>(c, OrganizationInput);
    const organization = { id: randomId(), name: body.name, domain: body.domain ?? null };
    if (!(await insertOrganization(c.env.DB, organization, Date.now()))) {
      throw new ApiError(409, 'organization_exists', 'An organization with that name or domain exists.', 'name');
    }
    return c.json({ organization }, 201);
  })
  .get('/:id', async (c) => {
    const organization = await findOrganization(c.env.DB, c.req.param('id'));
    if (!organization) throw new ApiError(404, 'not_found', 'No such organization.');
    return c.json({ organization, customers: await organizationMembers(c.env.DB, c.get('agent').id, organization.id) } satisfies OrganizationResponse);
  });
