import { injectable } from 'tsyringe';
import { Survey } from '../surveys/survey';

/** One invitation or reminder as a delivery channel receives it. */
export interface SurveyInvitation {
  survey: Survey;
  /** The signed answer link. */
  url: string;
  /** 0 for the invitation, 1.. for reminders. */
  reminderNumber: number;
}

/**
 * How survey links reach contacts (a port: a deployment binds email through a module's
 * `provides`). `channelFor` is asked when the survey is sent and names the channel recorded on
 * it; `deliver` runs on the worker for SURVEY_SENT and SURVEY_REMINDER_SENT, once per event.
 */
export abstract class SurveyDelivery {
  abstract channelFor(recipientId: string): Promise<string>;
  abstract deliver(invitation: SurveyInvitation): Promise<void>;
}

/** Default: the link is shown to the contact in the client portal; nothing leaves the system. */
@injectable()
export class PortalSurveyDelivery extends SurveyDelivery {
  async channelFor(): Promise<string> {
    return 'portal';
  }

  async deliver(): Promise<void> {
    // The portal lists the contact's open surveys (SurveyService.openFor) with their links.
  }
}
