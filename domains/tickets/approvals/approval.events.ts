import { DateTimeField, JsonField, StringField, UuidField } from '../../../lib/kit';
import { TicketPayload } from '../ticket-payloads';
import { tickets } from '../module';

/** Catalogued so workflow authors can design against the shape; nothing emits these yet. */
const CATALOG_ONLY = {
  status: 'catalog-only',
  rationale: 'The product has no approval subsystem yet, so nothing exists to emit this event from.',
} as const;

abstract class TicketApprovalPayload extends TicketPayload {
  @UuidField() approvalRequestId!: string;
}

@tickets.event({
  type: 'TICKET_APPROVAL_REQUESTED',
  name: 'Ticket Approval Requested',
  description: 'Sign-off was asked for on a ticket, such as for granting access, a purchase or a change to a client system.',
  ...CATALOG_ONLY,
})
export class TicketApprovalRequestedPayload extends TicketApprovalPayload {
  @StringField({ description: 'What is being approved, e.g. access, spend, change', examples: ['access', 'spend', 'change'] }) approvalType!: string;
  @UuidField() requestedByUserId!: string;
  @DateTimeField() requestedAt!: string;
  @StringField({ optional: true, examples: ['Admin rights on the finance share for the new controller', 'Replacement firewall, quote attached', 'Reboot the ERP server Saturday 22:00'] })
  notes?: string;
}

@tickets.event({
  type: 'TICKET_APPROVAL_GRANTED',
  name: 'Ticket Approval Granted',
  description: 'A pending approval request on a ticket was accepted, possibly with conditions; the work may go ahead.',
  ...CATALOG_ONLY,
})
export class TicketApprovalGrantedPayload extends TicketApprovalPayload {
  @UuidField() approvedByUserId!: string;
  @DateTimeField() approvedAt!: string;
  @JsonField({ optional: true, description: 'Conditions attached to the approval, in any shape', example: { expiresAfterDays: 30, maxSpend: 250000 } })
  conditions?: unknown;
}

@tickets.event({
  type: 'TICKET_APPROVAL_REJECTED',
  name: 'Ticket Approval Rejected',
  description: 'A pending approval request on a ticket was declined; the requested work must not go ahead.',
  ...CATALOG_ONLY,
})
export class TicketApprovalRejectedPayload extends TicketApprovalPayload {
  @UuidField() rejectedByUserId!: string;
  @DateTimeField() rejectedAt!: string;
  @StringField({ optional: true, examples: ['Over the monthly budget', 'Needs the client owner to sign off'] }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TICKET_APPROVAL_REQUESTED: TicketApprovalRequestedPayload;
    TICKET_APPROVAL_GRANTED: TicketApprovalGrantedPayload;
    TICKET_APPROVAL_REJECTED: TicketApprovalRejectedPayload;
  }
}
