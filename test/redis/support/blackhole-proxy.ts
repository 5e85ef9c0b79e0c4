import net from 'node:net';

/**
 * A TCP proxy in front of Redis that can silently drop the flows it carries, as a NAT or load
 * balancer does when it forgets a connection: `blackhole()` stops forwarding in both directions
 * on every existing connection without closing it (no FIN, no RST), while new connections work.
 */
export class BlackholeProxy {
  private readonly flows = new Set<{ client: net.Socket; upstream: net.Socket; dead: boolean }>();
  private server?: net.Server;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(redisUrl: string): Promise<BlackholeProxy> {
    const u = new URL(redisUrl);
    const proxy = new BlackholeProxy(u.hostname, Number(u.port || 6379));
    await proxy.listen();
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Connections opened so far that still carry traffic. */
  get liveFlows(): number {
    return [...this.flows].filter((f) => !f.dead && !f.client.destroyed).length;
  }

  private listen(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      const flow = { client, upstream, dead: false };
      this.flows.add(flow);
      client.on('data', (d) => !flow.dead && upstream.write(d));
      upstream.on('data', (d) => !flow.dead && client.write(d));
      const close = () => {
        this.flows.delete(flow);
        client.destroy();
        upstream.destroy();
      };
      // A black-holed flow tells neither side anything, not even that the other closed.
      client.on('close', () => !flow.dead && close());
      upstream.on('close', () => !flow.dead && close());
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    return new Promise((resolve) =>
      this.server!.listen(0, '127.0.0.1', () => {
        this.port = (this.server!.address() as net.AddressInfo).port;
        resolve();
      }),
    );
  }

  /** Every existing flow stops carrying data, silently; returns how many. */
  blackhole(): number {
    let n = 0;
    for (const f of this.flows) {
      if (!f.dead) n++;
      f.dead = true;
    }
    return n;
  }

  async close(): Promise<void> {
    for (const f of this.flows) {
      f.client.destroy();
      f.upstream.destroy();
    }
    this.flows.clear();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
