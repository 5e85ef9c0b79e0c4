import { iso } from '../../../lib/kit';
import { RecordedSignal } from './delivery';

const of = (kind: RecordedSignal['kind']) => (signals: RecordedSignal[]) => signals.filter((s) => s.kind === kind);

export const emailDelivered = (signals: RecordedSignal[]) =>
  of('delivered')(signals).map((s) => ({ messageId: s.messageId, providerMessageId: s.providerMessageId, to: s.recipient, deliveredAt: iso(s.at), provider: s.source }));

export const emailBounced = (signals: RecordedSignal[]) =>
  of('bounced')(signals).map((s) => ({
    messageId: s.messageId,
    providerMessageId: s.providerMessageId,
    to: s.recipient,
    bouncedAt: iso(s.at),
    bounceType: s.bounceType ?? 'hard',
    smtpCode: s.statusCode,
    smtpMessage: s.detail,
  }));

export const complaintReceived = (signals: RecordedSignal[]) =>
  of('complaint')(signals).map((s) => ({
    messageId: s.messageId,
    providerMessageId: s.providerMessageId,
    to: s.recipient,
    complainedAt: iso(s.at),
    provider: s.source,
    complaintType: s.complaintType,
  }));
