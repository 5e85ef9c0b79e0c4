import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ProjectPhaseNotFoundError, ProjectTaskInputError, ProjectTaskNotFoundError, ProjectTaskStateError } from '../../../domains/projects';
import { StaffActorRequiredError } from '../../../lib/kit';
import { forEachDatabase } from '../../support/databases';
import { ProjectOffice } from './project-office';

forEachDatabase('projects: tasks', (target) => {
  let office: ProjectOffice;
  beforeEach(async () => (office = await ProjectOffice.create(target)));
  afterEach(() => office.close());

  const at = (iso: string) => ({ clock: () => new Date(iso) });

  it('create adds a todo task in a phase and emits PROJECT_TASK_CREATED', async () => {
    const project = await office.activeProject();
    const phase = await office.run(() => office.phases.addPhase(project.id, 'Discovery'));
    const task = await office.run(() => office.tasks.create(project.id, { title: ' Inventory the server room ', phaseId: phase.id, dueDate: '2026-04-10' }), at('2026-04-01T08:30:00Z'));
    expect(task).to.include({ projectId: project.id, phaseId: phase.id, title: 'Inventory the server room', status: 'todo', dueDate: '2026-04-10', blocked: false });
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_CREATED').withPayload({
      taskId: task.id,
      projectId: project.id,
      createdByUserId: office.kit.actorUserId,
      createdAt: '2026-04-01T08:30:00.000Z',
      title: 'Inventory the server room',
      dueDate: '2026-04-10',
      status: 'todo',
    }).times(1);
    expect(office.kit.events.ofType('PROJECT_TASK_ASSIGNED')).to.be.empty;
  });

  it('a task needs no phase; one created with an assignee also emits PROJECT_TASK_ASSIGNED', async () => {
    const project = await office.activeProject();
    const teamId = uuidv4();
    const task = await office.run(() => office.tasks.create(project.id, { title: 'Order parts', assignee: { id: teamId, type: 'team' } }), at('2026-04-01T09:00:00Z'));
    expect(task.phaseId).to.equal(undefined);
    expect(task.assignee).to.deep.equal({ id: teamId, type: 'team' });
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_ASSIGNED').withPayload({
      taskId: task.id,
      projectId: project.id,
      assignedToId: teamId,
      assignedToType: 'team',
      assignedByUserId: office.kit.actorUserId,
      assignedAt: '2026-04-01T09:00:00.000Z',
    }).times(1);
    expect(office.kit.events).to.have.emittedInOrder(['PROJECT_TASK_CREATED', 'PROJECT_TASK_ASSIGNED']);
    const created = office.kit.events.ofType('PROJECT_TASK_CREATED')[0].payload;
    expect(created).to.not.have.property('dueDate');
  });

  it('phases are ordered and unique by name within a project; a task takes only a phase of its own project', async () => {
    const project = await office.activeProject();
    const other = await office.activeProject('Other');
    const discovery = await office.run(() => office.phases.addPhase(project.id, 'Discovery'));
    const build = await office.run(() => office.phases.addPhase(project.id, 'Build'));
    expect([discovery.order, build.order]).to.deep.equal([1, 2]);
    expect((await office.refusal(() => office.phases.addPhase(project.id, 'discovery'))).field).to.equal('name');
    const foreign = await office.run(() => office.phases.addPhase(other.id, 'Discovery'));
    const err = await office.refusal(() => office.tasks.create(project.id, { title: 'Misplaced', phaseId: foreign.id }));
    expect(err).to.be.instanceOf(ProjectTaskInputError).with.property('field', 'phaseId');
    expect(await office.refusal(() => office.tasks.create(project.id, { title: 'Lost', phaseId: uuidv4() }))).to.be.instanceOf(ProjectPhaseNotFoundError);
    expect((await office.run(() => office.phases.phases(project.id))).map((p) => p.name)).to.deep.equal(['Discovery', 'Build']);
  });

  it('bad task input is refused naming the field; nothing is written or emitted', async () => {
    const project = await office.activeProject();
    office.kit.events.clear();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'title'],
      [{ title: 'X', dueDate: '10/04/2026' }, 'dueDate'],
      [{ title: 'X', phaseId: 'phase-1' }, 'phaseId'],
      [{ title: 'X', assignee: { id: uuidv4(), type: 'contact' } }, 'assignee.type'],
      [{ title: 'X', assignee: { id: 'bob', type: 'user' } }, 'assignee.id'],
    ];
    for (const [input, field] of cases) {
      const err = await office.refusal(() => office.tasks.create(project.id, input as any));
      expect(err, field).to.be.instanceOf(ProjectTaskInputError);
      expect(err.field).to.equal(field);
    }
    expect(await office.refusal(() => office.tasks.changeStatus(uuidv4(), 'done'))).to.be.instanceOf(ProjectTaskNotFoundError);
    expect(await office.kit.db('project_tasks')).to.be.empty;
    expect(office.kit.events.all).to.be.empty;
  });

  it('assign hands the task over (previous and new assignee in the result); the same assignee again emits nothing', async () => {
    const project = await office.activeProject();
    const first = { id: uuidv4(), type: 'user' as const };
    const second = { id: uuidv4(), type: 'team' as const };
    const task = await office.task(project, { title: 'Configure VLANs', assignee: first });
    office.kit.events.clear();
    const handed = await office.run(() => office.tasks.assign(task.id, second), at('2026-04-02T14:00:00Z'));
    expect(handed).to.deep.include({ previous: first, assigned: true });
    expect(handed.task.assignee).to.deep.equal(second);
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_ASSIGNED').withPayload({
      taskId: task.id,
      projectId: project.id,
      assignedToId: second.id,
      assignedToType: 'team',
      assignedByUserId: office.kit.actorUserId,
      assignedAt: '2026-04-02T14:00:00.000Z',
    }).times(1);
    const again = await office.run(() => office.tasks.assign(task.id, { ...second }));
    expect(again.assigned).to.equal(false);
    expect(office.kit.events.ofType('PROJECT_TASK_ASSIGNED')).to.have.length(1);
  });

  it('assigning a done or canceled task is refused', async () => {
    const project = await office.activeProject();
    const [task] = await office.taskList(project, 'Label cables');
    await office.complete(task);
    const err = await office.refusal(() => office.tasks.assign(task.id, { id: uuidv4(), type: 'user' }));
    expect(err).to.be.instanceOf(ProjectTaskStateError);
    expect(err.message).to.equal(`Cannot assign task ${task.id}: it is done`);
  });

  it('status changes emit PROJECT_TASK_STATUS_CHANGED; reaching done also emits PROJECT_TASK_COMPLETED', async () => {
    const project = await office.activeProject();
    const [task] = await office.taskList(project, 'Migrate mailboxes');
    office.kit.events.clear();
    await office.run(() => office.tasks.changeStatus(task.id, 'in_progress'), at('2026-04-03T09:00:00Z'));
    await office.run(() => office.tasks.changeStatus(task.id, 'in_review'), at('2026-04-03T15:00:00Z'));
    expect(office.kit.events.ofType('PROJECT_TASK_COMPLETED')).to.be.empty;
    const done = await office.run(() => office.tasks.complete(task.id), at('2026-04-04T10:00:00Z'));
    expect(done.task).to.include({ status: 'done', completedByUserId: office.kit.actorUserId });
    expect(done.task.completedAt!.toISOString()).to.equal('2026-04-04T10:00:00.000Z');
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_STATUS_CHANGED').withPayload({
      taskId: task.id,
      projectId: project.id,
      previousStatus: 'in_review',
      newStatus: 'done',
      actorUserId: office.kit.actorUserId,
      changedAt: '2026-04-04T10:00:00.000Z',
    }).times(1);
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_COMPLETED').withPayload({
      taskId: task.id,
      projectId: project.id,
      completedByUserId: office.kit.actorUserId,
      completedAt: '2026-04-04T10:00:00.000Z',
    }).times(1);
    expect(office.kit.events.all.map((e) => e.eventType)).to.deep.equal([
      'PROJECT_TASK_STATUS_CHANGED',
      'PROJECT_TASK_STATUS_CHANGED',
      'PROJECT_TASK_STATUS_CHANGED',
      'PROJECT_TASK_COMPLETED',
    ]);
  });

  it('the same status again emits nothing; done → canceled is no completion; reopened and done again completes again', async () => {
    const project = await office.activeProject();
    const [task] = await office.taskList(project, 'Migrate mailboxes');
    await office.complete(task);
    office.kit.events.clear();
    await office.complete(task);
    expect(office.kit.events.all).to.be.empty;
    await office.run(() => office.tasks.changeStatus(task.id, 'canceled'));
    expect(office.kit.events.all.map((e) => e.eventType)).to.deep.equal(['PROJECT_TASK_STATUS_CHANGED']);
    const reopened = await office.reopen(task);
    expect(reopened.task).to.include({ status: 'todo', completedAt: undefined, completedByUserId: undefined });
    await office.complete(task);
    expect(office.kit.events.ofType('PROJECT_TASK_COMPLETED')).to.have.length(1);
    const bad = await office.refusal(() => office.tasks.changeStatus(task.id, 'finished' as any));
    expect(bad).to.be.instanceOf(ProjectTaskInputError).with.property('field', 'status');
  });

  it('task actions are staff-only', async () => {
    const project = await office.activeProject();
    const contact = { actorUserId: undefined, actorContactId: uuidv4(), actorType: 'CONTACT' as const };
    expect(await office.refusal(() => office.tasks.create(project.id, { title: 'From the portal' }), contact)).to.be.instanceOf(StaffActorRequiredError);
  });

  it('two concurrent assignments of the same assignee emit one PROJECT_TASK_ASSIGNED', async () => {
    const project = await office.activeProject();
    const [task] = await office.taskList(project, 'Configure VLANs');
    const to = { id: uuidv4(), type: 'user' as const };
    const results = await Promise.all([1, 2].map(() => office.run(() => office.tasks.assign(task.id, to))));
    expect(results.map((r) => r.assigned).sort()).to.deep.equal([false, true]);
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_ASSIGNED').withPayload({ taskId: task.id, assignedToId: to.id }).times(1);
  });

  it('a completion reaches the worker through the outbox and bus', async () => {
    const project = await office.activeProject();
    const [task] = await office.taskList(project, 'Decommission the old NAS');
    const arrived = await office.kit
      .scenario(() => office.tasks.complete(task.id))
      .expect('PROJECT_TASK_COMPLETED')
      .matching((p) => p.taskId === task.id)
      .toArrive();
    const row = await office.kit.db('workflow_runtime_events').where({ event_id: arrived.id }).first();
    expect(row.status).to.equal('processed');
    expect(row.payload_schema_ref).to.equal('payload.ProjectTaskCompleted.v1');
  });
});
