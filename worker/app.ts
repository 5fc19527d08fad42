// The Hono app: routes per resource under /api, one error handler. Static files (the console,
// the widget) are served by Workers static assets before this app is reached.
import { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import { errorResponse, notFound } from './errors.ts';
import { securityHeaders } from './security-headers.ts';
import { adminRoutes } from './routes/admin.ts';
import { messageRoutes } from './routes/messages.ts';
import { authRoutes, colleagueRoutes, meRoutes } from './routes/auth.ts';
import { bulkRoutes } from './routes/bulk.ts';
import { chatRoutes } from './routes/chats.ts';
import { preferenceRoutes } from './routes/preferences.ts';
import { lobbyRoutes } from './routes/lobby.ts';
import { publicRoutes, visitorRoutes } from './routes/visitor.ts';

export const app = new Hono<AppEnv>()
  .use(securityHeaders())
  .route('/api/auth', authRoutes)
  .route('/api/me/preferences', preferenceRoutes)
  .route('/api/me', meRoutes)
  .route('/api/agents', colleagueRoutes)
  .route('/api/chats', chatRoutes)
  .route('/api/bulk', bulkRoutes)
  .route('/api/lobby', lobbyRoutes)
  .route('/api/public', publicRoutes)
  .route('/api/visitor', visitorRoutes)
  .route('/api/messages', messageRoutes)
  .route('/api/admin', adminRoutes);

/** A live chat link's address: the full-page widget with the link's presets. */
app.get('/chat/:slug', (c) => c.redirect(`/widget.html?link=${encodeURIComponent(c.req.param('slug'))}`, 302));

app.onError(errorResponse);
app.notFound(notFound);
