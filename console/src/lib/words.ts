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
