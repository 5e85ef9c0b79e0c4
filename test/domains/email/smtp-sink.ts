import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeFrom: string;
  recipients: string[];
  raw: Buffer;
}

/**
 * A real SMTP server on loopback (smtp-server) that answers by recipient: `defer…@` gets 451
 * (try again later), `reject…@` gets 550 (mailbox unavailable), anyone else is accepted with
 * `250 Ok: queued as Q<n>`. Every accepted message is kept raw with its envelope.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server?: SMTPServer;
  private counter = 0;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const local = address.address.split('@')[0].toLowerCase();
        if (local.startsWith('defer')) return callback(Object.assign(new Error('4.2.1 Mailbox busy, try again later'), { responseCode: 451 }));
        if (local.startsWith('reject')) return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({
            envelopeFrom: session.envelope.mailFrom ? (session.envelope.mailFrom as { address: string }).address : '',
            recipients: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          callback(null, `Ok: queued as Q${++this.counter}`);
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = ((this.server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
