export default {
  title: '任务',
  back: '待办',
  closed: '该任务已处理完毕。',
  notFound: '任务不存在，或你无权查看。',
  notMine: '你可以查看该任务，但不能处理。',
  noForm: '该任务没有表单。',
  comment: '审批意见',
  commentHint: '选填：写给后续处理人的话',
  action: { approve: '同意', reject: '驳回', complete: '完成' },
  done: { approve: '已同意：{name}', reject: '已驳回：{name}', complete: '已完成：{name}' },
  timeline: '流转记录',
};
