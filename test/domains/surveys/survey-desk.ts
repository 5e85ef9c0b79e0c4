import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { SurveyDelivery, SurveyInvitation, SurveyService, SurveySettingsService, surveysModule, SurveySweeper } from '../../../domains/surveys';
import { DatabaseTarget } from '../../support/databases';
import { HelpDesk } from '../tickets/help-desk';

/** A SurveyDelivery that keeps what it was asked to deliver (the invitations a contact would get). */
@injectable()
export class RecordingSurveyDelivery extends SurveyDelivery {
  readonly delivered: SurveyInvitation[] = [];
  async channelFor(): Promise<string> {
    return 'email';
  }
  async deliver(invitation: SurveyInvitation): Promise<void> {
    this.delivered.push(invitation);
  }
}

export const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

/** A help desk with the surveys module and a recording delivery channel. */
export class SurveyDesk {
  readonly technicianId = uuidv4();
  readonly teamId = uuidv4();
  readonly delivery = new RecordingSurveyDelivery();

  private constructor(readonly desk: HelpDesk) {
    desk.kit.container.registerInstance(SurveyDelivery as unknown as new () => SurveyDelivery, this.delivery);
  }

  static async create(target: DatabaseTarget): Promise<SurveyDesk> {
    return new SurveyDesk(await HelpDesk.create(target, [surveysModule]));
  }

  get kit() {
    return this.desk.kit;
  }
  get surveys(): SurveyService {
    return this.kit.resolve(SurveyService);
  }
  get settings(): SurveySettingsService {
    return this.kit.resolve(SurveySettingsService);
  }
  get sweeper(): SurveySweeper {
    return this.kit.resolve(SurveySweeper);
  }

  run<T>(fn: () => T, ctx = {}): T {
    return this.desk.run(fn, ctx);
  }

  /** Runs `fn` as the ticket's contact (the one answering). */
  asContact<T>(fn: () => T): T {
    return this.desk.asContact(fn);
  }

  /** Sweeps as the scheduler does: for no one, at `now`. */
  sweep(now: Date) {
    return this.kit.run(() => this.sweeper.sweep(now), { actorUserId: undefined, actorType: 'SYSTEM' });
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.kit.settle();
  }

  /** Opens a ticket for the desk's contact assigned to the technician (or `assignee`), closes it, settles. */
  async closedTicket(assignee: { id: string; type: 'user' | 'team' } = { id: this.technicianId, type: 'user' }) {
    const ticket = await this.desk.open({ assignee });
    await this.run(() => this.desk.tickets.close(ticket.id));
    await this.settle();
    return ticket;
  }

  /** The CSAT survey of a closed ticket and its answer link's token. */
  async surveyOf(ticketId: string) {
    const survey = (await this.run(() => this.surveys.forTicket(ticketId)))!;
    const url = await this.run(() => this.surveys.linkFor(survey.id));
    return { survey, url, token: tokenOf(url) };
  }

  /** Closes a ticket and answers its survey with `score`, as its contact. */
  async answered(score: number, assignee?: { id: string; type: 'user' | 'team' }, at?: Date) {
    const ticket = await this.closedTicket(assignee);
    const { token } = await this.surveyOf(ticket.id);
    await this.kit.run(() => this.surveys.respond(token, { score }), { actorUserId: undefined, actorContactId: this.desk.contactId, actorType: 'CONTACT', ...(at ? { clock: () => at } : {}) });
    await this.settle();
    return ticket;
  }

  close(): Promise<void> {
    return this.desk.close();
  }
}

export function freshSurveyDeskPerTest(target: DatabaseTarget): SurveyDesk {
  let current: SurveyDesk | undefined;
  beforeEach(async () => {
    current = await SurveyDesk.create(target);
  });
  afterEach(() => current?.close());
  return new Proxy({} as SurveyDesk, { get: (_t, key) => Reflect.get(current!, key) });
}
