export default {
  title: 'Request',
  back: 'Inbox',
  empty: 'Nothing has happened yet.',
  someone: 'someone',
  startedBy: 'started by {user}',
  finished: 'finished {when}',
  kind: {
    started: '{user} started the request',
    comment: '{user} commented',
    cc: 'Copied to {user}',
    ended: 'The request ended',
    task: 'Step',
  },
  outcome: { approved: 'Approved', rejected: 'Rejected', completed: 'Done', open: 'Waiting' },
  state: { active: 'In progress', suspended: 'Suspended', completed: 'Completed', canceled: 'Canceled' },
};
