// Chinese words of the console, shared by the pages. The labels of the contract's enums are generated
// from their descriptions in schema/orggraph.graphql (src/gql/labels.ts, codegen-labels.cjs): one
// source, the glossary behind the API, for the API's documentation and the console's words.
import {
  CompoundKindLabels,
  DomainLabels,
  NeedStatusLabels,
  PopulationLabels,
  ProblemLevelLabels,
  ProblemSourceLabels,
  ProblemStatusLabels,
  ResourceStatusLabels,
  SeatLabels,
  ServiceAreaLabels,
  SupportTypeLabels,
  TaskStatusLabels,
  UrgencyLabels,
} from '../gql/labels'

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

export const SEAT_LABELS = SeatLabels

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

export const COMPOUND_KIND_LABELS: Record<string, string> = CompoundKindLabels

export const DOMAIN_LABELS: Record<string, string> = DomainLabels
export const SUPPORT_LABELS: Record<string, string> = SupportTypeLabels
export const POPULATION_LABELS: Record<string, string> = PopulationLabels
export const URGENCY_LABELS: Record<string, string> = UrgencyLabels
export const SERVICE_AREA_LABELS: Record<string, string> = ServiceAreaLabels
export const RESOURCE_STATUS_LABELS: Record<string, string> = ResourceStatusLabels

/** NeedStatus in the contract's order: registered, published, claimed, in progress, done, rated (#14). */
export const NEED_STATUS_LABELS: Record<string, string> = NeedStatusLabels

/** The states before a unit takes a need on: registered, then published (advanceNeed walks them). */
export const OPEN_STEPS = ['COLLECTED', 'PUBLISHED'] as const

/** The whole path shown in a need's detail (REJECTED aside). */
export const NEED_PATH = [...OPEN_STEPS, 'CLAIMED', 'IN_PROGRESS', 'DONE', 'RATED'] as const

export const TASK_STATUS_LABELS: Record<string, string> = TaskStatusLabels

/** A problem's level (社区 → 街道 → 市委书记“1+N”清单), source and status (#13). */
export const PROBLEM_LEVEL_LABELS: Record<string, string> = ProblemLevelLabels
export const PROBLEM_SOURCE_LABELS: Record<string, string> = ProblemSourceLabels
export const PROBLEM_STATUS_LABELS: Record<string, string> = ProblemStatusLabels

/** Score components of matching (ScoreComponent.name), for the bars' colours. */
export const COMPONENT_COLOURS: Record<string, string> = {
  category: '#c0392b', text: '#2471a3', locality: '#17a589', capacity: '#d4ac0d',
  time: '#7d3c98', reliability: '#e67e22', fairness: '#5d6d7e',
}

export function options(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}
