export default {
  title: '通知',
  bell: '通知（{n} 条未读）',
  readAll: '全部已读',
  markRead: '标为已读',
  unread: '未读',
  empty: '暂无通知。',
  kind: {
    task: {
      assigned: '新待办',
      delegated: '委派',
      transferred: '转交',
      urged: '催办',
      reminder: '提醒',
      escalated: '升级',
      signer_added: '加签',
    },
    request: { completed: '已办结', canceled: '已取消', cc: '抄送' },
  },
};
