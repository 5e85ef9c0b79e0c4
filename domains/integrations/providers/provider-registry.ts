import { singleton } from 'tsyringe';
import { ProviderAdapter } from './provider-adapter';
import { ReferenceAdapter } from './reference-adapter';

export class UnknownProviderError extends Error {
  readonly code = 'INTEGRATION_PROVIDER_UNKNOWN';
  constructor(
    readonly provider: string,
    known: string[],
  ) {
    super(`No provider adapter ${provider} (known: ${known.join(', ')})`);
    this.name = 'UnknownProviderError';
  }
}

/**
 * The provider adapters of one runtime (one instance per runtime container). The reference
 * adapter is built in; applications register theirs (`resolve(ProviderAdapters).register(...)`).
 */
@singleton()
export class ProviderAdapters {
  private readonly adapters = new Map<string, ProviderAdapter>();

  constructor() {
    this.register(new ReferenceAdapter());
  }

  register(adapter: ProviderAdapter): void {
    this.adapters.set(adapter.provider, adapter);
  }

  has(provider: string): boolean {
    return this.adapters.has(provider);
  }

  get(provider: string): ProviderAdapter {
    const adapter = this.adapters.get(provider);
    if (!adapter) throw new UnknownProviderError(provider, [...this.adapters.keys()]);
    return adapter;
  }
}
