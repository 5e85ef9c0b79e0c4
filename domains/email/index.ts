import 'reflect-metadata';
import { crmModule } from '../crm';
import { ticketsModule } from '../tickets';
import { DeliveryReportService } from './delivery/delivery-service';
import { deliveryMigration } from './delivery/delivery.migration';
import { EmailContactDirectory } from './inbound/contact-directory';
import { CrmContactDirectory } from './inbound/crm-contact-directory';
import { inboundMigration } from './inbound/inbound.migration';
import { InboundEmailService } from './inbound/inbound-service';
import { ThreadMatcher } from './inbound/thread-matcher';
import { email } from './module';
import { OutboundDispatcher } from './outbound/outbound-dispatcher';
import { outboundMigration } from './outbound/outbound.migration';
import { OutboundEmailService } from './outbound/outbound-service';
import { OutboundStore } from './outbound/outbound-store';
import { SendAttemptRunner } from './outbound/send-attempt-runner';
import { SmtpTransport } from './outbound/smtp-transport';
import { ProviderApi } from './providers/provider-api';
import { EmailProviderService } from './providers/provider-service';
import { ProviderStore } from './providers/provider-store';
import { providersMigration } from './providers/providers.migration';
import { subscriptionExpiryMigration } from './providers/subscription.migration';
import { SubscriptionRenewalSweeper } from './providers/subscription-renewal-sweeper';
import { EmailSettings } from './settings';
import { SuppressionList } from './suppression/suppression-list';
import { suppressionMigration } from './suppression/suppression.migration';
import { MessageIndex } from './threads/message-index';
import { threadsMigration } from './threads/threads.migration';
import { UnsubscribeLinks } from './unsubscribe/unsubscribe-links';
import { UnsubscribeService } from './unsubscribe/unsubscribe-service';
import { emailRoutes } from './routes';
import { emailCommands } from './commands';
import { emailDemo } from './demo/demo';
import { FileIngest } from './inbound/file-ingest';
import { GmailPushReceiver } from './webhooks/gmail-push';
import { GraphNotificationReceiver } from './webhooks/graph-notifications';
import { MailboxFetcher } from './webhooks/mailbox-notifications';
import { SendingServiceKeys } from './webhooks/sending-service-keys';
import { SendingServiceReceiver } from './webhooks/sending-service-receiver';

/** The email module's public surface: other modules and applications import only this file. */
export * from './providers/provider.events';
export * from './inbound/inbound.events';
export * from './outbound/outbound.events';
export * from './delivery/delivery.events';
export * from './unsubscribe/unsubscribe.events';
export * from './providers/provider';
export * from './inbound/inbound';
export * from './outbound/outbound';
export * from './delivery/delivery';
export * from './shared/email-errors';
export { ConnectProviderInput } from './providers/provider-input';
export { ProviderVerificationError } from './providers/provider-service';
export { EmailContactDirectory, KnownContact } from './inbound/contact-directory';
export { Suppression, SuppressionReason } from './suppression/suppression-list';
export { EmailSettings, OutboundEmailService, OutboundDispatcher, SuppressionList, EmailProviderService, InboundEmailService, DeliveryReportService, UnsubscribeService };
export { SubscriptionRenewalSweeper, Renewal } from './providers/subscription-renewal-sweeper';
export { FileIngest, GraphNotificationReceiver, GmailPushReceiver, SendingServiceKeys, SendingServiceReceiver, MailboxFetcher };
export { SendingService, SENDING_SERVICES } from './webhooks/sending-service-keys';
export { EmailWebhookRefusedError } from './webhooks/webhook-refusal';
export { Unsubscription, UnsubscribeTokenError } from './unsubscribe/unsubscribe-service';

export const emailModule = email.define({
  dependsOn: [ticketsModule, crmModule],
  services: [
    OutboundStore,
    SmtpTransport,
    SendAttemptRunner,
    MessageIndex,
    SuppressionList,
    UnsubscribeLinks,
    UnsubscribeService,
    OutboundEmailService,
    ProviderStore,
    ProviderApi,
    EmailProviderService,
    DeliveryReportService,
    ThreadMatcher,
    CrmContactDirectory,
    InboundEmailService,
    FileIngest,
    MailboxFetcher,
    GraphNotificationReceiver,
    GmailPushReceiver,
    SendingServiceKeys,
    SendingServiceReceiver,
  ],
  sweepers: [OutboundDispatcher, SubscriptionRenewalSweeper],
  provides: [{ token: EmailContactDirectory, useClass: CrmContactDirectory }],
  migrations: [outboundMigration, suppressionMigration, threadsMigration, providersMigration, deliveryMigration, inboundMigration, subscriptionExpiryMigration],
  routes: emailRoutes,
  commands: emailCommands,
  demo: emailDemo,
  tables: ['email_outbound_messages', 'email_suppressions', 'email_message_index', 'email_providers', 'email_delivery_reports', 'email_sending_services', 'email_webhook_deliveries', 'email_inbound_messages'],
});
