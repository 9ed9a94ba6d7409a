export default {
  nav: '发起申请',
  title: '发起申请',
  search: '查找流程',
  empty: '没有你可以发起的流程。',
  version: '版本 {version}',
  back: '全部流程',
  notFound: '没有你可以发起的流程“{key}”。',
  noForm: '该流程无需填写表单，可直接发起。',
  submit: '提交',
  startPlain: '发起',
};
