import { declareDomainModule } from '../../lib/kit';

/** Tickets: the help desk (lifecycle, routing, conversation, time, SLA, merge and split). */
export const tickets = declareDomainModule({ name: 'tickets', category: 'Tickets' });
