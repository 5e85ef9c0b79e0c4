import { v4 as uuidv4 } from 'uuid';
import {
  AppointmentChange,
  AppointmentOutcomeService,
  AppointmentService,
  Assignee,
  BookAppointmentInput,
  CalendarFeedService,
  CapacityService,
  DispatchService,
  ScheduleBlockService,
  schedulingModule,
} from '../../../domains/scheduling';
import { Ticket, TicketService, TicketSetupService } from '../../../domains/tickets';
import { EmissionContextInit } from '../../../lib/emission/emission-context';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';

/**
 * A field-service desk in New York: two technicians in one team, a dispatcher (the kit's user),
 * and ticket set-up to book visits for, all through the modules' own services.
 */
export class FieldService {
  readonly appointments: AppointmentService;
  readonly outcomes: AppointmentOutcomeService;
  readonly blocks: ScheduleBlockService;
  readonly capacity: CapacityService;
  readonly dispatch: DispatchService;
  readonly feeds: CalendarFeedService;
  readonly tickets: TicketService;
  readonly clientId = uuidv4();
  readonly alice: Assignee = { id: uuidv4(), type: 'user' };
  readonly bob: Assignee = { id: uuidv4(), type: 'user' };
  readonly team: Assignee = { id: uuidv4(), type: 'team' };
  readonly zone = 'America/New_York';
  private ticketSetup!: { boardId: string; priorityId: string; openStatusId: string; closedStatusId: string };

  private constructor(readonly kit: TestKit) {
    this.appointments = kit.resolve(AppointmentService);
    this.outcomes = kit.resolve(AppointmentOutcomeService);
    this.blocks = kit.resolve(ScheduleBlockService);
    this.capacity = kit.resolve(CapacityService);
    this.dispatch = kit.resolve(DispatchService);
    this.feeds = kit.resolve(CalendarFeedService);
    this.tickets = kit.resolve(TicketService);
  }

  static async create(target: DatabaseTarget): Promise<FieldService> {
    const fs = new FieldService(await createTestKit({ modules: [schedulingModule], databaseUrl: target.url }));
    await fs.run(async () => {
      const setup = fs.kit.resolve(TicketSetupService);
      fs.ticketSetup = {
        openStatusId: (await setup.createStatus({ name: 'New', isDefault: true, order: 1 })).id,
        closedStatusId: (await setup.createStatus({ name: 'Resolved', isClosed: true, isDefault: true, order: 2 })).id,
        priorityId: (await setup.createPriority({ name: 'Normal', order: 1 })).id,
        boardId: (await setup.createBoard({ name: 'Field Services', tier: 1 })).id,
      };
    });
    return fs;
  }

  /** Runs `fn` as the dispatcher (the kit's user), with `ctx` layered over. */
  run<T>(fn: () => T, ctx?: EmissionContextInit): T {
    return this.kit.run(fn, ctx);
  }

  openTicket(): Promise<Ticket> {
    return this.run(() =>
      this.tickets.create({ title: 'Server room UPS beeping', clientId: this.clientId, boardId: this.ticketSetup.boardId, priorityId: this.ticketSetup.priorityId }),
    );
  }

  closeTicket(ticketId: string) {
    return this.run(() => this.tickets.update(ticketId, { statusId: this.ticketSetup.closedStatusId }));
  }

  /** Books a one-hour on-site visit for Alice on Monday 2026-03-09 09:00 New York unless told otherwise. */
  book(input: Partial<BookAppointmentInput> = {}, ctx?: EmissionContextInit): Promise<AppointmentChange> {
    return this.run(
      () =>
        this.appointments.book({
          title: 'Replace UPS batteries',
          start: '2026-03-09T09:00',
          end: '2026-03-09T10:00',
          timezone: this.zone,
          assignee: this.alice,
          location: '12 Main St, Springfield',
          ...input,
        }),
      ctx,
    );
  }

  /** Books and forgets the events it emitted. */
  async booked(input: Partial<BookAppointmentInput> = {}, ctx?: EmissionContextInit) {
    const change = await this.book(input, ctx);
    this.kit.events.clear();
    return change.after;
  }

  close(): Promise<void> {
    return this.kit.close();
  }
}

/** Every test of the enclosing suite gets a fresh desk (own database or schema). */
export function freshFieldServicePerTest(target: DatabaseTarget): FieldService {
  let current: FieldService | undefined;
  beforeEach(async () => {
    current = await FieldService.create(target);
  });
  afterEach(() => current?.close());
  return new Proxy({} as FieldService, { get: (_t, key) => Reflect.get(current!, key) });
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function refusal(p: Promise<unknown>): Promise<any> {
  return p.then(
    (v) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(v)}`);
    },
    (e) => e,
  );
}
