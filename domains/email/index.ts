import { email } from './module';
import { OutboundDispatcher } from './outbound/outbound-dispatcher';
import { outboundMigration } from './outbound/outbound.migration';
import { OutboundEmailService } from './outbound/outbound-service';
import { OutboundStore } from './outbound/outbound-store';
import { SendAttemptRunner } from './outbound/send-attempt-runner';
import { SmtpTransport } from './outbound/smtp-transport';
import { EmailSettings } from './settings';
import { SuppressionList } from './suppression/suppression-list';
import { suppressionMigration } from './suppression/suppression.migration';
import { MessageIndex } from './threads/message-index';
import { threadsMigration } from './threads/threads.migration';
import { UnsubscribeLinks } from './unsubscribe/unsubscribe-links';

/** The email module's public surface: other modules and applications import only this file. */
export * from './outbound/outbound.events';
export * from './providers/provider';
export * from './inbound/inbound';
export * from './outbound/outbound';
export * from './shared/email-errors';
export { Suppression, SuppressionReason } from './suppression/suppression-list';
export { EmailSettings, OutboundEmailService, OutboundDispatcher, SuppressionList };

export const emailModule = email.define({
  services: [OutboundStore, SmtpTransport, SendAttemptRunner, MessageIndex, SuppressionList, UnsubscribeLinks, OutboundEmailService],
  sweepers: [OutboundDispatcher],
  migrations: [outboundMigration, suppressionMigration, threadsMigration],
  tables: ['email_outbound_messages', 'email_suppressions', 'email_message_index'],
});
