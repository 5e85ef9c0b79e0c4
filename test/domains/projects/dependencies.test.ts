import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import {
  ProjectClosedError,
  ProjectTaskBlockedError,
  TaskDependencyCycleError,
  TaskDependencyInputError,
  TaskDependencyNotFoundError,
} from '../../../domains/projects';
import { forEachDatabase } from '../../support/databases';
import { ProjectOffice } from './project-office';

forEachDatabase('projects: finish-to-start dependencies', (target) => {
  let office: ProjectOffice;
  beforeEach(async () => (office = await ProjectOffice.create(target)));
  afterEach(() => office.close());

  const at = (iso: string) => ({ clock: () => new Date(iso) });
  const blockedEvents = () => office.kit.events.ofType('PROJECT_TASK_DEPENDENCY_BLOCKED').map((e) => [e.payload.taskId, e.payload.blockedByTaskId]);
  const unblockedEvents = () => office.kit.events.ofType('PROJECT_TASK_DEPENDENCY_UNBLOCKED').map((e) => [e.payload.taskId, e.payload.unblockedByTaskId]);

  it('a dependency on an open predecessor blocks the successor: PROJECT_TASK_DEPENDENCY_BLOCKED', async () => {
    const project = await office.activeProject();
    const [order, install] = await office.taskList(project, 'Order the firewall', 'Install the firewall');
    const change = await office.run(() => office.dependencies.add(order.id, install.id), at('2026-05-01T09:00:00Z'));
    expect(change.changed).to.equal(true);
    expect(change.dependency).to.include({ projectId: project.id, predecessorTaskId: order.id, successorTaskId: install.id, createdByUserId: office.kit.actorUserId });
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_DEPENDENCY_BLOCKED').withPayload({
      taskId: install.id,
      projectId: project.id,
      blockedByTaskId: order.id,
      blockedAt: '2026-05-01T09:00:00.000Z',
      actorUserId: office.kit.actorUserId,
    }).times(1);
    expect(await office.blocked(install)).to.equal(true);
    expect(await office.blocked(order)).to.equal(false);
  });

  it('completing the predecessor unblocks the successor: PROJECT_TASK_DEPENDENCY_UNBLOCKED beside the completion', async () => {
    const project = await office.activeProject();
    const [order, install] = await office.taskList(project, 'Order the firewall', 'Install the firewall');
    await office.dependsOn(install, order);
    office.kit.events.clear();
    const result = await office.run(() => office.tasks.complete(order.id), at('2026-05-02T16:00:00Z'));
    expect(result.blocking).to.deep.include({ taskId: install.id, projectId: project.id, blocked: false, byTaskId: order.id, openPredecessorIds: [], at: new Date('2026-05-02T16:00:00Z') });
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_DEPENDENCY_UNBLOCKED').withPayload({
      taskId: install.id,
      projectId: project.id,
      unblockedByTaskId: order.id,
      unblockedAt: '2026-05-02T16:00:00.000Z',
    }).times(1);
    expect(office.kit.events.all.map((e) => e.eventType)).to.deep.equal(['PROJECT_TASK_STATUS_CHANGED', 'PROJECT_TASK_COMPLETED', 'PROJECT_TASK_DEPENDENCY_UNBLOCKED']);
    expect(await office.blocked(install)).to.equal(false);
  });

  it('a blocked task cannot start, go to review or be done, naming its open predecessors; it may be canceled', async () => {
    const project = await office.activeProject();
    const [order, cable, install] = await office.taskList(project, 'Order the firewall', 'Run the cable', 'Install the firewall');
    await office.dependsOn(install, order, cable);
    office.kit.events.clear();
    for (const status of ['in_progress', 'in_review', 'done'] as const) {
      const err = await office.refusal(() => office.tasks.changeStatus(install.id, status));
      expect(err).to.be.instanceOf(ProjectTaskBlockedError);
      expect(err.blockedByTaskIds).to.deep.equal([order.id, cable.id]);
      expect(err.message).to.equal(
        `Task "Install the firewall" (${install.id}) cannot move to ${status}: it waits for unfinished predecessor(s) "Order the firewall" (${order.id}), "Run the cable" (${cable.id})`,
      );
    }
    expect(office.kit.events.all).to.be.empty;
    await office.run(() => office.tasks.changeStatus(install.id, 'canceled'));
    // Canceling the blocked task itself is no dependency clearing: no UNBLOCKED.
    expect(unblockedEvents()).to.deep.equal([]);
    expect(await office.blocked(install)).to.equal(false);
  });

  it('a chain unblocks one link at a time, each exactly once', async () => {
    const project = await office.activeProject();
    const [a, b, c, d] = await office.taskList(project, 'Survey', 'Design', 'Build', 'Hand over');
    await office.dependsOn(b, a);
    await office.dependsOn(c, b);
    await office.dependsOn(d, c);
    expect(blockedEvents()).to.deep.equal([[b.id, a.id], [c.id, b.id], [d.id, c.id]]);
    for (const task of [a, b, c]) await office.complete(task);
    expect(unblockedEvents()).to.deep.equal([[b.id, a.id], [c.id, b.id], [d.id, c.id]]);
    await office.complete(d);
    expect(unblockedEvents()).to.have.length(3);
  });

  it('a diamond: the join task is blocked once, and unblocked once, by the last of its two predecessors', async () => {
    const project = await office.activeProject();
    const [start, left, right, join] = await office.taskList(project, 'Kick-off', 'Migrate email', 'Migrate files', 'Cut over');
    await office.dependsOn(left, start);
    await office.dependsOn(right, start);
    await office.dependsOn(join, left, right);
    expect(blockedEvents()).to.deep.equal([[left.id, start.id], [right.id, start.id], [join.id, left.id]]);
    await office.complete(start);
    // One completion unblocks both branches (in lock order, by task id).
    expect(unblockedEvents()).to.have.deep.members([[left.id, start.id], [right.id, start.id]]);
    await office.complete(left);
    expect(unblockedEvents()).to.have.length(2);
    await office.complete(right);
    expect(unblockedEvents().slice(2)).to.deep.equal([[join.id, right.id]]);
  });

  it('reopening a predecessor blocks its open dependents again; a done dependent is not blocked', async () => {
    const project = await office.activeProject();
    const [order, install, label] = await office.taskList(project, 'Order the firewall', 'Install the firewall', 'Label the rack');
    await office.dependsOn(install, order);
    await office.dependsOn(label, order);
    await office.complete(order);
    await office.complete(label);
    office.kit.events.clear();
    const result = await office.run(() => office.tasks.changeStatus(order.id, 'in_progress'), at('2026-05-03T08:00:00Z'));
    expect(result.blocking.map((b) => [b.taskId, b.blocked])).to.deep.equal([[install.id, true]]);
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_DEPENDENCY_BLOCKED').withPayload({
      taskId: install.id,
      projectId: project.id,
      blockedByTaskId: order.id,
      blockedAt: '2026-05-03T08:00:00.000Z',
    }).times(1);
    expect(blockedEvents()).to.have.length(1);
    // The done dependent reopened while its predecessor is open is blocked again, by that predecessor.
    await office.reopen(label);
    expect(blockedEvents()).to.deep.equal([[install.id, order.id], [label.id, order.id]]);
  });

  it('a task already blocked that gains another open predecessor emits nothing more; removing one that leaves another open emits nothing', async () => {
    const project = await office.activeProject();
    const [order, cable, install] = await office.taskList(project, 'Order', 'Cable', 'Install');
    await office.dependsOn(install, order);
    await office.dependsOn(install, cable);
    expect(blockedEvents()).to.deep.equal([[install.id, order.id]]);
    await office.run(() => office.dependencies.remove(order.id, install.id));
    expect(unblockedEvents()).to.deep.equal([]);
    expect(await office.blocked(install)).to.equal(true);
    const removed = await office.run(() => office.dependencies.remove(cable.id, install.id), at('2026-05-04T10:00:00Z'));
    expect(removed.changed).to.equal(true);
    expect(office.kit.events).to.have.emitted('PROJECT_TASK_DEPENDENCY_UNBLOCKED').withPayload({
      taskId: install.id,
      unblockedByTaskId: cable.id,
      unblockedAt: '2026-05-04T10:00:00.000Z',
    }).times(1);
    expect(await office.run(() => office.dependencies.ofProject(project.id))).to.be.empty;
    expect(await office.refusal(() => office.dependencies.remove(cable.id, install.id))).to.be.instanceOf(TaskDependencyNotFoundError);
  });

  it('canceling a predecessor unblocks too (it will never finish), and a dependency on a closed predecessor blocks nothing', async () => {
    const project = await office.activeProject();
    const [order, install, test] = await office.taskList(project, 'Order', 'Install', 'Test');
    await office.dependsOn(install, order);
    await office.run(() => office.tasks.changeStatus(order.id, 'canceled'));
    expect(unblockedEvents()).to.deep.equal([[install.id, order.id]]);
    office.kit.events.clear();
    await office.dependsOn(test, order);
    expect(office.kit.events.all).to.be.empty;
    expect(await office.blocked(test)).to.equal(false);
  });

  it('a dependency that would close a cycle is refused, naming the cycle; nothing is written or emitted', async () => {
    const project = await office.activeProject();
    const [a, b, c] = await office.taskList(project, 'Survey', 'Design', 'Build');
    await office.dependsOn(b, a);
    await office.dependsOn(c, b);
    office.kit.events.clear();
    const err = await office.refusal(() => office.dependencies.add(c.id, a.id));
    expect(err).to.be.instanceOf(TaskDependencyCycleError);
    expect(err.code).to.equal('PROJECT_TASK_DEPENDENCY_CYCLE');
    expect(err.cycle).to.deep.equal([c.id, a.id, b.id, c.id]);
    expect(err.message).to.contain(`"Build" (${c.id}) → "Survey" (${a.id}) → "Design" (${b.id}) → "Build" (${c.id})`);
    expect(await office.kit.db('project_task_dependencies')).to.have.length(2);
    expect(office.kit.events.all).to.be.empty;
    expect(await office.blocked(a)).to.equal(false);
  });

  it('a task on itself, tasks of two projects and unknown tasks are refused; a dependency added twice changes nothing', async () => {
    const project = await office.activeProject();
    const other = await office.activeProject('Other');
    const [a, b] = await office.taskList(project, 'Survey', 'Design');
    const [elsewhere] = await office.taskList(other, 'Elsewhere');
    expect(await office.refusal(() => office.dependencies.add(a.id, a.id))).to.be.instanceOf(TaskDependencyInputError).with.property('field', 'predecessorTaskId');
    const cross = await office.refusal(() => office.dependencies.add(elsewhere.id, a.id));
    expect(cross).to.be.instanceOf(TaskDependencyInputError);
    expect(cross.message).to.contain(project.id);
    expect((await office.refusal(() => office.dependencies.add(uuidv4(), a.id))).code).to.equal('PROJECT_TASK_NOT_FOUND');
    await office.dependsOn(b, a);
    office.kit.events.clear();
    const again = await office.run(() => office.dependencies.add(a.id.toUpperCase(), b.id));
    expect(again.changed).to.equal(false);
    expect(office.kit.events.all).to.be.empty;
  });

  it('the dependencies of a completed project cannot change', async () => {
    const project = await office.activeProject();
    const [a, b] = await office.taskList(project, 'Survey', 'Design');
    await office.run(() => office.projects.changeStatus(project.id, 'completed', { force: true }));
    expect(await office.refusal(() => office.dependencies.add(a.id, b.id))).to.be.instanceOf(ProjectClosedError);
  });

  it('an unblocking reaches the worker through the outbox and bus', async () => {
    const project = await office.activeProject();
    const [order, install] = await office.taskList(project, 'Order', 'Install');
    await office.dependsOn(install, order);
    const arrived = await office.kit
      .scenario(() => office.tasks.complete(order.id))
      .expect('PROJECT_TASK_DEPENDENCY_UNBLOCKED')
      .matching((p) => p.taskId === install.id && p.unblockedByTaskId === order.id)
      .toArrive();
    expect(arrived.schemaRef).to.equal('payload.ProjectTaskDependencyUnblocked.v1');
  });
});
