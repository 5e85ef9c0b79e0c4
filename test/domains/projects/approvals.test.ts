import { expect } from 'chai';
import { projectsModule } from '../../../domains/projects';

describe('projects: approvals are catalog-only', () => {
  const approvals = ['PROJECT_APPROVAL_REQUESTED', 'PROJECT_APPROVAL_GRANTED', 'PROJECT_APPROVAL_REJECTED'];

  it('each is catalogued with its rationale, and nothing emits it', () => {
    const defs = projectsModule.events().filter((d) => approvals.includes(d.type));
    expect(defs.map((d) => d.type).sort()).to.deep.equal([...approvals].sort());
    for (const def of defs) {
      expect(def.status, def.type).to.equal('catalog-only');
      expect(def.rationale, def.type).to.match(/no approval subsystem/);
    }
    expect(projectsModule.emitters().map((e) => e.eventType)).to.not.include.members(approvals);
  });

  it('every other projects event has an emitter', () => {
    const emitted = new Set(projectsModule.emitters().map((e) => e.eventType));
    const others = projectsModule.events().filter((d) => !approvals.includes(d.type));
    expect(others).to.have.length(9);
    for (const def of others) expect(emitted.has(def.type), def.type).to.equal(true);
  });
});
