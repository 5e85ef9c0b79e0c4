import 'reflect-metadata';

/**
 * The one place that reads and writes the authoring metadata. Decorators only record facts here;
 * the engine (lib/) reads them. Class lists are kept because Reflect metadata cannot be enumerated.
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
  /** Module (domain folder) the event belongs to; filled by `defineModule` helpers or set here. */
  module?: string;
}

export interface DomainEventDefinition extends Required<Omit<DomainEventOptions, 'rationale' | 'supersededBy' | 'module'>> {
  rationale?: string;
  supersededBy?: string[];
  module?: string;
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
) => Record<string, unknown> | Array<Record<string, unknown>> | undefined | null | void;

export interface EmitsEventOptions {
  /** Schema version to emit when several versions of the type are registered (default: highest). */
  version?: number;
}

export interface EmitterDefinition {
  eventType: string;
  mapper: PayloadMapper;
  options: EmitsEventOptions;
  serviceClass: Function;
  method: string;
}

export interface HandlerDefinition {
  eventType: string;
  handlerClass: Function;
  method: string;
  /** Stable handler name used for once-only receipts: `Class.method`. */
  name: string;
}

const EVENT_KEY = Symbol.for('wfe:domain-event');
const EMITTERS_KEY = Symbol.for('wfe:emitters');
const HANDLERS_KEY = Symbol.for('wfe:handlers');

const payloadClasses = new Set<Function>();
const emitterClasses = new Set<Function>();
const handlerClasses = new Set<Function>();

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

export function defineDomainEvent(payloadClass: Function, options: DomainEventOptions): void {
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
    schemaRef: schemaRefFor(options.type, version),
    payloadClass,
  };
  Reflect.defineMetadata(EVENT_KEY, definition, payloadClass);
  payloadClasses.add(payloadClass);
}

export function getDomainEvent(payloadClass: Function): DomainEventDefinition | undefined {
  return Reflect.getOwnMetadata(EVENT_KEY, payloadClass);
}

export function allDomainEvents(): DomainEventDefinition[] {
  return [...payloadClasses].map((c) => getDomainEvent(c)!);
}

/** Decorators run bottom-up; unshift keeps the list in declaration (top-down) order. */
export function addEmitter(prototype: object, method: string, eventType: string, mapper: PayloadMapper, options: EmitsEventOptions): void {
  const serviceClass = prototype.constructor;
  const all: Map<string, EmitterDefinition[]> = Reflect.getOwnMetadata(EMITTERS_KEY, serviceClass) ?? new Map();
  const list = all.get(method) ?? [];
  list.unshift({ eventType, mapper, options, serviceClass, method });
  all.set(method, list);
  Reflect.defineMetadata(EMITTERS_KEY, all, serviceClass);
  emitterClasses.add(serviceClass);
}

/** Emitters of a class keyed by method, including those inherited from decorated base classes. */
export function getEmitters(serviceClass: Function): Map<string, EmitterDefinition[]> {
  const merged = new Map<string, EmitterDefinition[]>();
  const chain: Function[] = [];
  for (let c: any = serviceClass; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  for (const c of chain) {
    const own: Map<string, EmitterDefinition[]> | undefined = Reflect.getOwnMetadata(EMITTERS_KEY, c);
    own?.forEach((list, method) => merged.set(method, list));
  }
  return merged;
}

export function allEmitters(): EmitterDefinition[] {
  return [...emitterClasses].flatMap((c) => [...getEmitters(c).values()].flat());
}

export function addHandler(prototype: object, method: string, eventType: string): void {
  const handlerClass = prototype.constructor;
  const list: HandlerDefinition[] = Reflect.getOwnMetadata(HANDLERS_KEY, handlerClass) ?? [];
  list.push({ eventType, handlerClass, method, name: `${handlerClass.name}.${method}` });
  Reflect.defineMetadata(HANDLERS_KEY, list, handlerClass);
  handlerClasses.add(handlerClass);
}

export function getHandlers(handlerClass: Function): HandlerDefinition[] {
  return Reflect.getOwnMetadata(HANDLERS_KEY, handlerClass) ?? [];
}

export function allHandlers(): HandlerDefinition[] {
  return [...handlerClasses].flatMap((c) => getHandlers(c));
}
