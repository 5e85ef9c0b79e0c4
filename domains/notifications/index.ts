import 'reflect-metadata';
import { emailModule } from '../email';
import { ticketsModule } from '../tickets';
import { ConfiguredPushGateway, ConfiguredSmsGateway } from './delivery/configured-gateways';
import { EmailOutcomeHandler } from './delivery/email-outcome-handler';
import { OutboundEmailGateway } from './delivery/outbound-email-gateway';
import { NotificationRetrySweeper } from './delivery/retry-sweeper';
import { DeliveryHandler } from './delivery/delivery-handler';
import { DeliveryService } from './delivery/delivery-service';
import { GatewayReceiptService } from './delivery/gateway-receipts';
import { gatewayReceiptsMigration } from './delivery/receipt.migration';
import { EmailGateway, PushGateway, SmsGateway } from './delivery/gateway';
import { notificationsDemo } from './demo';
import { NotificationService } from './inbox/notification-service';
import { notificationsMigration } from './inbox/notification.migration';
import { notifications } from './module';
import { NotificationPreferenceService } from './preferences/preference-service';
import { notificationPreferencesMigration } from './preferences/preference.migration';
import { notificationsRoutes } from './routes';
import { TicketNotificationHandler } from './ticket-alerts/ticket-notification-handler';

/** The notifications module's public surface: other modules and applications import only this file. */
export * from './inbox/notification.events';
export * from './inbox/notification';
export * from './inbox/notification-errors';
export * from './preferences/preference';
export * from './delivery/gateway';
export { HttpJsonGateway } from './delivery/http-gateway';
export { ConfiguredSmsGateway, ConfiguredPushGateway } from './delivery/configured-gateways';
export { NotificationService } from './inbox/notification-service';
export { NotificationPreferenceService } from './preferences/preference-service';
export { DeliveryService, DeliveryOutcome } from './delivery/delivery-service';
export { GatewayReceiptService, ReceiptRefusedError } from './delivery/gateway-receipts';
export { NotificationRetrySweeper, MAX_ATTEMPTS, retryDelayMs } from './delivery/retry-sweeper';

export const notificationsModule = notifications.define({
  dependsOn: [ticketsModule, emailModule],
  services: [NotificationPreferenceService, NotificationService, DeliveryService, GatewayReceiptService],
  handlers: [TicketNotificationHandler, DeliveryHandler, EmailOutcomeHandler],
  provides: [
    { token: EmailGateway, useClass: OutboundEmailGateway },
    { token: SmsGateway, useClass: ConfiguredSmsGateway },
    { token: PushGateway, useClass: ConfiguredPushGateway },
  ],
  sweepers: [NotificationRetrySweeper],
  migrations: [notificationsMigration, notificationPreferencesMigration, gatewayReceiptsMigration],
  tables: ['notifications', 'notification_preferences', 'notification_addresses', 'notification_team_watchers', 'notification_gateway_receipts'],
  routes: notificationsRoutes,
  demo: notificationsDemo,
});
