export default {
  title: '任务',
  back: '待办',
  closed: '该任务已处理完毕。',
  notFound: '任务不存在，或你无权查看。',
  notMine: '你可以查看该任务，但不能处理。',
  noForm: '该任务没有表单。',
  timeline: '流转记录',
};
