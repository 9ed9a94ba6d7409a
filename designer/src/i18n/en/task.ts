export default {
  title: 'Task',
  back: 'Inbox',
  closed: 'This task is no longer open.',
  notFound: 'There is no such task, or you may not see it.',
  notMine: 'You can look at this task but not act on it.',
  noForm: 'This task has no form.',
  comment: 'Comment',
  commentHint: 'Optional: a word for the people after you',
  action: { approve: 'Approve', reject: 'Reject', complete: 'Complete' },
  done: { approve: 'Approved: {name}', reject: 'Rejected: {name}', complete: 'Completed: {name}' },
  timeline: 'Progress',
};
