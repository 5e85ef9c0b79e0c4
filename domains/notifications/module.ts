import { declareDomainModule } from '../../lib/kit';

/** Notifications: telling staff about ticket activity in the app, by email, SMS or push. */
export const notifications = declareDomainModule({ name: 'notifications', category: 'Notifications' });
