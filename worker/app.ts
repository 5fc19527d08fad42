// The Hono app: one folder per resource, each mounted here on its path; one error handler.
// Static files (the console, the widget) are served by Workers static assets before this app is
// reached. Adding a resource is a folder with its routes and queries, and one line below.
import { searchRoutes } from './search/routes.ts';
import { Hono } from 'hono';
import { authRoutes, colleagueRoutes, meRoutes } from './auth/routes.ts';
import { requireAdmin, requireAgent } from './auth/session.ts';
import { bulkRoutes } from './chats/bulk.ts';
import { cannedRoutes } from './canned/routes.ts';
import { chatRoutes } from './chats/routes.ts';
import { adminContentRoutes } from './content/routes.ts';
import { customerRoutes, organizationRoutes } from './customers/routes.ts';
import { adminManualEventRoutes } from './manual-events/admin-routes.ts';
import { manualEventRoutes } from './manual-events/routes.ts';
import type { AppEnv } from './http/app-env.ts';
import { errorResponse, notFound } from './http/errors.ts';
import { articlePageRoutes } from './kb/page.ts';
import { securityHeaders } from './http/security-headers.ts';
import { callRoutes } from './items/calls.ts';
import { relatedRoutes } from './items/related.ts';
import { taskRoutes } from './items/tasks.ts';
import { ticketRoutes } from './items/tickets.ts';
import { lobbyRoutes } from './lobby/routes.ts';
import { messageRoutes } from './messages/routes.ts';
import { peopleAdminRoutes } from './people/routes.ts';
import { preferenceRoutes } from './preferences/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { publicRoutes } from './visitor/public-routes.ts';
import { visitorRoutes } from './visitor/routes.ts';

/** The Administration page's resources: administrators only, checked once for all of them. */
const adminRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .use(requireAdmin())
  .route('/settings', settingsRoutes)
  .route('/', peopleAdminRoutes)
  .route('/', adminContentRoutes)
  .route('/manual-events', adminManualEventRoutes);

export const app = new Hono<AppEnv>()
  .use(securityHeaders())
  .route('/api/auth', authRoutes)
  .route('/api/me/preferences', preferenceRoutes)
  .route('/api/me', meRoutes)
  .route('/api/agents', colleagueRoutes)
  .route('/api/chats', chatRoutes)
  .route('/api/bulk', bulkRoutes)
  .route('/api/tickets', ticketRoutes)
  .route('/api/tasks', taskRoutes)
  .route('/api/calls', callRoutes)
  .route('/api/related', relatedRoutes)
  .route('/api/customers', customerRoutes)
  .route('/api/organizations', organizationRoutes)
  .route('/api/lobby', lobbyRoutes)
  .route('/api/public', publicRoutes)
  .route('/api/visitor', visitorRoutes)
  .route('/api/messages', messageRoutes)
  .route('/api/manual-events', manualEventRoutes)
  .route('/api/canned', cannedRoutes)
  .route('/api/search', searchRoutes)
  .route('/api/admin', adminRoutes);

/** A live chat link's address: the full-page widget with the link's presets. */
app.get('/chat/:slug', (c) => c.redirect(`/widget.html?link=${encodeURIComponent(c.req.param('slug'))}`, 302));
/** A published knowledge-base article as a page (the link assistance inserts for a customer). */
app.route('/kb', articlePageRoutes);

app.onError(errorResponse);
app.notFound(notFound);
