import { declareDomainModule } from '../../lib/kit';

/** Scheduling and dispatch: appointments, schedule blocks, team capacity, technicians in the field, calendar feeds. */
export const scheduling = declareDomainModule({ name: 'scheduling', category: 'Scheduling' });
