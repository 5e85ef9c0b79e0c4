import { v4 as uuidv4 } from 'uuid';
import {
  Board,
  CreateTicketInput,
  MergeSplitService,
  MessageService,
  Priority,
  SlaPolicy,
  SlaSweeper,
  Tag,
  Ticket,
  ticketsModule,
  TicketService,
  TicketSetupService,
  TicketStatus,
  TimeEntryService,
} from '../../../domains/tickets';
import { EmissionContextInit } from '../../../lib/emission/emission-context';
import { DomainModule } from '../../../lib/kit';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';

/**
 * A tenant's help desk built through the domain's own services: statuses, priorities (High has an
 * SLA policy of 60 min response / 240 min resolution, Low has none), two boards and two tags.
 */
export class HelpDesk {
  readonly tickets: TicketService;
  readonly messages: MessageService;
  readonly time: TimeEntryService;
  readonly mergeSplit: MergeSplitService;
  readonly sweeper: SlaSweeper;
  readonly clientId = uuidv4();
  readonly contactId = uuidv4();
  readonly technicianId = uuidv4();
  readonly teamId = uuidv4();
  statuses!: { new: TicketStatus; inProgress: TicketStatus; resolved: TicketStatus; cancelled: TicketStatus };
  priorities!: { low: Priority; high: Priority };
  boards!: { serviceDesk: Board; escalations: Board; projects: Board };
  tags!: { vip: Tag; network: Tag };
  highSla!: SlaPolicy;

  private constructor(readonly kit: TestKit) {
    this.tickets = kit.resolve(TicketService);
    this.messages = kit.resolve(MessageService);
    this.time = kit.resolve(TimeEntryService);
    this.mergeSplit = kit.resolve(MergeSplitService);
    this.sweeper = kit.resolve(SlaSweeper);
  }

  /** `modules`: more domains beside tickets in the same kit (e.g. billing). */
  static async create(target: DatabaseTarget, modules: DomainModule[] = []): Promise<HelpDesk> {
    const desk = new HelpDesk(await createTestKit({ modules: [ticketsModule, ...modules], databaseUrl: target.url }));
    await desk.kit.run(() => desk.configure(desk.kit.resolve(TicketSetupService)));
    return desk;
  }

  private async configure(setup: TicketSetupService): Promise<void> {
    this.statuses = {
      new: await setup.createStatus({ name: 'New', isDefault: true, order: 1 }),
      inProgress: await setup.createStatus({ name: 'In Progress', order: 2 }),
      resolved: await setup.createStatus({ name: 'Resolved', isClosed: true, isDefault: true, order: 3 }),
      cancelled: await setup.createStatus({ name: 'Cancelled', isClosed: true, order: 4 }),
    };
    this.priorities = { low: await setup.createPriority({ name: 'Low', order: 1 }), high: await setup.createPriority({ name: 'High', order: 2 }) };
    this.boards = {
      serviceDesk: await setup.createBoard({ name: 'Service Desk', tier: 1 }),
      escalations: await setup.createBoard({ name: 'Escalations', tier: 2 }),
      projects: await setup.createBoard({ name: 'Projects', tier: 1 }),
    };
    this.tags = { vip: await setup.createTag({ name: 'VIP' }), network: await setup.createTag({ name: 'Network' }) };
    this.highSla = await setup.createSlaPolicy({ name: 'High priority', priorityId: this.priorities.high.id, responseMinutes: 60, resolutionMinutes: 240 });
  }

  /** Runs `fn` as the kit's technician (the default actor). */
  run<T>(fn: () => T, ctx?: EmissionContextInit): T {
    return this.kit.run(fn, ctx);
  }

  /** Runs `fn` as the client contact, e.g. replying through the portal. */
  asContact<T>(fn: () => T): T {
    return this.kit.run(fn, { actorUserId: undefined, actorContactId: this.contactId, actorType: 'CONTACT' });
  }

  /** Opens a Low-priority (no SLA) ticket on the service desk unless told otherwise. */
  open(input: Partial<CreateTicketInput> = {}): Promise<Ticket> {
    return this.run(() =>
      this.tickets.create({
        title: 'Outlook keeps asking for a password',
        clientId: this.clientId,
        contactId: this.contactId,
        boardId: this.boards.serviceDesk.id,
        priorityId: this.priorities.low.id,
        ...input,
      }),
    );
  }

  /** Opens a ticket and forgets the events it emitted, for tests about what comes next. */
  async opened(input: Partial<CreateTicketInput> = {}): Promise<Ticket> {
    const ticket = await this.open(input);
    this.kit.events.clear();
    return ticket;
  }

  close(): Promise<void> {
    return this.kit.close();
  }
}

/**
 * Gives every test of the enclosing suite a fresh help desk (own database or schema). The handle
 * returned always points at the current test's desk.
 */
export function freshHelpDeskPerTest(target: DatabaseTarget, modules: DomainModule[] = []): HelpDesk {
  let current: HelpDesk | undefined;
  beforeEach(async () => {
    current = await HelpDesk.create(target, modules);
  });
  afterEach(() => current?.close());
  return new Proxy({} as HelpDesk, { get: (_target, key) => Reflect.get(current!, key) });
}

/** ISO 8601 with offset, as every payload timestamp must be. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
