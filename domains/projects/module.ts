import { declareDomainModule } from '../../lib/kit';

/** Projects: client projects, their phases and tasks, finish-to-start dependencies (and, catalog-only, approvals). */
export const projects = declareDomainModule({ name: 'projects', category: 'Projects' });
