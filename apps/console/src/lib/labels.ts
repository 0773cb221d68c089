/** The console's words for the API's codes. Kept beside the API's own labels in @duban/domain. */
export const STATUS_LABELS: Record<string, string> = {
  unassigned: '待分派',
  assigned: '已交办',
  accepted: '已签收',
  in_progress: '推进中',
  completion_requested: '申请办结',
  completed: '已销号',
};
export const STATUSES = Object.keys(STATUS_LABELS);

export const STATUS_TAG: Record<string, 'info' | 'primary' | 'success' | 'warning' | 'danger'> = {
  unassigned: 'info',
  assigned: 'primary',
  accepted: 'primary',
  in_progress: 'warning',
  completion_requested: 'warning',
  completed: 'success',
};

export const LEVEL_LABELS: Record<string, string> = { yellow: '黄牌', orange: '橙牌', red: '红牌' };
export const LEVEL_COLORS: Record<string, string> = { yellow: '#e6a23c', orange: '#f56c2d', red: '#d9001b', none: '#909399' };
export const LEVELS = ['yellow', 'orange', 'red'] as const;

export const ROLE_LABELS: Record<string, string> = { admin: '系统管理员', coordinator: '联席会议办公室', department: '责任单位', observer: '观察员' };

export const EXTENSION_LABELS: Record<string, string> = { pending: '待审批', approved: '已同意', rejected: '已驳回' };

export const EVENT_LABELS: Record<string, string> = {
  accept: '签收',
  start: '开始推进',
  request_completion: '申请办结',
  approve_completion: '销号',
  return: '退回',
  extension_requested: '申请延期',
  extension_approved: '同意延期',
  extension_rejected: '驳回延期',
  assignments: '调整责任单位',
  deadline: '调整完成时限',
};

export const label = (map: Record<string, string>, key: string | null | undefined, fallback = '—') => (key ? (map[key] ?? key) : fallback);
