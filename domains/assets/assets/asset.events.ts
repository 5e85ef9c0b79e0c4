import { ChangesField, DateTimeField, DomainPayload, FieldChanges, StringField, UpdatedFieldsField, UuidField } from '../../../lib/kit';
import { assets } from '../module';

@assets.event({
  type: 'ASSET_CREATED',
  name: 'Asset Created',
  description:
    'A new asset (a device or other managed item) was registered in inventory, optionally for a client. ' +
    'Once per asset; who holds it is ASSET_ASSIGNED, later edits are ASSET_UPDATED.',
})
export class AssetCreatedPayload extends DomainPayload {
  @UuidField({ description: 'The new asset' }) assetId!: string;
  @UuidField({ optional: true, description: 'Client the asset belongs to, when registered for one' }) clientId?: string;
  @UuidField({ description: 'Internal user who registered it' }) createdByUserId!: string;
  @DateTimeField({ description: 'When it was registered' }) createdAt!: string;
  @StringField({ optional: true, description: 'Kind of asset, free text', examples: ['laptop', 'firewall', 'printer'] }) assetType?: string;
  @StringField({ optional: true, description: "Manufacturer's serial number", examples: ['C02XL0GJJGH5'] }) serialNumber?: string;
}

@assets.event({
  type: 'ASSET_UPDATED',
  name: 'Asset Updated',
  description:
    'Details of an asset were edited (name, type, serial number, client, warranty end). Only when a value ' +
    'actually changed: a save that changes nothing emits nothing. Who holds the asset is ASSET_ASSIGNED / ' +
    'ASSET_UNASSIGNED, not this event.',
})
export class AssetUpdatedPayload extends DomainPayload {
  @UuidField({ description: 'The asset' }) assetId!: string;
  @UuidField({ description: 'Internal user who saved the edit' }) updatedByUserId!: string;
  @DateTimeField({ description: 'When the edit was saved' }) updatedAt!: string;

  @UpdatedFieldsField({ optional: true, description: 'Fields that changed: name, assetType, serialNumber, clientId, warrantyExpiresAt', examples: [['serialNumber']] })
  updatedFields?: string[];

  @ChangesField({ optional: true, description: 'Previous and new value of each changed field; null means unset', examples: [{ serialNumber: { previous: null, new: 'C02XL0GJJGH5' } }] })
  changes?: FieldChanges['changes'];
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    ASSET_CREATED: AssetCreatedPayload;
    ASSET_UPDATED: AssetUpdatedPayload;
  }
}
