export default {
  nav: 'Inbox',
  title: 'My inbox',
  tabs: { todo: 'To do', done: 'Done', started: 'My requests', cc: 'Copied to me' },
  empty: {
    todo: 'Nothing to do right now.',
    done: 'You have not completed any task yet.',
    started: 'You have not started any request yet.',
    cc: 'Nothing has been copied to you.',
  },
  unread: 'New',
  from: 'from {user}',
  due: 'due {when}',
  ended: 'ended {when}',
  state: { open: 'Open', completed: 'Completed', active: 'In progress', suspended: 'Suspended', canceled: 'Canceled' },
  page: '{from}–{to} of {total}',
  prev: 'Previous',
  next: 'Next',
};
