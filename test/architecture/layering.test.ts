import { expect } from 'chai';
import { importCircles, importEdges, layeringViolations } from './import-graph';

describe('architecture: layers point downward (decorators → lib → domains → src)', () => {
  it('the code base breaks no arrow', () => {
    const edges = importEdges();
    expect(edges.length).to.be.greaterThan(200);
    expect(layeringViolations(edges)).to.deep.equal([]);
  });

  it('names each kind of broken arrow', () => {
    const violations = layeringViolations([
      { from: 'lib/runtime/event-runtime', to: 'domains/billing' },
      { from: 'lib/outbox/relay', to: 'src/config' },
      { from: 'decorators/fields', to: 'lib/uow/database' },
      { from: 'domains/crm/client-service', to: 'lib/uow/unit-of-work' },
      { from: 'domains/crm/client-service', to: 'decorators' },
      { from: 'domains/crm/merge-service', to: 'domains/tickets/ticket-repository' },
      { from: 'domains/billing/index', to: 'src/app' },
    ]);
    expect(violations).to.have.length(7);
    expect(violations[0]).to.contain('lib/ may not import domains/');
    expect(violations[1]).to.contain('lib/ may not import src/');
    expect(violations[2]).to.contain('decorators/ may not import lib/');
    expect(violations[3]).to.contain('only through lib/kit');
    expect(violations[4]).to.contain('only through lib/kit');
    expect(violations[5]).to.contain('only through its public index (domains/tickets)');
    expect(violations[6]).to.contain('domains/ may not import src/');
  });

  it('allows what the design allows', () => {
    expect(
      layeringViolations([
        { from: 'lib/kit/index', to: 'decorators' },
        { from: 'domains/crm/merge-service', to: 'domains/tickets' },
        { from: 'domains/crm/merge-service', to: 'domains/crm/client-service' },
        { from: 'domains/crm/client-service', to: 'lib/kit' },
        { from: 'src/app', to: 'domains' },
        { from: 'src/app', to: 'lib/runtime/event-runtime' },
      ]),
    ).to.deep.equal([]);
  });

  it('no import circles inside the domains (mappers read types, never their services)', () => {
    expect(importCircles(importEdges()).map((c) => c.join(' → '))).to.deep.equal([]);
  });

  it('finds a circle when there is one', () => {
    const edges = [
      { from: 'domains/x/a-service', to: 'domains/x/a-mappers' },
      { from: 'domains/x/a-mappers', to: 'domains/x/a-service' },
      { from: 'domains/x/b', to: 'domains/x/a-service' },
    ];
    expect(importCircles(edges)).to.deep.equal([['domains/x/a-service', 'domains/x/a-mappers', 'domains/x/a-service']]);
  });
});
