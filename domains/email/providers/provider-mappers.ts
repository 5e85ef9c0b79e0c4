import { iso } from '../../../lib/kit';
import { EmailProvider } from './provider';

/** What a disconnect did: the mailbox after it, and whether it was connected before. */
export interface DisconnectResult {
  provider: EmailProvider;
  changed: boolean;
}

export const providerConnected = (p: EmailProvider) => ({
  providerId: p.id,
  providerType: p.type,
  providerName: p.name,
  mailbox: p.mailbox,
  connectedAt: iso(p.connectedAt),
});

export const providerDisconnected = (r: DisconnectResult) =>
  r.changed
    ? {
        providerId: r.provider.id,
        providerType: r.provider.type,
        providerName: r.provider.name,
        disconnectedAt: iso(r.provider.disconnectedAt!),
        reason: r.provider.disconnectReason,
      }
    : undefined;
