import { expect } from 'chai';
import { injectable } from 'tsyringe';
import { billingModule } from '../../domains/billing';
import { ticketsModule } from '../../domains/tickets';
import { CatalogConsistencyError } from '../../lib/catalog/consistency';
import { declareDomainModule, defineDomainModule, DomainPayload, EmitsEvent, UuidField } from '../../lib/kit';
import { ModuleGraphError, resolveModules } from '../../lib/modules/resolve-modules';
import { createTestKit } from '../../lib/testing';
import { ordersModule } from '../fixtures/orders';

const port = defineDomainModule({ name: 'port-owner', category: 'Testing' });

abstract class Greeting {
  abstract text(): string;
}
@injectable()
class DefaultGreeting extends Greeting {
  text() {
    return 'hello';
  }
}
@injectable()
class PoliteGreeting extends Greeting {
  text() {
    return 'good morning';
  }
}

describe('modules: definition, dependencies and what a runtime takes from them', () => {
  it('orders modules dependencies first, each once, and joins the dependencies of those given', () => {
    const a = defineDomainModule({ name: 'a', category: 'Testing' });
    const b = defineDomainModule({ name: 'b', category: 'Testing', dependsOn: [a] });
    const c = defineDomainModule({ name: 'c', category: 'Testing', dependsOn: [b, a] });
    expect(resolveModules([c]).map((m) => m.name)).to.deep.equal(['a', 'b', 'c']);
    expect(resolveModules([a, c, b]).map((m) => m.name)).to.deep.equal(['a', 'b', 'c']);
  });

  it('refuses a dependency circle and two different modules with one name, naming them', () => {
    const x: any = defineDomainModule({ name: 'x', category: 'Testing' });
    const y = defineDomainModule({ name: 'y', category: 'Testing', dependsOn: [x] });
    x.dependsOn.push(y);
    expect(() => resolveModules([x])).to.throw(ModuleGraphError, 'x → y → x');
    const twin = defineDomainModule({ name: 'billing', category: 'Billing' });
    expect(() => resolveModules([billingModule, twin])).to.throw(ModuleGraphError, 'Two different modules are named billing');
  });

  it('a runtime catalogues, migrates and emits exactly the modules it is given', async () => {
    const kit = await createTestKit({ modules: [ordersModule] });
    try {
      const types = kit.runtime.catalog().map((e) => e.eventType);
      expect(types).to.include('TEST_ORDER_PLACED');
      expect(types.filter((t) => t.startsWith('INVOICE_') || t.startsWith('TICKET_'))).to.deep.equal([]);
      expect(await kit.db.schema.hasTable('invoices')).to.equal(false);
      const err = await kit.runtime.emit('INVOICE_FINALIZED', {}).catch((e) => e);
      expect(err.code).to.equal('UNKNOWN_EVENT_TYPE');
    } finally {
      await kit.close();
    }
  });

  it("a module's `provides` replaces a port's default, dependency order deciding", async () => {
    const owner = declareDomainModule({ name: 'greeter', category: 'Testing' }).define({ provides: [{ token: Greeting, useClass: DefaultGreeting }] });
    const overrider = declareDomainModule({ name: 'polite', category: 'Testing' }).define({ dependsOn: [owner], provides: [{ token: Greeting, useClass: PoliteGreeting }] });
    const alone = await createTestKit({ modules: [owner] });
    const both = await createTestKit({ modules: [overrider] });
    try {
      expect(alone.runtime.container.resolve(Greeting as any)).to.be.instanceOf(DefaultGreeting);
      expect((both.runtime.container.resolve(Greeting as any) as Greeting).text()).to.equal('good morning');
    } finally {
      await alone.close();
      await both.close();
    }
    expect(port.provides).to.deep.equal([]);
  });

  it('createTestKit (and runtime.start) check the catalog first: a misspelled type fails at start, named', async () => {
    const typo = declareDomainModule({ name: 'typo', category: 'Testing' });
    @typo.event({ type: 'TYPO_THING_DONE', name: 'Thing Done', description: 'fixture' })
    class ThingDonePayload extends DomainPayload {
      @UuidField() thingId!: string;
    }
    @injectable()
    class ThingService {
      @EmitsEvent('TYPO_THING_DNOE' as any, (() => ({ thingId: 'x' })) as any)
      async act(): Promise<void> {}
    }
    const broken = typo.define({ services: [ThingService], events: [] });
    expect(ThingDonePayload.name).to.equal('ThingDonePayload');
    const err = await createTestKit({ modules: [broken] }).catch((e) => e);
    expect(err).to.be.instanceOf(CatalogConsistencyError);
    expect(err.message).to.contain('TYPO_THING_DNOE').and.contain('ThingService.act').and.contain('TYPO_THING_DONE');
  });

  it('every MSP module declares the tables it owns', () => {
    for (const m of [ticketsModule, billingModule]) expect(m.tables.length, m.name).to.be.greaterThan(0);
  });
});
