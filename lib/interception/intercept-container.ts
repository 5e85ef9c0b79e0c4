import { DependencyContainer, Lifecycle } from 'tsyringe';
import { EmitterDefinition, getEmitters, getOriginalMethod, INTERCEPTED, isEmitterGuard } from '../../decorators';

/** Runs a decorated method: what happens around the original call is the runtime's business. */
export interface MethodInvoker {
  invoke(instance: object, emitters: EmitterDefinition[], original: (...args: any[]) => unknown, args: unknown[]): Promise<unknown>;
}

const wrapped = new WeakSet<object>();
const patched = new WeakSet<DependencyContainer>();

/**
 * Gives each decorated method of `instance` an own-property wrapper that calls `invoker` with the
 * method's undecorated body (the prototype holds a guard that refuses calls on unwrapped
 * instances). Instances are wrapped at most once, whichever container resolves them first.
 */
export function wrapInstance<T>(instance: T, invoker: MethodInvoker): T {
  if (instance === null || typeof instance !== 'object' || wrapped.has(instance)) return instance;
  const cls = (instance as object).constructor;
  const emitters = getEmitters(cls);
  wrapped.add(instance);
  if (!emitters.size) return instance;
  Object.defineProperty(instance, INTERCEPTED, { value: true });
  for (const [method, list] of emitters) {
    // A subclass's undecorated override is the body to run; a guard stands for the decorated original.
    const current = (instance as any)[method];
    const original = isEmitterGuard(current) ? getOriginalMethod(cls, method) : current;
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
 * A class registered as a singleton in an ancestor container (tsyringe's `@singleton()` registers
 * in the global one) would be built once and shared by every runtime: the first runtime's unit
 * of work would serve the others' calls. Such classes are bound once per runtime container instead.
 */
export function bindAncestorSingletons(container: DependencyContainer, token: unknown): void {
  if (typeof token !== 'function' || container.isRegistered(token as any)) return;
  const registration = (container as any).getRegistration?.(token);
  const lifecycle = registration?.options?.lifecycle;
  if (lifecycle === Lifecycle.Singleton || lifecycle === Lifecycle.ContainerScoped) {
    container.register(token as any, { useClass: token as any }, { lifecycle: Lifecycle.ContainerScoped });
  }
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
  c.resolve = (token: unknown, ...rest: unknown[]) => {
    bindAncestorSingletons(container, token);
    return wrapInstance(resolve(token, ...rest), invoker);
  };
  c.resolveAll = (...a: unknown[]) => (resolveAll(...a) as unknown[]).map((i) => wrapInstance(i, invoker));
  c.createChildContainer = () => interceptContainer(createChildContainer(), invoker);
  return container;
}
