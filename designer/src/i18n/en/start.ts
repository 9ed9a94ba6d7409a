export default {
  nav: 'New request',
  title: 'Start a request',
  search: 'Find a process',
  empty: 'There is no process you may start.',
  version: 'version {version}',
  back: 'All processes',
  notFound: 'There is no process "{key}" you may start.',
  noForm: 'This process asks for nothing up front: start it right away.',
  submit: 'Submit',
  startPlain: 'Start',
};
