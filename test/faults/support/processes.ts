import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../../');
const WFE = path.join(ROOT, 'bin/wfe.js');
/** `wfe.config` files (WFE_CONFIG) for worker processes: every MSP module plus the suite's effect handlers (and the late event type). */
export const EFFECTS_CONFIG = path.join(__dirname, 'effects.config.js');
export const LATE_EVENT_CONFIG = path.join(__dirname, 'late-event.config.js');
const ORPHAN_GUARD = path.join(__dirname, 'orphan-guard.js');

export interface WfeProcess {
  name: string;
  proc: ChildProcess;
  /** stdout and stderr interleaved, for start-up detection and failure reports. */
  output: () => string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Child processes running `node bin/wfe.js …`; every one is killed by `killAll` (after hooks). */
export class Processes {
  private readonly running: WfeProcess[] = [];

  constructor(private readonly env: Record<string, string>) {}

  /** Starts a long-running command and resolves once it logged that it runs. */
  async start(name: string, args: string[], options: { config?: string; env?: Record<string, string> } = {}): Promise<WfeProcess> {
    const p = this.spawn(name, args, options);
    const deadline = Date.now() + 45_000; // node start-up on a loaded 2-core machine
    while (!/running; SIGTERM/.test(p.output())) {
      if (p.proc.exitCode !== null || Date.now() > deadline) {
        throw new Error(`${name} did not start (exit ${p.proc.exitCode}):\n${p.output().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return p;
  }

  /** Runs a command to completion and resolves with its stdout; rejects on a non-zero exit. */
  async run(args: string[], options: { config?: string } = {}): Promise<string> {
    const p = this.spawn(`wfe ${args.join(' ')}`, args, options);
    const { code } = await p.exited;
    if (code !== 0) throw new Error(`wfe ${args.join(' ')} exited ${code}:\n${p.output()}`);
    return p.stdout();
  }

  /** Starts a command without waiting for anything (killed by `killAll` if still running). */
  spawnOnly(name: string, args: string[], options: { config?: string; env?: Record<string, string> } = {}): WfeProcess {
    return this.spawn(name, args, options);
  }

  async kill(p: WfeProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill(signal);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${p.name} did not exit after ${signal}`)), 15_000).unref());
    return Promise.race([p.exited, timeout]);
  }

  async killAll(): Promise<void> {
    await Promise.all(this.running.splice(0).map((p) => this.kill(p, 'SIGKILL').catch(() => undefined)));
  }

  private spawn(name: string, args: string[], options: { config?: string; env?: Record<string, string> }): WfeProcess {
    const proc = spawn(process.execPath, ['-r', ORPHAN_GUARD, WFE, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...this.env, ...(options.config ? { WFE_CONFIG: options.config } : {}), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stdout = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      stdout += d;
    });
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    const p: WfeProcess = { name, proc, output: () => out, stdout: () => stdout, exited };
    this.running.push(p);
    return p;
  }
}
