/** A webhook delivery as recorded. */
export interface WebhookDelivery {
  tenantId: string;
  integrationId: string;
  provider: string;
  connectionId: string;
  webhookId: string;
  eventName: string;
  receivedAt: Date;
  rawPayloadRef: string;
}

/** What the endpoint did with a delivery. */
export interface WebhookReceipt {
  webhookId: string;
  eventName: string;
  /** true: this delivery id was received before; nothing was stored or emitted again. */
  duplicate: boolean;
  /** The delivery told us the provider revoked our access: the connection was disconnected. */
  disconnected: boolean;
}
