/**
 * 0003 — the task assignment hook (EngineOptions.taskAssignment): a task created for another
 * assignee than the model named keeps the one it was meant for and why, at run time and in
 * history. Both null when the task was not redirected.
 */
export const name = '0003_task_assignment';

export const up: string[] = [
  `ALTER TABLE tasks ADD COLUMN original_assignee text`,
  `ALTER TABLE tasks ADD COLUMN assignment_note text`,
  `ALTER TABLE hist_tasks ADD COLUMN original_assignee text`,
  `ALTER TABLE hist_tasks ADD COLUMN assignment_note text`,
];
