import { ModuleRoutes, SignedTokenError, withEmissionContext } from '../../lib/kit';
import { CalendarFeedService } from './feed/calendar-feed-service';

/**
 * `GET /scheduling/calendar.ics?token=<token>`: a technician's iCalendar feed. Calendar apps send
 * no credentials, so the signed token in the link is the credential: a missing, bad or expired
 * one gets 401. (A query string, not a path segment: a JWT is longer than a route parameter may be.)
 */
export const schedulingRoutes: ModuleRoutes = (server, { runtime }) => {
  server.get<{ Querystring: { token?: string } }>('/scheduling/calendar.ics', async (request, reply) => {
    const feeds = runtime.resolve(CalendarFeedService);
    const token = request.query.token ?? '';
    let claims;
    try {
      claims = await feeds.verify(token);
    } catch (err) {
      if (err instanceof SignedTokenError) return reply.code(401).send({ error: err.code, message: err.message });
      throw err;
    }
    const body = await withEmissionContext({ tenantId: claims.tenant }, () => feeds.render(claims.userId));
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
  });
};
