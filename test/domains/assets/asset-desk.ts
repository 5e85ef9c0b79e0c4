import { v4 as uuidv4 } from 'uuid';
import { AssetService, AssetSettings, assetsModule, OwnershipService, PartyDirectory, SiteService, WarrantySweeper } from '../../../domains/assets';
import { EmissionContextInit } from '../../../lib/emission/emission-context';
import { DomainModule } from '../../../lib/kit';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';

/** A directory that knows the clients and contacts a test registered (what CRM would answer). */
export class KnownParties extends PartyDirectory {
  readonly clients = new Set<string>();
  readonly contacts = new Set<string>();
  async clientExists(id: string): Promise<boolean> {
    return this.clients.has(id.toLowerCase());
  }
  async contactExists(id: string): Promise<boolean> {
    return this.contacts.has(id.toLowerCase());
  }
  client(): string {
    const id = uuidv4();
    this.clients.add(id);
    return id;
  }
  contact(): string {
    const id = uuidv4();
    this.contacts.add(id);
    return id;
  }
}

/** One tenant's asset desk on a fresh test kit: the module's services, a known-parties directory, settings. */
export class AssetDesk {
  readonly assets: AssetService;
  readonly ownership: OwnershipService;
  readonly sites: SiteService;
  readonly warranty: WarrantySweeper;

  protected constructor(
    readonly kit: TestKit,
    readonly parties: KnownParties,
    readonly settings: AssetSettings,
    realCrm: boolean,
  ) {
    kit.container.registerInstance(AssetSettings, settings);
    if (!realCrm) kit.container.registerInstance(PartyDirectory as any, parties);
    this.assets = kit.resolve(AssetService);
    this.ownership = kit.resolve(OwnershipService);
    this.sites = kit.resolve(SiteService);
    this.warranty = kit.resolve(WarrantySweeper);
  }

  /** `realCrm`: owners are checked by CRM's services (the module's own binding) instead of KnownParties. */
  static async create(target: DatabaseTarget, settings: Partial<AssetSettings> = {}, { modules = [assetsModule], realCrm = false }: { modules?: DomainModule[]; realCrm?: boolean } = {}): Promise<AssetDesk> {
    const kit = await createTestKit({ modules, databaseUrl: target.url });
    return new AssetDesk(kit, new KnownParties(), new AssetSettings(settings), realCrm);
  }

  run<T>(fn: () => Promise<T>, ctx: EmissionContextInit = {}): Promise<T> {
    return this.kit.run(fn, ctx);
  }

  /** As the sweep runner runs sweepers: for no one (no tenant, actor SYSTEM). */
  asSystem<T>(fn: () => Promise<T>): Promise<T> {
    return this.kit.run(fn, { tenantId: undefined, actorUserId: undefined, actorType: 'SYSTEM' });
  }

  /** The error `fn` rejects with (fails the test if it resolves). */
  async refusal(fn: () => Promise<unknown>, ctx: EmissionContextInit = {}): Promise<any> {
    return this.run(fn, ctx).then(
      (r) => {
        throw new Error(`expected a refusal, got ${JSON.stringify(r)}`);
      },
      (err) => err,
    );
  }

  async count(table: string): Promise<number> {
    const [{ n }] = await this.kit.db(table).count({ n: '*' });
    return Number(n);
  }

  close(): Promise<void> {
    return this.kit.close();
  }
}
