import { injectable } from 'tsyringe';
import { actionTime, currentTenant, SecretBox, UnitOfWork } from '../../../lib/kit';
import { EmailInputError } from '../shared/email-errors';

export const SENDING_SERVICES = ['sendgrid', 'resend'] as const;
export type SendingService = (typeof SENDING_SERVICES)[number];

/**
 * The verification key of each sending service a tenant uses, sealed at rest: SendGrid's Event
 * Webhook public key (ECDSA P-256, PEM or the base64 the console shows) and Resend's signing secret
 * (`whsec_…`, Svix / Standard Webhooks). Configuring is not an event; the key is never logged.
 */
@injectable()
export class SendingServiceKeys {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly box: SecretBox,
  ) {}

  async configure(service: SendingService, key: string): Promise<void> {
    const tenant = currentTenant('SendingServiceKeys.configure');
    if (!SENDING_SERVICES.includes(service)) throw new EmailInputError('service', `must be one of ${SENDING_SERVICES.join(', ')}`);
    if (typeof key !== 'string' || key.trim().length < 16) throw new EmailInputError('key', 'must be the verification key the service shows');
    const sealed = this.box.seal(key.trim(), `email-sending-service:${tenant}:${service}`);
    await this.uow.db('email_sending_services').insert({ tenant, service, verification_key_sealed: sealed, configured_at: actionTime() }).onConflict(['tenant', 'service']).merge(['verification_key_sealed', 'configured_at']);
  }

  async key(service: SendingService): Promise<string | undefined> {
    const tenant = currentTenant('SendingServiceKeys.key');
    const row = await this.uow.db('email_sending_services').where({ tenant, service }).first();
    return row ? this.box.open(row.verification_key_sealed, `email-sending-service:${tenant}:${service}`) : undefined;
  }
}
