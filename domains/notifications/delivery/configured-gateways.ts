import { injectable } from 'tsyringe';
import { GatewayError, GatewayReceipt, OutgoingMessage, PushGateway, SmsGateway } from './gateway';
import { HttpJsonGateway } from './http-gateway';

/** The gateway at `WFE_<CHANNEL>_GATEWAY_URL` (token `WFE_<CHANNEL>_GATEWAY_TOKEN`), or a permanent CHANNEL_NOT_CONFIGURED failure. */
function fromEnv(channel: 'SMS' | 'PUSH', message: OutgoingMessage): Promise<GatewayReceipt> {
  const url = process.env[`WFE_${channel}_GATEWAY_URL`];
  if (!url) throw new GatewayError('CHANNEL_NOT_CONFIGURED', `no ${message.channel} gateway is configured (WFE_${channel}_GATEWAY_URL)`, false);
  return new HttpJsonGateway(url, { token: process.env[`WFE_${channel}_GATEWAY_TOKEN`] }).send(message);
}

/** Default SMS sender: the HTTP gateway configured in the environment. */
@injectable()
export class ConfiguredSmsGateway extends SmsGateway {
  async send(message: OutgoingMessage): Promise<GatewayReceipt> {
    return fromEnv('SMS', message);
  }
}

/** Default push sender: the HTTP gateway configured in the environment. */
@injectable()
export class ConfiguredPushGateway extends PushGateway {
  async send(message: OutgoingMessage): Promise<GatewayReceipt> {
    return fromEnv('PUSH', message);
  }
}
