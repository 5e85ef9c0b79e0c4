import { DomainInputError } from '../../../lib/kit';

/** Interaction input refused before anything was written; `field` names it (`type`, `channel`, `occurredAt`, `contactId`, …). */
export class InteractionInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'INTERACTION_INPUT_INVALID', 'interaction input');
  }
}
