import { DependencyContainer } from 'tsyringe';
import { EmitterDefinition, getEmitters } from '../../decorators';

/** Runs a decorated method: what happens around the original call is the runtime's business. */
export interface MethodInvoker {
  invoke(instance: object, emitters: EmitterDefinition[], original: (...args: any[]) => unknown, args: unknown[]): Promise<unknown>;
}

const wrapped = new WeakSet<object>();
const patched = new WeakSet<DependencyContainer>();

/**
 * Gives each decorated method of `instance` an own-property wrapper that calls `invoker`.
 * Instances are wrapped at most once, whichever container resolves them first.
 */
export function wrapInstance<T>(instance: T, invoker: MethodInvoker): T {
  if (instance === null || typeof instance !== 'object' || wrapped.has(instance)) return instance;
  const emitters = getEmitters((instance as object).constructor);
  wrapped.add(instance);
  for (const [method, list] of emitters) {
    const original = (instance as any)[method];
    if (typeof original !== 'function') continue;
    Object.defineProperty(instance, method, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function (this: object, ...args: unknown[]) {
        return invoker.invoke(this, list, original, args);
      },
    });
  }
  return instance;
}

/**
 * Intercepts every resolution of `container` (and of the child containers it creates) — any
 * token, any lifecycle, constructor-injected dependencies included, since tsyringe resolves
 * those through `this.resolve`. tsyringe's `afterResolution` would need one hook per token and
 * does not reach child containers, so resolve itself is wrapped.
 */
export function interceptContainer(container: DependencyContainer, invoker: MethodInvoker): DependencyContainer {
  if (patched.has(container)) return container;
  patched.add(container);
  const c = container as any;
  const resolve = c.resolve.bind(container);
  const resolveAll = c.resolveAll.bind(container);
  const createChildContainer = c.createChildContainer.bind(container);
  c.resolve = (...a: unknown[]) => wrapInstance(resolve(...a), invoker);
  c.resolveAll = (...a: unknown[]) => (resolveAll(...a) as unknown[]).map((i) => wrapInstance(i, invoker));
  c.createChildContainer = () => interceptContainer(createChildContainer(), invoker);
  return container;
}
