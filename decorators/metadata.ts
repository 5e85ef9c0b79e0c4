import 'reflect-metadata';

/**
 * The one place that reads and writes the authoring metadata. Decorators only record facts on
 * the classes they decorate; the engine (lib/) reads them for the modules a runtime is given.
 * Nothing is registered globally: importing a class never makes it part of a runtime.
 */

export type EventStatus = 'emitted' | 'legacy' | 'catalog-only';

export interface DomainEventOptions {
  /** SCREAMING_SNAKE_CASE event type, e.g. `INVOICE_FINALIZED`. */
  type: string;
  category: string;
  name: string;
  description: string;
  /** Schema version; the ref becomes `payload.<PascalCase>.v<version>`. Defaults to 1. */
  version?: number;
  status?: EventStatus;
  /** Why a `catalog-only` event has no emitter. */
  rationale?: string;
  /** Canonical replacements of a `legacy` event. */
  supersededBy?: string[];
  /** Module (domain folder) the event belongs to; a module's own event decorator fills it. */
  module?: string;
  /**
   * Payload field holding the id of the entity the event is about (CloudEvents `subject`, and
   * the ordering key: events with the same subject are delivered in commit order). Default:
   * inferred from the type (`INVOICE_FINALIZED` → `invoiceId`), else the tenant.
   */
  subject?: string;
  /**
   * For version N > 1: turns a payload of this version into one of version N-1, for consumers
   * that declared the older version (`@OnEvent(type, { version })`). Declared beside the newer
   * DTO because only the newer version knows what changed.
   */
  toPreviousVersion?: (payload: any) => Record<string, unknown>;
}

export interface DomainEventDefinition extends Required<Pick<DomainEventOptions, 'type' | 'category' | 'name' | 'description' | 'version' | 'status'>> {
  rationale?: string;
  supersededBy?: string[];
  module?: string;
  subject?: string;
  toPreviousVersion?: (payload: any) => Record<string, unknown>;
  schemaRef: string;
  payloadClass: Function;
}

/** What the mapper receives besides the method's result and arguments. */
export interface EmissionContextView {
  tenantId?: string;
  actorUserId?: string;
  actorContactId?: string;
  actorType?: 'USER' | 'CONTACT' | 'SYSTEM';
  correlationId?: string;
  causationId?: string;
  /** The emission clock (fake timers in tests move it). */
  now(): Date;
}

export type PayloadMapper<R = any, A extends any[] = any[]> = (
  result: R,
  args: A,
  ctx: EmissionContextView,
) => object | object[] | undefined | null | void;

export interface EmitterDefinition {
  eventType: string;
  mapper: PayloadMapper;
  serviceClass: Function;
  method: string;
}

export interface HandlerOptions {
  /** Schema version the handler was written for; newer payloads are converted down to it. Default: the current version. */
  version?: number;
}

export interface HandlerDefinition {
  eventType: string;
  handlerClass: Function;
  method: string;
  /** Stable handler name used for once-only receipts: `Class.method`. */
  name: string;
  version?: number;
}

const EVENT_KEY = Symbol.for('wfe:domain-event');
const EMITTERS_KEY = Symbol.for('wfe:emitters');
const HANDLERS_KEY = Symbol.for('wfe:handlers');
const ORIGINALS_KEY = Symbol.for('wfe:original-methods');

/** Marks an instance whose emitting methods a runtime has wrapped (see `@EmitsEvent`'s guard). */
export const INTERCEPTED = Symbol.for('wfe:intercepted');

export function pascalCase(eventType: string): string {
  return eventType
    .toLowerCase()
    .split('_')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

export function schemaRefFor(eventType: string, version: number): string {
  return `payload.${pascalCase(eventType)}.v${version}`;
}

export function defineDomainEvent(payloadClass: Function, options: DomainEventOptions): DomainEventDefinition {
  const version = options.version ?? 1;
  const definition: DomainEventDefinition = {
    category: options.category,
    name: options.name,
    description: options.description,
    type: options.type,
    version,
    status: options.status ?? 'emitted',
    rationale: options.rationale,
    supersededBy: options.supersededBy,
    module: options.module,
    subject: options.subject,
    toPreviousVersion: options.toPreviousVersion,
    schemaRef: schemaRefFor(options.type, version),
    payloadClass,
  };
  Reflect.defineMetadata(EVENT_KEY, definition, payloadClass);
  return definition;
}

export function getDomainEvent(payloadClass: Function): DomainEventDefinition | undefined {
  return Reflect.getOwnMetadata(EVENT_KEY, payloadClass);
}

/** Decorators run bottom-up; unshift keeps the list in declaration (top-down) order. */
export function addEmitter(prototype: object, method: string, eventType: string, mapper: PayloadMapper): void {
  const serviceClass = prototype.constructor;
  const all: Map<string, EmitterDefinition[]> = Reflect.getOwnMetadata(EMITTERS_KEY, serviceClass) ?? new Map();
  const list = all.get(method) ?? [];
  list.unshift({ eventType, mapper, serviceClass, method });
  all.set(method, list);
  Reflect.defineMetadata(EMITTERS_KEY, all, serviceClass);
}

/** Emitters of a class keyed by method, including those inherited from decorated base classes. */
export function getEmitters(serviceClass: Function): Map<string, EmitterDefinition[]> {
  const merged = new Map<string, EmitterDefinition[]>();
  for (const c of classChain(serviceClass)) {
    const own: Map<string, EmitterDefinition[]> | undefined = Reflect.getOwnMetadata(EMITTERS_KEY, c);
    own?.forEach((list, method) => merged.set(method, list));
  }
  return merged;
}

/**
 * Remembers the undecorated body of an emitting method; the prototype keeps a guard instead
 * (see `@EmitsEvent`), so only a runtime's interception can run it with its events.
 */
export function setOriginalMethod(prototype: object, method: string, original: Function): void {
  const own: Map<string, Function> = Reflect.getOwnMetadata(ORIGINALS_KEY, prototype) ?? new Map();
  if (!own.has(method)) own.set(method, original);
  Reflect.defineMetadata(ORIGINALS_KEY, own, prototype);
}

/** The undecorated body of `method` as declared on `serviceClass` or its nearest decorated base. */
export function getOriginalMethod(serviceClass: Function, method: string): Function | undefined {
  for (const c of classChain(serviceClass).reverse()) {
    const own: Map<string, Function> | undefined = Reflect.getOwnMetadata(ORIGINALS_KEY, c.prototype);
    if (own?.has(method)) return own.get(method);
  }
  return undefined;
}

export function addHandler(prototype: object, method: string, eventType: string, options: HandlerOptions = {}): void {
  const handlerClass = prototype.constructor;
  const list: HandlerDefinition[] = Reflect.getOwnMetadata(HANDLERS_KEY, handlerClass) ?? [];
  list.push({ eventType, handlerClass, method, name: `${handlerClass.name}.${method}`, version: options.version });
  Reflect.defineMetadata(HANDLERS_KEY, list, handlerClass);
}

export function getHandlers(handlerClass: Function): HandlerDefinition[] {
  return Reflect.getOwnMetadata(HANDLERS_KEY, handlerClass) ?? [];
}

/** Base classes first, `cls` last. */
function classChain(cls: Function): Function[] {
  const chain: Function[] = [];
  for (let c: any = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  return chain;
}
