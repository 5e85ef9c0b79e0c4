/** A local record linked to its counterpart at a provider. */
export interface ExternalMapping {
  id: string;
  tenantId: string;
  integrationId: string;
  provider: string;
  /** What is mapped: client, user, tax_code, … (lower-case words joined by _ . or -). */
  mappingType: string;
  /** The local record: a UUID for entities (client, user), or a code. */
  localId: string;
  /** The provider's id of the counterpart. */
  externalId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateMappingInput {
  integrationId: string;
  mappingType: string;
  localId: string;
  externalId: string;
}

export interface ChangeMappingInput {
  localId?: string;
  externalId?: string;
}

/** A mapping action as done: before and after (undefined on creation / removal). */
export interface MappingChange {
  previous?: ExternalMapping;
  current?: ExternalMapping;
  /** The acting user and the time of the change. */
  actorUserId: string;
  changedAt: Date;
}
