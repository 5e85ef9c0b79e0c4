import { expect } from 'chai';
import sinon from 'sinon';
import { Task, TaskDependencyCycleError } from '../../../domains/projects';
import { TaskBlocking } from '../../../domains/projects/dependencies/task-blocking';
import { forEachDatabase } from '../../support/databases';
import { ProjectOffice } from './project-office';

/**
 * A meeting point for `parties` concurrent actions: each waits until all have arrived, or until
 * `timeoutMs` passed (when a lock keeps the others from getting there, which is the point).
 */
function rendezvous(parties: number, timeoutMs = 10_000): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const allThere = new Promise<void>((r) => (release = r));
  return async () => {
    if (++arrived === parties) release();
    await Promise.race([allThere, new Promise((r) => setTimeout(r, timeoutMs))]);
  };
}

/**
 * Holds every reconcile caused by one of `causes` until all of them have reached it, so on
 * PostgreSQL each action has written its own task before any of them looks at the dependent: the
 * interleaving that loses or doubles an event when the dependent's row is not locked.
 */
function meetBeforeReconcile(causes: string[]): void {
  const original = TaskBlocking.prototype.reconcile;
  const meet = rendezvous(causes.length);
  sinon.stub(TaskBlocking.prototype, 'reconcile').callsFake(async function (this: TaskBlocking, taskIds: string[], cause: string, at: Date) {
    if (causes.includes(cause)) await meet();
    return original.call(this, taskIds, cause, at);
  });
}

forEachDatabase('projects: concurrent dependency changes', (target) => {
  let office: ProjectOffice;
  beforeEach(async () => (office = await ProjectOffice.create(target)));
  afterEach(async () => {
    sinon.restore();
    await office.close();
  });

  const unblocked = (task: Task) => office.kit.events.ofType('PROJECT_TASK_DEPENDENCY_UNBLOCKED').filter((e) => e.payload.taskId === task.id);
  const blocked = (task: Task) => office.kit.events.ofType('PROJECT_TASK_DEPENDENCY_BLOCKED').filter((e) => e.payload.taskId === task.id);

  /** Two predecessors and the task that waits for both. */
  async function join() {
    const project = await office.activeProject();
    const [left, right, cutOver] = await office.taskList(project, 'Migrate email', 'Migrate files', 'Cut over');
    await office.dependsOn(cutOver, left, right);
    return { left, right, cutOver };
  }

  it('two predecessors completed at the same moment unblock their successor exactly once', async () => {
    const { left, right, cutOver } = await join();
    // SQLite runs one transaction at a time, so only PostgreSQL can interleave the two.
    if (target.name === 'postgres') meetBeforeReconcile([left.id, right.id]);
    await Promise.all([office.complete(left), office.complete(right)]);
    expect(unblocked(cutOver)).to.have.length(1);
    expect([left.id, right.id]).to.include(unblocked(cutOver)[0].payload.unblockedByTaskId);
    expect(await office.blocked(cutOver)).to.equal(false);
  });

  it('two predecessors reopened at the same moment block their successor exactly once', async () => {
    const { left, right, cutOver } = await join();
    await office.complete(left);
    await office.complete(right);
    office.kit.events.clear();
    if (target.name === 'postgres') meetBeforeReconcile([left.id, right.id]);
    await Promise.all([office.reopen(left), office.reopen(right)]);
    expect(blocked(cutOver)).to.have.length(1);
    expect(await office.blocked(cutOver)).to.equal(true);
  });

  it('one predecessor completing while the other reopens leaves the successor blocked, with the events telling it in order', async () => {
    const { left, right, cutOver } = await join();
    await office.complete(right);
    office.kit.events.clear();
    if (target.name === 'postgres') meetBeforeReconcile([left.id, right.id]);
    await Promise.all([office.complete(left), office.reopen(right)]);
    expect(await office.blocked(cutOver)).to.equal(true);
    // Either nothing changed for the successor (the reopen went first), or it was unblocked and blocked again.
    const story = office.kit.events.all.filter((e) => e.eventType.startsWith('PROJECT_TASK_DEPENDENCY_')).map((e) => e.eventType);
    expect([[], ['PROJECT_TASK_DEPENDENCY_UNBLOCKED', 'PROJECT_TASK_DEPENDENCY_BLOCKED']]).to.deep.include(story);
  });

  it('completions racing across many diamonds unblock each join exactly once', async () => {
    const project = await office.activeProject();
    const rounds = await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        const [a, b, joinTask] = await office.taskList(project, `Left ${n}`, `Right ${n}`, `Join ${n}`);
        return { a, b, joinTask };
      }),
    );
    for (const { a, b, joinTask } of rounds) await office.dependsOn(joinTask, a, b);
    await Promise.all(rounds.flatMap(({ a, b }) => [office.complete(a), office.complete(b)]));
    for (const { joinTask } of rounds) {
      expect(unblocked(joinTask), joinTask.title).to.have.length(1);
      expect(await office.blocked(joinTask)).to.equal(false);
    }
  });

  it('two dependencies that together would close a cycle: one is added, the other refused naming the cycle', async () => {
    const project = await office.activeProject();
    const [a, b] = await office.taskList(project, 'Survey', 'Design');
    const results = await Promise.allSettled([office.run(() => office.dependencies.add(a.id, b.id)), office.run(() => office.dependencies.add(b.id, a.id))]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(refused.reason).to.be.instanceOf(TaskDependencyCycleError);
    expect(await office.kit.db('project_task_dependencies')).to.have.length(1);
    expect(office.kit.events.ofType('PROJECT_TASK_DEPENDENCY_BLOCKED')).to.have.length(1);
  });

  it('a dependency added while its predecessor completes never leaves the successor blocked by a done task', async () => {
    const project = await office.activeProject();
    const [order, install] = await office.taskList(project, 'Order', 'Install');
    if (target.name === 'postgres') {
      // Held where, were the two not serialised (project lock, and the predecessor row the new
      // dependency's foreign key locks), the completion would miss the new dependency and the
      // addition would still see the predecessor open.
      const meet = rendezvous(2, 1000);
      const { reconcile, afterStatusMove } = TaskBlocking.prototype;
      sinon.stub(TaskBlocking.prototype, 'reconcile').callsFake(async function (this: TaskBlocking, ids: string[], cause: string, at: Date) {
        if (ids.length === 1 && ids[0] === install.id) await meet();
        return reconcile.call(this, ids, cause, at);
      });
      sinon.stub(TaskBlocking.prototype, 'afterStatusMove').callsFake(async function (this: TaskBlocking, task: Task, previous, at: Date) {
        await meet();
        return afterStatusMove.call(this, task, previous, at);
      });
    }
    await Promise.all([office.run(() => office.dependencies.add(order.id, install.id)), office.complete(order)]);
    expect(await office.blocked(install)).to.equal(false);
    expect(blocked(install).length).to.equal(unblocked(install).length);
  });
});
