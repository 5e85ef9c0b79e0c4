/** Input from outside that is refused: `status` is the HTTP answer (401 bad signature, 400 malformed, 404/410 unknown or disconnected). Nothing stored. */
export class EmailWebhookRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmailWebhookRefusedError';
  }
}

export const refused = {
  signature: (why: string) => new EmailWebhookRefusedError(401, 'WEBHOOK_SIGNATURE_INVALID', why),
  malformed: (why: string) => new EmailWebhookRefusedError(400, 'WEBHOOK_PAYLOAD_INVALID', why),
  unknown: (what: string) => new EmailWebhookRefusedError(404, 'WEBHOOK_TARGET_UNKNOWN', `no connected ${what}`),
  disconnected: (what: string) => new EmailWebhookRefusedError(410, 'EMAIL_PROVIDER_DISCONNECTED', `${what} is disconnected`),
};
