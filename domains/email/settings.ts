const env = process.env;
const num = (v: string | undefined, fallback: number) => (v && Number.isFinite(Number(v)) ? Number(v) : fallback);

/**
 * Tunables of the email module. Defaults come from the environment where `wfe serve` needs them
 * (WFE_SMTP_HOST, WFE_SMTP_PORT, WFE_SMTP_SECURE, WFE_SMTP_USER, WFE_SMTP_PASS, WFE_EMAIL_FROM,
 * WFE_EMAIL_BOUNCE_ADDRESS, WFE_PUBLIC_URL, WFE_GMAIL_PUSH_AUDIENCE, WFE_GMAIL_PUSH_SERVICE_ACCOUNT),
 * else the values below. Defaults suit production; tests and applications override them by
 * registering an instance in the runtime's container before the services are resolved
 * (`container.registerInstance(EmailSettings, new EmailSettings({ smtp: { host: '127.0.0.1', port: 2525 } }))`).
 */
export class EmailSettings {
  /** Outgoing SMTP relay (nodemailer transport options: host, port, secure, auth). */
  smtp: { host: string; port: number; secure?: boolean; auth?: { user: string; pass: string }; ignoreTLS?: boolean } = {
    host: env.WFE_SMTP_HOST || '127.0.0.1',
    port: num(env.WFE_SMTP_PORT, 25),
    secure: env.WFE_SMTP_SECURE === 'true',
    auth: env.WFE_SMTP_USER ? { user: env.WFE_SMTP_USER, pass: env.WFE_SMTP_PASS ?? '' } : undefined,
  };
  /** From of mail that names no sender (notifications); ticket replies use the same unless told otherwise. */
  defaultFrom = env.WFE_EMAIL_FROM || 'support@example.com';
  /** Envelope sender base: each message is sent from `bounces+<token>@…` so a DSN that lacks the original headers still matches (VERP). */
  bounceAddress = env.WFE_EMAIL_BOUNCE_ADDRESS || 'bounces@example.com';
  /** Attempts per message before a retryable failure becomes final. */
  maxAttempts = 5;
  /** First retry delay after a 4xx or connection failure, in seconds; doubles per attempt up to maxRetrySeconds. */
  retryBaseSeconds = 60;
  maxRetrySeconds = 3600;
  /** SMTP connection and greeting timeout, in milliseconds. */
  smtpTimeoutMs = 10_000;
  /** Public base URL of `wfe serve`, for List-Unsubscribe links. */
  publicBaseUrl = env.WFE_PUBLIC_URL || 'http://localhost:8080';
  /** Lifetime of unsubscribe tokens, in days. */
  unsubscribeTokenDays = 90;
  /** Inbound caps: a larger raw message is kept but not parsed (raw_mime_over_max_bytes). */
  maxRawMimeBytes = 25 * 1024 * 1024;
  /** An attachment larger than this is listed in ingressSkipReasons instead of attachments. */
  maxAttachmentBytes = 10 * 1024 * 1024;
  maxAttachments = 20;
  maxTotalAttachmentBytes = 20 * 1024 * 1024;
  /** More header lines than this is a header flood: the message is kept raw, not parsed. */
  maxHeaderLines = 2000;
  /** Timeout of each provider API call, in milliseconds. */
  providerTimeoutMs = 10_000;
  /** Gmail push: the audience the Pub/Sub push subscription puts in its OIDC token, and the service account that signs it. */
  googlePushAudience = env.WFE_GMAIL_PUSH_AUDIENCE || 'https://example.com/webhooks/email/google';
  googlePushServiceAccount?: string = env.WFE_GMAIL_PUSH_SERVICE_ACCOUNT || undefined;
  /** Where Google's signing certificates are fetched (tests point it at a local JWKS). */
  googleCertsUrl?: string;
  /** Push subscriptions are renewed when they lapse within this many seconds (keep above the sweep interval). */
  subscriptionRenewAheadSeconds = 24 * 3600;
  /** Lifetime asked for a renewed Graph mail subscription, in minutes (Graph allows up to 10 080 for messages). */
  graphSubscriptionMinutes = 4 * 24 * 60;
  /** The Pub/Sub topic Gmail watches publish to (projects/<p>/topics/<t>). */
  gmailTopicName = env.WFE_GMAIL_TOPIC || '';
  /** Sending-service webhooks: timestamps further than this from now, either way, are refused. */
  webhookToleranceSeconds = 300;

  constructor(overrides: Partial<EmailSettings> = {}) {
    Object.assign(this, overrides);
  }
}
