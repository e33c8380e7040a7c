// Chinese words of the console, shared by the pages.

/** Node kinds of the co-building network (NetworkNode.label), with the Unit kinds split by seat. */
export const NODE_KINDS = [
  { key: 'Street', label: '街道', color: '#c0392b' },
  { key: 'StreetWorkingCommittee', label: '街道大工委', color: '#e67e22' },
  { key: 'Community', label: '社区', color: '#2471a3' },
  { key: 'CommunityCommittee', label: '社区大党委', color: '#d4ac0d' },
  { key: 'UnitX', label: '成员单位(X 机关企事业单位)', color: '#7d3c98' },
  { key: 'UnitN', label: '成员单位(N 非公企业和社会组织)', color: '#17a589' },
  { key: 'Leader', label: '市领导(联系点)', color: '#a93226' },
  { key: 'Person', label: '社区书记', color: '#5d6d7e' },
  { key: 'Grid', label: '网格', color: '#aab7b8' },
  { key: 'More', label: '更多(点击展开)', color: '#d5d8dc' },
] as const

export type NodeKind = (typeof NODE_KINDS)[number]['key']

/** Unit kinds that take an X seat (机关企事业单位); the others take N. */
export const X_KINDS = new Set(['AGENCY', 'STATE_ENTERPRISE', 'INSTITUTION'])

export function seatOfKind(kind: string | null | undefined): 'X' | 'N' {
  return kind && X_KINDS.has(kind) ? 'X' : 'N'
}

export const SEAT_LABELS = { X: '机关企事业单位(X)', N: '非公企业和社会组织(N)' } as const

export const EDGE_LABELS: Record<string, string> = {
  PART_OF: '隶属',
  HAS_COMMITTEE: '设有',
  MEMBER_OF: '大党委成员单位',
  PART_TIME_MEMBER_OF: '大工委兼职委员单位',
  SECRETARY_OF: '任书记',
  FIRST_SECRETARY_OF: '任第一书记',
  CONTACTS: '联系',
  WORKS_AT: '任职于',
}

export const COMPOUND_KIND_LABELS: Record<string, string> = {
  COMMERCIAL: '商品房小区',
  RESETTLEMENT: '安置房小区',
  OLD: '老旧小区',
  NO_PROPERTY: '无物业小区',
}

// The enums of the needs and resources libraries and of the four lists, as the contract describes
// them (schema/orggraph.graphql). The API returns statusLabel for needs and tasks; the other enums have
// no label field, so their descriptions are copied here.

export const DOMAIN_LABELS: Record<string, string> = {
  ELDER: '养老助老', CHILD: '儿童青少年', HEALTH: '医疗健康', LEGAL: '法律调解', ENV: '环境卫生',
  SAFETY: '平安消防', PROPERTY: '物业治理', INFRA: '基础设施', TRAFFIC: '停车交通', EMPLOY: '就业创业',
  CULTURE: '文体', AID: '困难帮扶', PARTY: '党建', ENTERPRISE: '驻区单位诉求',
}

export const SUPPORT_LABELS: Record<string, string> = {
  SPACE: '场地阵地', FUND: '资金', GOODS: '物资设备', EXPERT: '专业服务', VOLUNTEER: '志愿人力',
  TRAINING: '培训讲座', POLICY: '政策协调', TECH: '技术信息化',
}

export const POPULATION_LABELS: Record<string, string> = {
  ELDERLY: '老年人', CHILD: '儿童', DISABLED: '残疾人', LOW_INCOME: '低收入群体', VETERAN: '退役军人',
  NEW_EMPLOYMENT: '新就业群体', MIGRANT: '流动人口', ALL: '全体居民',
}

export const URGENCY_LABELS: Record<string, string> = { LOW: '一般', NORMAL: '普通', HIGH: '较急', URGENT: '紧急' }

export const SERVICE_AREA_LABELS: Record<string, string> = { COMMUNITY: '所在大党委的社区', STREET: '所在街道', CITY: '全市' }

export const RESOURCE_STATUS_LABELS: Record<string, string> = { ACTIVE: '可用', WITHDRAWN: '已撤回' }

/** NeedStatus in the contract's order: the six-step method (收集民意 … 结果公开), then what follows. */
export const NEED_STATUS_LABELS: Record<string, string> = {
  COLLECTED: '收集民意', PROPOSED: '党组织提议', DELIBERATED: '各方共同商议', RESOLVED: '会议决议',
  PUBLISHED: '结果公开', CLAIMED: '已认领', IN_PROGRESS: '督促落实', DONE: '已完成', RATED: '已评价',
  REJECTED: '不予采纳',
}

/** The six steps that advanceNeed walks, in order. */
export const SIX_STEPS = ['COLLECTED', 'PROPOSED', 'DELIBERATED', 'RESOLVED', 'PUBLISHED'] as const

/** The whole path shown in a need's detail (REJECTED aside). */
export const NEED_PATH = [...SIX_STEPS, 'CLAIMED', 'IN_PROGRESS', 'DONE', 'RATED'] as const

export const TASK_STATUS_LABELS: Record<string, string> = { PLANNED: '待启动', IN_PROGRESS: '推进中', DONE: '已完成', CANCELLED: '已取消' }

/** Score components of matching (ScoreComponent.name), for the bars' colours. */
export const COMPONENT_COLOURS: Record<string, string> = {
  category: '#c0392b', text: '#2471a3', locality: '#17a589', capacity: '#d4ac0d',
  time: '#7d3c98', reliability: '#e67e22', fairness: '#5d6d7e',
}

export function options(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}
