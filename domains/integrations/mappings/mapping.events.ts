import { DateTimeField, DomainPayload, JsonField, StringField, UuidField } from '../../../lib/kit';
import { integrations } from '../module';

@integrations.event({
  type: 'EXTERNAL_MAPPING_CHANGED',
  name: 'External Mapping Changed',
  subject: 'mappingId',
  description:
    'A link between a local record and its counterpart at a provider (a client ↔ an accounting customer, a user ↔ an RMM ' +
    'technician, a tax code ↔ a provider tax rate) was created, changed or removed by a staff user. previousValue is ' +
    'absent on creation, newValue on removal; both are {integrationId, localId, externalId}. A save that changes nothing ' +
    'emits nothing. One external id maps to one local record per integration and mapping type.',
})
export class ExternalMappingChangedPayload extends DomainPayload {
  @StringField({ description: 'Provider adapter key of the integration' }) provider!: string;
  @StringField({ description: 'What is mapped, e.g. client, user, tax_code' }) mappingType!: string;
  @StringField({ description: 'The mapping (a UUID)' }) mappingId!: string;
  @UuidField({ optional: false, description: 'Staff user who changed the mapping' }) override actorUserId!: string;
  @DateTimeField() changedAt!: string;
  @JsonField({ optional: true, description: 'The mapping before the change; absent when it was created' }) previousValue?: unknown;
  @JsonField({ optional: true, description: 'The mapping after the change; absent when it was removed' }) newValue?: unknown;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    EXTERNAL_MAPPING_CHANGED: ExternalMappingChangedPayload;
  }
}
