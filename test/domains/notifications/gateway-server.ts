import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface GatewayRequest {
  idempotencyKey: string;
  authorization?: string;
  body: { to: string; subject: string; body: string; reference: string };
}

/**
 * A real HTTP SMS/push gateway on loopback, speaking HttpJsonGateway's protocol. Like real
 * providers it honours `Idempotency-Key`: a repeated key gets the first answer and sends nothing
 * new (`sent` counts distinct messages, `requests` every call). `answer` sets the next answers.
 */
export class LocalGateway {
  readonly requests: GatewayRequest[] = [];
  private readonly byKey = new Map<string, { status: number; body: unknown }>();
  private server?: Server;
  url = '';
  /** What to answer (status, JSON body) to a new key; default 200 delivered. */
  answer: (n: number) => { status: number; body: unknown } = (n) => ({ status: 200, body: { id: `MSG-${n}`, status: 'delivered' } });

  get sent(): string[] {
    return [...this.byKey.entries()].filter(([, a]) => a.status < 300).map(([k]) => k);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const key = String(req.headers['idempotency-key'] ?? '');
        this.requests.push({ idempotencyKey: key, authorization: req.headers.authorization, body: JSON.parse(raw) });
        let answer = this.byKey.get(key);
        if (!answer) {
          answer = this.answer(this.byKey.size + 1);
          // Failed attempts are not remembered: a retry with the same key is a new attempt.
          if (answer.status < 300) this.byKey.set(key, answer);
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/messages`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** A port nothing listens on: the gateway is down. */
export async function deadGatewayUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}/messages`;
}
