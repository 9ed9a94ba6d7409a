export default {
  nav: '待办',
  title: '我的待办',
  tabs: { todo: '待办', done: '已办', started: '我发起的', cc: '抄送我的' },
  empty: {
    todo: '暂时没有待办事项。',
    done: '还没有处理过任务。',
    started: '还没有发起过申请。',
    cc: '还没有抄送给你的申请。',
  },
  unread: '未读',
  from: '发起人 {user}',
  due: '{when}到期',
  ended: '{when}结束',
  state: { open: '待处理', completed: '已完成', active: '进行中', suspended: '已挂起', canceled: '已取消' },
  page: '第 {from}–{to} 条，共 {total} 条',
  prev: '上一页',
  next: '下一页',
};
