export default {
  title: 'Task',
  back: 'Inbox',
  closed: 'This task is no longer open.',
  notFound: 'There is no such task, or you may not see it.',
  notMine: 'You can look at this task but not act on it.',
  noForm: 'This task has no form.',
  timeline: 'Progress',
};
