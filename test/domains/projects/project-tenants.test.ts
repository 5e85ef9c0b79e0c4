import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ProjectNotFoundError, projectsModule, ProjectTaskNotFoundError } from '../../../domains/projects';
import { forEachDatabase } from '../../support/databases';
import { unscopedQueries } from '../unscoped-queries';
import { ProjectOffice } from './project-office';

forEachDatabase("projects: one tenant cannot reach another tenant's projects, tasks or dependencies", (target) => {
  let office: ProjectOffice;
  beforeEach(async () => (office = await ProjectOffice.create(target)));
  afterEach(() => office.close());

  /** Tenant A's project through every action: phases, tasks, assignments, dependencies, completions, a forced close. */
  async function tenantAWorks() {
    const project = await office.activeProject();
    const phase = await office.run(() => office.phases.addPhase(project.id, 'Build'));
    const [a, b, c] = await office.taskList(project, 'Survey', 'Design', 'Build');
    const d = await office.task(project, { title: 'Hand over', phaseId: phase.id, assignee: { id: uuidv4(), type: 'user' } });
    await office.dependsOn(b, a);
    await office.dependsOn(c, b);
    await office.run(() => office.dependencies.add(a.id, d.id));
    await office.run(() => office.dependencies.remove(a.id, d.id));
    await office.run(() => office.tasks.assign(b.id, { id: uuidv4(), type: 'team' }));
    await office.complete(a);
    await office.reopen(a);
    await office.complete(a);
    await office.run(() => office.projects.update(project.id, { name: 'Office move (phase 2)' }));
    await office.run(() => office.tasks.ofProject(project.id));
    await office.run(() => office.dependencies.ofProject(project.id));
    const other = await office.activeProject('Other');
    await office.taskList(other, 'Left open');
    await office.run(() => office.projects.changeStatus(other.id, 'completed', { force: true }));
    return { project, phase, a, b };
  }

  const snapshot = async () =>
    Object.fromEntries(await Promise.all(projectsModule.tables.map(async (t) => [t, (await office.kit.db(t)).map((r) => JSON.stringify(r)).sort()])));

  it('every statement the services send is scoped by tenant', async () => {
    expect(await unscopedQueries(office.kit.db, tenantAWorks)).to.deep.equal([]);
  });

  it("tenant B gets not-found for tenant A's ids, and A's rows stay as they were with no event", async () => {
    const { project, phase, a, b } = await tenantAWorks();
    await office.kit.settle();
    const before = await snapshot();
    office.kit.events.clear();
    const { projects, phases, tasks, dependencies } = office;
    const attempts: Array<[string, () => Promise<unknown>, Function]> = [
      ['ProjectService.get', () => projects.get(project.id), ProjectNotFoundError],
      ['ProjectService.update', () => projects.update(project.id, { name: 'Hijacked' }), ProjectNotFoundError],
      ['ProjectService.changeStatus', () => projects.changeStatus(project.id, 'canceled'), ProjectNotFoundError],
      ['PhaseService.addPhase', () => phases.addPhase(project.id, 'Mine'), ProjectNotFoundError],
      ['TaskService.create', () => tasks.create(project.id, { title: 'Mine', phaseId: phase.id }), ProjectNotFoundError],
      ['TaskService.assign', () => tasks.assign(b.id, { id: uuidv4(), type: 'user' }), ProjectTaskNotFoundError],
      ['TaskService.changeStatus', () => tasks.changeStatus(a.id, 'todo'), ProjectTaskNotFoundError],
      ['TaskService.ofProject', () => tasks.ofProject(project.id), ProjectNotFoundError],
      ['DependencyService.add', () => dependencies.add(b.id, a.id), ProjectTaskNotFoundError],
      ['DependencyService.remove', () => dependencies.remove(a.id, b.id), ProjectTaskNotFoundError],
      ['DependencyService.ofProject', () => dependencies.ofProject(project.id), ProjectNotFoundError],
    ];
    const tenantB = { tenantId: uuidv4() };
    for (const [name, attempt, notFound] of attempts) {
      const err = await office.run(attempt, tenantB).then(() => new Error(`${name} succeeded for tenant B`), (e) => e);
      expect(err, name).to.be.instanceOf(notFound);
    }
    await office.kit.settle();
    expect(await snapshot()).to.deep.equal(before);
    expect(office.kit.events.all).to.be.empty;
  });
});
