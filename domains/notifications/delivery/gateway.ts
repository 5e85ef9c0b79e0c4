/**
 * The sender port of the addressed channels. Each channel has its own token (EmailGateway,
 * SmsGateway, PushGateway) so a deployment binds a provider per channel through a module's
 * `provides`, or a test registers one on the container.
 */

/** One notification as a gateway receives it. */
export interface OutgoingMessage {
  /** The notification id: also the gateway's idempotency key, so a repeated hand-over sends once. */
  notificationId: string;
  channel: 'email' | 'sms' | 'push';
  /** Email address, E.164 phone number or device token. */
  to: string;
  subject: string;
  body: string;
}

/**
 * What the gateway answered: `delivered` (it confirms the message reached the recipient's device
 * or mail server) or `accepted` (queued on its side; delivery unknown yet).
 */
export interface GatewayReceipt {
  status: 'delivered' | 'accepted';
  providerMessageId?: string;
}

/** The gateway refused or could not be reached; `retryable` says whether sending again may help. */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** Sends one message; resolves with the gateway's receipt or throws GatewayError. */
export interface MessageGateway {
  send(message: OutgoingMessage): Promise<GatewayReceipt>;
}

export abstract class EmailGateway implements MessageGateway {
  abstract send(message: OutgoingMessage): Promise<GatewayReceipt>;
}

export abstract class SmsGateway implements MessageGateway {
  abstract send(message: OutgoingMessage): Promise<GatewayReceipt>;
}

export abstract class PushGateway implements MessageGateway {
  abstract send(message: OutgoingMessage): Promise<GatewayReceipt>;
}
