export default {
  title: '申请详情',
  back: '待办',
  empty: '还没有任何记录。',
  someone: '某人',
  startedBy: '{user} 发起',
  finished: '{when}完成',
  kind: {
    started: '{user} 发起了申请',
    comment: '{user} 发表了意见',
    cc: '抄送给 {user}',
    ended: '申请已结束',
    task: '步骤',
  },
  outcome: { approved: '已同意', rejected: '已驳回', completed: '已完成', open: '等待处理' },
  state: { active: '进行中', suspended: '已挂起', completed: '已完成', canceled: '已取消' },
};
