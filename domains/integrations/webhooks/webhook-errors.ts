/**
 * Why an inbound webhook was refused; `status` is the HTTP answer. Nothing is stored or emitted
 * for any of them.
 */
export class WebhookRefusedError extends Error {
  constructor(
    readonly status: 401 | 400 | 404 | 410 | 413,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRefusedError';
  }
}

export const webhookRefusals = {
  unknownConnection: (id: string) => new WebhookRefusedError(404, 'WEBHOOK_CONNECTION_UNKNOWN', `No connection ${id}`),
  disconnected: (id: string) => new WebhookRefusedError(410, 'WEBHOOK_CONNECTION_DISCONNECTED', `Connection ${id} is disconnected`),
  noSecret: (id: string) => new WebhookRefusedError(401, 'WEBHOOK_SECRET_MISSING', `Connection ${id} has no webhook secret configured: its deliveries cannot be verified`),
  badSignature: (why: string) => new WebhookRefusedError(401, 'WEBHOOK_SIGNATURE_INVALID', `Webhook signature refused: ${why}`),
  badTimestamp: (why: string) => new WebhookRefusedError(401, 'WEBHOOK_TIMESTAMP_REFUSED', `Webhook timestamp refused: ${why}`),
  notJson: () => new WebhookRefusedError(400, 'WEBHOOK_BODY_NOT_JSON', 'The webhook body is correctly signed but is not JSON'),
  noEventName: () => new WebhookRefusedError(400, 'WEBHOOK_EVENT_NAME_MISSING', 'The webhook body names no event type'),
  badDeliveryId: () => new WebhookRefusedError(400, 'WEBHOOK_ID_INVALID', 'The delivery id must be 1 to 255 characters'),
  tooLarge: (max: number) => new WebhookRefusedError(413, 'WEBHOOK_BODY_TOO_LARGE', `The webhook body exceeds ${max} bytes`),
};
