/** Delivery signals as the delivery services record them. */

export type DeliveryKind = 'delivered' | 'bounced' | 'complaint';

/** Where a signal came from: a report in the mailbox (dsn, arf) or a sending service's webhook. */
export type DeliverySource = 'dsn' | 'arf' | 'sendgrid' | 'resend';

/** One signal about one message and recipient, before it is recorded. */
export interface DeliverySignal {
  kind: DeliveryKind;
  source: DeliverySource;
  recipient: string;
  /** Our Message-ID, when the report or webhook names it; else envelopeToken or providerMessageId must. */
  messageId?: string;
  envelopeToken?: string;
  providerMessageId?: string;
  bounceType?: 'hard' | 'soft';
  /** Enhanced status (5.1.1) or reply code. */
  statusCode?: string;
  detail?: string;
  complaintType?: string;
  rawRef?: string;
}

/** A recorded signal (new: emitted once), with the message it was matched to. */
export interface RecordedSignal extends DeliverySignal {
  tenantId: string;
  messageId: string;
  providerMessageId: string;
  at: Date;
}
