import { AnyMapper, CheckedMapper, EmitterDecorator, EventType, MappedPayload } from './event-types';
import { addEmitter, INTERCEPTED, PayloadMapper, setOriginalMethod } from './metadata';

export class NotInterceptedError extends Error {
  readonly code = 'SERVICE_NOT_INTERCEPTED';
  constructor(
    readonly serviceName: string,
    readonly method: string,
  ) {
    super(
      `${serviceName}.${method} emits events, but this instance was not resolved from a runtime's container, ` +
        `so it would change data without its events. Get it with runtime.resolve(${serviceName}) (kit.resolve in tests), ` +
        `or list the class in its module's services.`,
    );
    this.name = 'NotInterceptedError';
  }
}

/**
 * Emits `eventType` when the decorated method succeeds, in the same transaction. The mapper turns
 * `(result, args, ctx)` into one payload, an array of payloads, or nothing; `tsc` checks what it
 * returns against the event's payload class (see EventPayloadMap) and that the method returns what
 * the mapper reads. Stackable: several decorators on one method emit in declaration order.
 *
 * The prototype keeps a guard: calling the method on an instance made with `new` (not resolved
 * from a runtime's container) throws NotInterceptedError instead of writing without its events.
 */
export function EmitsEvent<K extends EventType, M extends AnyMapper>(eventType: K, mapper: M & CheckedMapper<M, MappedPayload<K>>): EmitterDecorator<M> {
  return (target, propertyKey, descriptor) => {
    const method = String(propertyKey);
    addEmitter(target, method, eventType, mapper as unknown as PayloadMapper);
    const original = descriptor.value as unknown as Function;
    if (typeof original !== 'function' || (original as any)[GUARD]) return;
    setOriginalMethod(target, method, original);
    const serviceName = target.constructor.name;
    const guard = function (this: any, ...args: unknown[]) {
      // `super.method()` from an override on a wrapped instance: the wrapper already emits.
      if (this?.[INTERCEPTED]) return original.apply(this, args);
      // Rejected, not thrown: an intercepted call always returns a promise, and so does this one.
      return Promise.reject(new NotInterceptedError(this?.constructor?.name ?? serviceName, method));
    };
    Object.defineProperty(guard, GUARD, { value: true });
    Object.defineProperty(guard, 'name', { value: method });
    descriptor.value = guard as any;
  };
}

const GUARD = Symbol.for('wfe:not-intercepted-guard');

/** Whether `fn` is the guard `@EmitsEvent` leaves on a prototype (not a method body). */
export const isEmitterGuard = (fn: unknown): boolean => typeof fn === 'function' && (fn as any)[GUARD] === true;
