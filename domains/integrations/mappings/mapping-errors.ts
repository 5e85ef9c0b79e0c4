import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';

export class MappingNotFoundError extends DomainNotFoundError {
  constructor(readonly mappingId: string) {
    super('external mapping', mappingId, 'EXTERNAL_MAPPING_NOT_FOUND');
  }
}

export class MappingInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'EXTERNAL_MAPPING_INPUT_INVALID', 'external mapping');
  }
}

/** The external id (or the local record) is mapped already for this integration and type: one-to-one. */
export class MappingConflictError extends DomainStateError {
  constructor(
    readonly side: 'externalId' | 'localId',
    readonly value: string,
    readonly mappingType: string,
  ) {
    super(
      side === 'externalId'
        ? `External id ${value} is already mapped to another local ${mappingType}: remove or change that mapping first`
        : `Local ${mappingType} ${value} is already mapped to another external id: change that mapping instead`,
      'EXTERNAL_MAPPING_CONFLICT',
    );
  }
}
