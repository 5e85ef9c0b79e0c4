import { DomainError } from '../../../lib/kit';

/** A delivery refused before anything was stored: `status` is the HTTP answer (401 signature, 413 size, 400 body). */
export class StripeWebhookRefusedError extends DomainError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}
