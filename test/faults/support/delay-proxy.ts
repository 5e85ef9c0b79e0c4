import net from 'node:net';

/**
 * A TCP proxy in front of Redis that delivers every chunk, both ways, `delayMs` late and in order:
 * a client behind it (a relay) is slow at every command, as over a congested link.
 */
export class DelayProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    private readonly delayMs: number,
  ) {}

  static async start(redisUrl: string, delayMs: number): Promise<DelayProxy> {
    const u = new URL(redisUrl);
    const proxy = new DelayProxy(u.hostname, Number(u.port || 6379), delayMs);
    await proxy.listen();
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private listen(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      const forward = (from: net.Socket, to: net.Socket) =>
        from.on('data', (d) => {
          const t = setTimeout(() => !to.destroyed && to.write(d), this.delayMs);
          t.unref();
        });
      forward(client, upstream);
      forward(upstream, client);
    });
    return new Promise((resolve) => this.server!.listen(0, '127.0.0.1', () => {
      this.port = (this.server!.address() as net.AddressInfo).port;
      resolve();
    }));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
