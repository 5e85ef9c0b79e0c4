import { DemoStory } from '../../lib/kit';
import { ClientService, ContactService } from '../crm';
import { AssetService } from './assets/asset-service';
import { deviceSnapshot } from './demo-photo';
import { MediaFileService } from './media/media-file-service';
import { OwnershipService } from './ownership/ownership-service';
import { WarrantySweeper } from './warranty/warranty-sweeper';

const DAY_MS = 86_400_000;

/** A new router registered for a client, photographed (thumbnail made on the worker), handed to a contact, its warranty running out. */
export const assetsDemo: DemoStory = {
  title: 'Assets: a new edge router, its photo and its warranty',
  async run(demo) {
    const client = await demo.resolve(ClientService).create({ name: 'Harbor Veterinary' });
    const contact = await demo.resolve(ContactService).create({ clientId: client.id, fullName: 'Sam Ortiz' });
    const warrantyEnds = new Date(Date.now() + 20 * DAY_MS);
    demo.say(`The technician registers the client's new edge router; its warranty ends ${warrantyEnds.toISOString().slice(0, 10)}.`);
    const asset = await demo.resolve(AssetService).create({ name: 'Edge router', assetType: 'router', serialNumber: 'FGT60F-7Q2K', clientId: client.id, warrantyExpiresAt: warrantyEnds });

    const photo = await deviceSnapshot();
    demo.say(`A photo of the device is uploaded to the asset (${photo.length} bytes of JPEG, stored on its side with EXIF orientation 6).`);
    const files = demo.resolve(MediaFileService);
    const file = await files.upload({ file: photo, fileName: 'edge router (front).jpg', contentType: 'image/jpeg', assetId: asset.id });
    await demo.settle();
    const processed = await files.get(file.id);
    const thumb = processed.renditions.find((r) => r.kind === 'thumbnail');
    demo.say(
      thumb
        ? `The worker made its thumbnail (${thumb.width}×${thumb.height} WebP, ${thumb.sizeBytes} bytes) and preview from the ${processed.width}×${processed.height} upright photo.`
        : `The photo could not be processed: ${processed.errorCode} ${processed.errorMessage}`,
    );

    demo.say('The router goes to the office manager, then the warranty sweep notices it ends within 30 days.');
    await demo.resolve(OwnershipService).assign(asset.id, { type: 'contact', id: contact.id });
    await demo.as({ actorUserId: undefined, actorType: 'SYSTEM' }, () => demo.resolve(WarrantySweeper).sweep());
  },
};
