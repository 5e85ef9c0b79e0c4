import { DateTimeField, DomainPayload, EnumField, StringField, UuidField } from '../../../lib/kit';
import { assets } from '../module';
import { OWNER_TYPES, OwnerType } from './owner';

@assets.event({
  type: 'ASSET_ASSIGNED',
  name: 'Asset Assigned',
  description:
    'An asset was given to a client, a contact or a site, possibly taken from a previous holder (previousOwner…, ' +
    'absent when nobody held it). Reassigning moves it in one event; assigning it to its current holder changes ' +
    'nothing and emits nothing. Releasing it without a new holder is ASSET_UNASSIGNED.',
})
export class AssetAssignedPayload extends DomainPayload {
  @UuidField({ description: 'The asset' }) assetId!: string;
  @EnumField(OWNER_TYPES, { optional: true, description: 'Kind of the previous holder; absent when nobody held it' }) previousOwnerType?: OwnerType;
  @UuidField({ optional: true, description: 'The previous holder; absent when nobody held it' }) previousOwnerId?: string;
  @EnumField(OWNER_TYPES, { description: 'Kind of the new holder' }) newOwnerType!: OwnerType;
  @UuidField({ description: 'The new holder (client, contact or site id)' }) newOwnerId!: string;
  @UuidField({ optional: false, description: 'Internal user who assigned it' }) override actorUserId!: string;
  @DateTimeField({ description: 'When it was assigned' }) assignedAt!: string;
}

@assets.event({
  type: 'ASSET_UNASSIGNED',
  name: 'Asset Unassigned',
  description:
    'An asset was released by its holder and now belongs to nobody (back in stock). Not emitted on a ' +
    'reassignment, which is one ASSET_ASSIGNED naming the previous holder; refused for an asset nobody holds.',
})
export class AssetUnassignedPayload extends DomainPayload {
  @UuidField({ description: 'The asset' }) assetId!: string;
  @EnumField(OWNER_TYPES, { description: 'Kind of the holder it was taken from' }) previousOwnerType!: OwnerType;
  @UuidField({ description: 'The holder it was taken from' }) previousOwnerId!: string;
  @UuidField({ optional: false, description: 'Internal user who released it' }) override actorUserId!: string;
  @DateTimeField({ description: 'When it was released' }) unassignedAt!: string;
  @StringField({ optional: true, description: 'Why, free text', examples: ['Returned at offboarding'] }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    ASSET_ASSIGNED: AssetAssignedPayload;
    ASSET_UNASSIGNED: AssetUnassignedPayload;
  }
}
