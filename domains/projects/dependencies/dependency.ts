import { BlockingChange } from '../tasks/task';

/** Finish-to-start: the successor may start once the predecessor is done (or canceled). */
export interface TaskDependency {
  projectId: string;
  predecessorTaskId: string;
  successorTaskId: string;
  createdByUserId: string;
  createdAt: Date;
}

/** What `DependencyService.add`/`remove` did; `changed` is false when there was nothing to add or remove. */
export interface DependencyChange {
  dependency: TaskDependency;
  changed: boolean;
  /** The successor becoming blocked (added) or unblocked (removed), if it did. */
  blocking: BlockingChange[];
}
