import { ProviderType } from './provider';

/** What connecting a mailbox takes: the OAuth tokens the tenant's consent produced, and where new tickets go. */
export interface ConnectProviderInput {
  type: ProviderType;
  /** Display name, e.g. "Support inbox". */
  name: string;
  /** OAuth 2.0 access token for the mailbox (Graph Mail.Read / Gmail gmail.readonly); sealed at rest. */
  accessToken: string;
  refreshToken?: string;
  /** Default https://graph.microsoft.com/v1.0 or https://gmail.googleapis.com (tests: a local server). */
  apiBaseUrl?: string;
  /** Graph only: the change-notification subscription id and the clientState it was created with. */
  subscriptionId?: string;
  clientState?: string;
  /** When the Graph subscription or Gmail watch lapses; the renewal sweeper extends it before then. */
  subscriptionExpiresAt?: Date;
  /** Board and priority of tickets opened from this mailbox's mail. */
  boardId?: string;
  priorityId?: string;
}
