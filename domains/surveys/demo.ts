import { v4 as uuidv4 } from 'uuid';
import { DemoStory } from '../../lib/kit';
import { ClientService, ContactService } from '../crm';
import { TicketService, TicketSetupService } from '../tickets';
import { CsatAlertService } from './alerts/csat-alert-service';
import { SurveyService } from './surveys/survey-service';

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

/** A ticket closes, its contact gets a CSAT survey, answers 1 of 5, and the CSAT alerts fire. */
export const surveysDemo: DemoStory = {
  title: 'Surveys: a CSAT survey after a ticket closes',
  async run(demo) {
    const setup = demo.resolve(TicketSetupService);
    const priority = await setup.createPriority({ name: 'Routine', order: 6 });
    const board = await setup.createBoard({ name: 'Remote support', tier: 1 });
    const technician = uuidv4();
    const client = await demo.resolve(ClientService).create({ name: 'Fabrikam Print Shop', status: 'active' });
    const contact = await demo.resolve(ContactService).create({ clientId: client.id, fullName: 'Pat Lee', email: 'pat@fabrikam.example' });
    const contactId = contact.id;
    const tickets = demo.resolve(TicketService);
    const surveys = demo.resolve(SurveyService);

    const ticket = await tickets.create({ title: 'Printer offline again', clientId: client.id, contactId, boardId: board.id, priorityId: priority.id, assignee: { id: technician, type: 'user' } });
    demo.say('The technician closes the printer ticket; the worker emails its CRM contact a CSAT survey with a signed link.');
    await tickets.close(ticket.id);
    await demo.settle();
    await demo.settle();
    const survey = (await surveys.forTicket(ticket.id))!;
    const url = await surveys.linkFor(survey.id);
    demo.say(`  → ${survey.surveyType} survey via ${survey.channel} to ${contact.email}, link valid until ${survey.expiresAt.toISOString()}: ${url.slice(0, 60)}…`);

    demo.say('A tampered link is refused; the contact answers 1 of 5 through the real link.');
    const refused = await demo.as({ actorUserId: undefined, actorContactId: contactId, actorType: 'CONTACT' }, () => surveys.respond(`${tokenOf(url)}x`, { score: 5 })).catch((e: Error) => e);
    demo.say(`  → tampered link: ${(refused as { code?: string }).code}`);
    await demo.as({ actorUserId: undefined, actorContactId: contactId, actorType: 'CONTACT' }, () => surveys.respond(tokenOf(url), { score: 1, comment: 'Third time this month.' }));
    demo.say('The CSAT of the technician and of the organisation drop below 80%: one alert per scope and window.');
    await demo.settle();
    await demo.settle();
    const alerts = await demo.resolve(CsatAlertService).recent();
    demo.say(`  → CSAT below ${alerts[0]?.threshold}%: ${alerts.map((a) => `${a.scopeType} ${a.window} ${a.score}%`).join(', ')}`);
  },
};
