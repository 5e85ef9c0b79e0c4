import 'reflect-metadata';
import { crmModule } from '../crm';
import './approvals/approval.events';
import { DependencyService } from './dependencies/dependency-service';
import { taskDependenciesMigration } from './dependencies/dependency.migration';
import { TaskBlocking } from './dependencies/task-blocking';
import { projectsDemo } from './demo';
import { projects } from './module';
import { PhaseService } from './projects/phase-service';
import { projectsMigration } from './projects/project.migration';
import { ProjectRepository } from './projects/project-repository';
import { ProjectService } from './projects/project-service';
import { OpenTaskCanceller } from './tasks/open-task-canceller';
import { projectTasksMigration } from './tasks/task.migration';
import { TaskRepository } from './tasks/task-repository';
import { TaskService } from './tasks/task-service';

/** The projects module's public surface: other modules and applications import only this file. */
export * from './projects/project.events';
export * from './tasks/task.events';
export * from './dependencies/dependency.events';
export * from './approvals/approval.events';
export * from './projects/project';
export * from './projects/project-errors';
export * from './tasks/task';
export * from './tasks/task-errors';
export * from './dependencies/dependency';
export * from './dependencies/dependency-errors';
export { ProjectService } from './projects/project-service';
export { PhaseService } from './projects/phase-service';
export { TaskService } from './tasks/task-service';
export { DependencyService } from './dependencies/dependency-service';

export const projectsModule = projects.define({
  // ClientService: an archived client gets no new projects.
  dependsOn: [crmModule],
  services: [ProjectRepository, TaskRepository, TaskBlocking, OpenTaskCanceller, ProjectService, PhaseService, TaskService, DependencyService],
  migrations: [projectsMigration, projectTasksMigration, taskDependenciesMigration],
  tables: ['projects', 'project_phases', 'project_tasks', 'project_task_dependencies'],
  demo: projectsDemo,
});
