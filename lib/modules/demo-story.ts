import type { EmissionContextInit } from '../emission/emission-context';
import type { EventRuntime } from '../runtime/event-runtime';

/** What `wfe demo` gives each module's story. */
export interface DemoContext {
  runtime: EventRuntime;
  /** The demo's tenant and acting technician (a user). */
  tenantId: string;
  actorUserId: string;
  resolve<T>(token: new (...args: any[]) => T): T;
  /** Runs `fn` as the demo's tenant and technician, with `ctx` layered over (e.g. a contact actor). */
  as<T>(ctx: EmissionContextInit, fn: () => Promise<T>): Promise<T>;
  /** One line of narration, printed before the events it causes. */
  say(line: string): void;
  /** Waits until the worker has handled every committed event (handlers included). */
  settle(): Promise<void>;
}

/** A module's part of `wfe demo`: a short story through its real services, run as the demo's tenant. */
export interface DemoStory {
  title: string;
  run(demo: DemoContext): Promise<void>;
}
