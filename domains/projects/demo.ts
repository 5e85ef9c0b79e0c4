import { v4 as uuidv4 } from 'uuid';
import { DemoStory } from '../../lib/kit';
import { DependencyService } from './dependencies/dependency-service';
import { PhaseService } from './projects/phase-service';
import { ProjectService } from './projects/project-service';
import { ProjectTaskBlockedError } from './tasks/task-errors';
import { TaskService } from './tasks/task-service';

/**
 * A new client's onboarding: documentation and a workstation audit (in parallel), then the RMM
 * rollout that needs both, then backups, then the hand-over. Each task unblocks the next as it
 * completes; the rollout waits for the second of its two predecessors.
 */
export const projectsDemo: DemoStory = {
  title: 'Projects: onboarding a new client, task by task',
  async run(demo) {
    const projects = demo.resolve(ProjectService);
    const phases = demo.resolve(PhaseService);
    const tasks = demo.resolve(TaskService);
    const dependencies = demo.resolve(DependencyService);
    const engineer = { id: demo.actorUserId, type: 'user' as const };

    demo.say('A new client signs: the onboarding project is planned in two phases.');
    const project = await projects.create({ clientId: uuidv4(), name: 'Onboarding: Northwind Dental', startDate: '2026-03-02', dueDate: '2026-03-27' });
    const discovery = await phases.addPhase(project.id, 'Discovery');
    const rollout = await phases.addPhase(project.id, 'Rollout');
    const docs = await tasks.create(project.id, { title: 'Collect network documentation and admin credentials', phaseId: discovery.id, assignee: engineer });
    const audit = await tasks.create(project.id, { title: 'Audit workstations and licences', phaseId: discovery.id, assignee: engineer });
    const rmm = await tasks.create(project.id, { title: 'Deploy the RMM agent to every workstation', phaseId: rollout.id, dueDate: '2026-03-13' });
    const backup = await tasks.create(project.id, { title: 'Set up backups and monitoring', phaseId: rollout.id, dueDate: '2026-03-20' });
    const handover = await tasks.create(project.id, { title: 'Hand the client over to the service desk', phaseId: rollout.id, dueDate: '2026-03-27' });

    demo.say('The rollout needs both discovery tasks; backups need the rollout; the hand-over needs backups: three tasks are blocked.');
    await dependencies.add(docs.id, rmm.id);
    await dependencies.add(audit.id, rmm.id);
    await dependencies.add(rmm.id, backup.id);
    await dependencies.add(backup.id, handover.id);

    demo.say('Work starts. The documentation is done, but the rollout still waits for the audit:');
    await projects.changeStatus(project.id, 'active');
    await tasks.complete(docs.id);
    const early = await tasks.changeStatus(rmm.id, 'in_progress').catch((err: Error) => err);
    if (!(early instanceof ProjectTaskBlockedError)) throw new Error('the rollout should have waited for the audit');
    demo.say(`  refused: ${early.message}`);
    demo.say('The audit is done: the rollout is unblocked and handed to the team.');
    await tasks.complete(audit.id);
    await tasks.assign(rmm.id, { id: uuidv4(), type: 'team' });
    await tasks.changeStatus(rmm.id, 'in_progress');
    demo.say('Each completion unblocks the next task, until the client is handed over and the project completes.');
    await tasks.complete(rmm.id);
    await tasks.complete(backup.id);
    await tasks.complete(handover.id);
    await projects.changeStatus(project.id, 'completed');
  },
};
