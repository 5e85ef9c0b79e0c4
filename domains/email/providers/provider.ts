/** Connected mailboxes as the providers service returns them. */

export const PROVIDER_TYPES = ['microsoft', 'google'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export type ProviderStatus = 'connected' | 'disconnected';

export interface EmailProvider {
  id: string;
  tenantId: string;
  type: ProviderType;
  name: string;
  mailbox: string;
  status: ProviderStatus;
  /** Where the provider's message API is called (Graph `https://graph.microsoft.com/v1.0`, Gmail `https://gmail.googleapis.com`). */
  apiBaseUrl: string;
  /** Microsoft Graph subscription clientState; notifications carrying another value are refused. */
  hasClientState: boolean;
  /** New tickets from this mailbox go to this board with this priority. */
  boardId?: string;
  priorityId?: string;
  connectedAt: Date;
  disconnectedAt?: Date;
  disconnectReason?: string;
}
