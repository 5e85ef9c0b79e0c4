import {
  defineDomainEvent,
  DomainEventDefinition,
  DomainEventOptions,
  EmitterDefinition,
  getDomainEvent,
  getEmitters,
  getHandlers,
  HandlerDefinition,
} from '../../decorators';
import { Migration } from '../uow/migrator';
import { ModuleCommands } from './module-commands';
import { DemoStory } from './demo-story';
import { ModuleRoutes } from './module-routes';

export type Constructor<T = unknown> = new (...args: any[]) => T;

/** What a module is made of besides its events. */
export interface DomainModuleParts {
  /** Modules whose public services this one calls: their tables migrate first and they join every runtime this one joins. */
  dependsOn?: DomainModule[];
  /** Event DTO classes declared with plain `@DomainEvent` (the module's own `event` decorator collects its classes by itself). */
  events?: Function[];
  /** Injectable services: decorated business actions and what they use. */
  services?: Constructor[];
  /** Classes with `@OnEvent` handlers. */
  handlers?: Constructor[];
  /** Applied in this order, after those of the modules this one depends on. Names must be unique. */
  migrations?: Migration[];
  /** Tables the module owns, each with a `tenant` column (tenant-isolation suites read them). */
  tables?: string[];
  /** Time-based emitters, run by `wfe sweep [module]` and on an interval inside `wfe serve`. */
  sweepers?: Array<Constructor<Sweeper>>;
  /** HTTP routes (webhooks, uploads, links) mounted by `wfe serve`. */
  routes?: ModuleRoutes;
  /** Extra `wfe` commands (e.g. `wfe email ingest <file>`). */
  commands?: ModuleCommands;
  /** The module's part of `wfe demo`: a short story through its real services. */
  demo?: DemoStory;
  /**
   * Implementations of ports other modules declare (dependency inversion): tickets declares
   * `TicketClientPolicy` and binds a permissive default; CRM, which depends on tickets, provides the
   * one that refuses archived clients. A runtime binds them after the services, so the module that
   * comes later in dependency order wins.
   */
  provides?: Array<{ token: abstract new (...args: any[]) => unknown; useClass: Constructor }>;
}

/**
 * A time-based emitter: finds what is due and emits for it, exactly once per subject and period
 * even when two sweeps run at once (conditional UPDATE or a unique key). Runs for no one in
 * particular: the tenant comes from each row and the actor is SYSTEM.
 */
export interface Sweeper {
  /** Sweeps what is due at `now` (default: the emission clock); resolves with what it emitted for. */
  sweep(now?: Date): Promise<unknown[] | { count: number }>;
}

/** A business module as a runtime takes it: its events, emitters, handlers, migrations and tables. */
export interface DomainModule extends Required<Omit<DomainModuleParts, 'routes' | 'commands' | 'demo' | 'events'>> {
  readonly name: string;
  /** Default category of the module's events. */
  readonly category: string;
  readonly routes?: ModuleRoutes;
  readonly commands?: ModuleCommands;
  readonly demo?: DemoStory;
  /** Every event definition of the module, all versions. */
  events(): DomainEventDefinition[];
  emitters(): EmitterDefinition[];
  handlerDefinitions(): HandlerDefinition[];
}

export interface ModuleEventOptions extends Omit<DomainEventOptions, 'category' | 'module'> {
  /** Overrides the module's category (assets has Assets and Media). */
  category?: string;
}

/**
 * The first half of a module: its name and category, and the event decorator its DTOs use.
 * `define(parts)` completes it once services and migrations exist (in the module's index.ts),
 * which keeps DTO files free of imports of the services that would close a circle.
 */
export interface DomainModuleDeclaration {
  readonly name: string;
  readonly category: string;
  /** `@DomainEvent` with this module's name and category filled in. */
  event(options: ModuleEventOptions): ClassDecorator;
  define(parts?: DomainModuleParts): DomainModule;
}

export function declareDomainModule(identity: { name: string; category: string }): DomainModuleDeclaration {
  const collected: DomainEventDefinition[] = [];
  return {
    ...identity,
    event: (options) => (target) => {
      collected.push(defineDomainEvent(target, { category: identity.category, ...options, module: identity.name }));
    },
    define: (parts = {}) => moduleOf(identity, parts, collected),
  };
}

/** A module in one call, its DTOs declared with plain `@DomainEvent` and listed in `events`. */
export function defineDomainModule(definition: { name: string; category: string } & DomainModuleParts): DomainModule {
  const { name, category, ...parts } = definition;
  return declareDomainModule({ name, category }).define(parts);
}

function moduleOf(identity: { name: string; category: string }, parts: DomainModuleParts, collected: DomainEventDefinition[]): DomainModule {
  const services = parts.services ?? [];
  const handlers = parts.handlers ?? [];
  const sweepers = parts.sweepers ?? [];
  const explicit = () =>
    (parts.events ?? []).map((cls) => {
      const def = getDomainEvent(cls);
      if (!def) throw new Error(`${cls.name} is listed in module ${identity.name}'s events but has no @DomainEvent`);
      return { ...def, module: def.module ?? identity.name };
    });
  const withEmitters = [...new Set<Constructor>([...services, ...sweepers])];
  return {
    ...identity,
    dependsOn: parts.dependsOn ?? [],
    services,
    handlers,
    migrations: parts.migrations ?? [],
    tables: parts.tables ?? [],
    sweepers,
    provides: parts.provides ?? [],
    routes: parts.routes,
    commands: parts.commands,
    demo: parts.demo,
    events: () => [...collected, ...explicit()],
    emitters: () => withEmitters.flatMap((cls) => [...getEmitters(cls).values()].flat()),
    handlerDefinitions: () => [...new Set<Constructor>([...handlers, ...services])].flatMap((cls) => getHandlers(cls)),
  };
}
