import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The demo's stand-ins for the outside world, on loopback: an SMTP relay (smtp-server) that
 * accepts every message with a queue id, and the one Graph endpoint a connection's verification
 * calls (`GET /v1.0/me`), answering for the demo's support mailbox when the token is right.
 */
export class DemoMailServers {
  readonly sent: Buffer[] = [];
  smtpPort = 0;
  graphBase = '';
  private smtp?: SMTPServer;
  private http?: Server;

  constructor(
    private readonly mailbox: string,
    private readonly token: string,
  ) {}

  async start(): Promise<this> {
    let n = 0;
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.sent.push(Buffer.concat(chunks));
          callback(null, `Ok: queued as DEMO${++n}`);
        });
      },
    });
    await new Promise<void>((resolve) => this.smtp!.listen(0, '127.0.0.1', () => resolve()));
    this.smtpPort = ((this.smtp as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
    this.http = createServer((req, res) => {
      const ok = req.url === '/v1.0/me' && req.headers.authorization === `Bearer ${this.token}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { mail: this.mailbox } : { error: 'unauthorized' }));
    });
    await new Promise<void>((resolve) => this.http!.listen(0, '127.0.0.1', resolve));
    this.graphBase = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/v1.0`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }
}
