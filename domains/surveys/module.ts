import { declareDomainModule } from '../../lib/kit';

/** Surveys: CSAT after a ticket closes, NPS and custom surveys, reminders, expiry and CSAT alerts. */
export const surveys = declareDomainModule({ name: 'surveys', category: 'Surveys' });
