export default {
  title: 'Notifications',
  bell: 'Notifications ({n} unread)',
  readAll: 'Mark all read',
  markRead: 'Mark read',
  unread: 'unread',
  empty: 'No notifications yet.',
  kind: {
    task: {
      assigned: 'New task',
      delegated: 'Delegated',
      transferred: 'Transferred',
      urged: 'Urged',
      reminder: 'Reminder',
      escalated: 'Escalated',
      signer_added: 'Signer',
    },
    request: { completed: 'Completed', canceled: 'Canceled', cc: 'CC' },
  },
};
