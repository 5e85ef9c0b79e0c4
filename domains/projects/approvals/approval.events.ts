import { DateTimeField, DomainPayload, StringField, UuidField } from '../../../lib/kit';
import { projects } from '../module';

/**
 * Catalogued so workflow authors can design against the shape; nothing emits these yet. A project
 * sign-off needs approvers, pending requests and decisions of its own, none of which exist.
 */
const CATALOG_ONLY = {
  status: 'catalog-only',
  rationale: 'The product has no approval subsystem yet, so nothing exists to emit this event from.',
} as const;

abstract class ProjectApprovalPayload extends DomainPayload {
  @UuidField({ description: 'The approval request' }) approvalId!: string;
  @UuidField({ description: 'The project the approval is about' }) projectId!: string;
  @StringField({ description: 'What is to be signed off, e.g. scope, budget, change' }) approvalType!: string;
}

@projects.event({
  type: 'PROJECT_APPROVAL_REQUESTED',
  name: 'Project Approval Requested',
  subject: 'approvalId',
  description:
    'Sign-off was asked for on a project\'s scope, budget or a change to it; the decision arrives as ' +
    'PROJECT_APPROVAL_GRANTED or PROJECT_APPROVAL_REJECTED with the same approvalId.',
  ...CATALOG_ONLY,
})
export class ProjectApprovalRequestedPayload extends ProjectApprovalPayload {
  @UuidField() requestedByUserId!: string;
  @DateTimeField() requestedAt!: string;
  @StringField({ optional: true, description: 'What the requester wrote for the approver' }) notes?: string;
}

@projects.event({
  type: 'PROJECT_APPROVAL_GRANTED',
  name: 'Project Approval Granted',
  subject: 'approvalId',
  description: 'A pending project approval was accepted: the scope, budget or change it covers may go ahead.',
  ...CATALOG_ONLY,
})
export class ProjectApprovalGrantedPayload extends ProjectApprovalPayload {
  @UuidField() approvedByUserId!: string;
  @DateTimeField() approvedAt!: string;
  @StringField({ optional: true, description: 'What the approver wrote with the decision' }) notes?: string;
}

@projects.event({
  type: 'PROJECT_APPROVAL_REJECTED',
  name: 'Project Approval Rejected',
  subject: 'approvalId',
  description: 'A pending project approval was declined: the scope, budget or change it covers must not go ahead as asked.',
  ...CATALOG_ONLY,
})
export class ProjectApprovalRejectedPayload extends ProjectApprovalPayload {
  @UuidField() rejectedByUserId!: string;
  @DateTimeField() rejectedAt!: string;
  @StringField({ optional: true, description: 'Why the approver declined' }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    PROJECT_APPROVAL_REQUESTED: ProjectApprovalRequestedPayload;
    PROJECT_APPROVAL_GRANTED: ProjectApprovalGrantedPayload;
    PROJECT_APPROVAL_REJECTED: ProjectApprovalRejectedPayload;
  }
}
