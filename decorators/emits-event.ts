import { addEmitter, EmitsEventOptions, PayloadMapper } from './metadata';

/**
 * Emits `eventType` when the decorated (async) method succeeds. The mapper turns
 * `(result, args, ctx)` into one payload, an array of payloads, or nothing. Stackable:
 * several decorators on one method emit in declaration order.
 */
export function EmitsEvent<R = any, A extends any[] = any[]>(
  eventType: string,
  mapper: PayloadMapper<Awaited<R>, A>,
  options: EmitsEventOptions = {},
): MethodDecorator {
  return (target, propertyKey) => addEmitter(target, String(propertyKey), eventType, mapper as PayloadMapper, options);
}
