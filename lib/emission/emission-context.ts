import { AsyncLocalStorage } from 'node:async_hooks';
import { ActorType, EmissionContextView } from '../../decorators';

/** Who is acting, for which tenant, and when — set once per request/job, read by every emission. */
export interface EmissionContextInit {
  tenantId?: string;
  actorUserId?: string;
  actorContactId?: string;
  actorType?: ActorType;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  /** Defaults to `new Date()` (which sinon fake timers control). */
  clock?: () => Date;
}

const als = new AsyncLocalStorage<EmissionContextInit>();

/** Runs `fn` with `ctx` layered over the current context (inner values win). */
export function withEmissionContext<T>(ctx: EmissionContextInit, fn: () => T): T {
  return als.run({ ...als.getStore(), ...ctx }, fn);
}

/**
 * Runs `fn` with exactly `ctx`, inheriting nothing: for work done on nobody's behalf (event
 * handlers), which must not pick up the actor of whichever request happened to wake the loop.
 */
export function withFreshEmissionContext<T>(ctx: EmissionContextInit, fn: () => T): T {
  return als.run({ ...ctx }, fn);
}

export function currentEmissionContext(defaults: EmissionContextInit = {}): EmissionContextView & EmissionContextInit {
  return viewOf(defaults, als.getStore());
}

function viewOf(defaults: EmissionContextInit, store: EmissionContextInit | undefined): EmissionContextView & EmissionContextInit {
  const ctx = { ...defaults, ...store };
  return { ...ctx, now: () => (ctx.clock ? ctx.clock() : new Date()) };
}

/**
 * `currentEmissionContext(defaults)` memoised per context: a context object is never changed once
 * entered (withEmissionContext layers a new one), so its view is built once, not once per event.
 * Views are shared: callers must not modify them.
 */
export class EmissionContextViews {
  private readonly views = new WeakMap<EmissionContextInit, EmissionContextView & EmissionContextInit>();
  private outside?: EmissionContextView & EmissionContextInit;

  constructor(private readonly defaults: EmissionContextInit = {}) {}

  current(): EmissionContextView & EmissionContextInit {
    const store = als.getStore();
    if (!store) return (this.outside ??= viewOf(this.defaults, undefined));
    let view = this.views.get(store);
    if (!view) this.views.set(store, (view = viewOf(this.defaults, store)));
    return view;
  }
}

/** The actor type an emission records: the stated one, else USER for a user, CONTACT for a contact. */
export function actorTypeOf(ctx: Pick<EmissionContextInit, 'actorType' | 'actorUserId' | 'actorContactId'>): ActorType | undefined {
  return ctx.actorType ?? (ctx.actorUserId ? 'USER' : ctx.actorContactId ? 'CONTACT' : undefined);
}

export class MissingTenantError extends Error {
  readonly code = 'TENANT_REQUIRED';
  constructor(action: string) {
    super(`${action} needs a tenant: run it inside withEmissionContext({ tenantId })`);
    this.name = 'MissingTenantError';
  }
}

/** The acting tenant, for services that scope their rows by it. */
export function requireTenant(action: string): string {
  const tenantId = als.getStore()?.tenantId;
  if (!tenantId) throw new MissingTenantError(action);
  return tenantId;
}
