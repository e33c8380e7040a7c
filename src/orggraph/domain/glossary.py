"""The words orggraph shows to people: every entity and field, every query and mutation with its
arguments, each with its Chinese label and a short explanation, keyed by English names (as the GraphQL
schema spells them). The schema's descriptions come from here (orggraph.api); Excel headers and the web
console's labels are to take the same words (`label`), so that a thing is called the same everywhere.

Enum values are not here: their labels sit next to their enums (model.*_LABELS, taxonomy, lifecycle
TASK_LABELS, auth ROLE_LABELS). A word used in several places is one Term, reused (`Term.but` keeps its
label and says what differs), never written twice.

A Term's `note` says what the value means (units, what empty means, who may see it); its `rule` says
what an input must satisfy, and is shown only where the value is an input (`describe_input`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from orggraph.domain.auth import REACH_LABELS, ROLE_LABELS, RULES, Action, Reach, Role


@dataclass(frozen=True)
class Term:
    label: str  # short: a column header, a form label
    note: str = ""  # what it means
    rule: str = ""  # what an input must satisfy

    def but(self, note: str | None = None, rule: str | None = None) -> Term:
        """The same word, saying something else about it here."""
        return replace(
            self, note=self.note if note is None else note, rule=self.rule if rule is None else rule
        )

    @property
    def text(self) -> str:
        return _join(self.label, self.note)

    @property
    def input_text(self) -> str:
        return _join(self.label, ";".join(x for x in (self.note, self.rule) if x))


def _join(label: str, note: str) -> str:
    return f"{label}:{note}" if note else label


@dataclass(frozen=True)
class Entity:
    term: Term
    fields: Mapping[str, Term] = field(default_factory=dict)


@dataclass(frozen=True)
class UseCase:
    """A query or mutation: what it does, its arguments, its input type, and the Action whose rule says
    who may call it (None: open to everyone, anonymous callers included)."""

    term: Term
    args: Mapping[str, Term] = field(default_factory=dict)
    action: Action | None = None
    input: Term | None = None


# ---------------------------------------------------------------- words used in several places

PERSON_NAME = Term(
    "姓名",
    "个人信息,未登录用户和只读用户(VIEWER)看到 ***,除非服务端设置 ORGGRAPH_PUBLIC_PERSONAL_DATA=true",
)
SOURCE = Term("名称来源(source)", "article 文章所载 / illustrative 示意 / synthetic 合成;未记录时为空字符串")
STATUS_LABEL = Term("状态名称", "状态的中文名称")
TITLE = Term("标题", rule="1-120 字")
DESCRIPTION = Term("描述", rule="最多 2000 字")
NEW_ID = "1-80 个英文字母、数字或 - _ .;不填则自动生成"
CLIENT_ID = Term("幂等键(clientId)", rule="客户端生成,最多 80 字")
ANY_OF = "为其中任一;空列表视同不填"
SEARCH = Term("关键词", "在标题和描述中全文检索;多个词用空格分开,须都出现;最多 50 字")
SCORE = Term("得分", "各评分分项 权重 × 取值 之和;默认权重下在 0 到 1 之间")
COMPONENTS = Term("评分分项")
REASON = Term("推荐理由", "单位名称,及对得分贡献最大的两个分项的理由")
OPEN_NEEDS = "未认领(已登记或已发布)的需求"
LIMIT = Term("条数", rule="1-50")
NOTE = Term("说明", rule="最多 500 字")

# enums: the type's word; each value's label is next to its enum
UNIT_KIND = Term("单位类型")
SEAT = Term("席位", "社区大党委 1+1+X+N 中的 X(机关企事业单位)与 N(非公企业和社会组织)")
NEED_STATUS = Term("需求状态", "需求的生命:登记、发布、认领(或联席会议派单)、落实、完成、评价,或不予采纳")
COMPOUND_KIND = Term("小区类型")
URGENCY = Term("紧急程度", "目前只作记录,不影响推荐与排序")
SERVICE_AREA = Term(
    "服务范围",
    "COMMUNITY 为本单位所在大党委的社区,STREET 为这些社区所在街道的各社区,CITY 为全市",
)
RESOURCE_STATUS = Term("资源状态", "撤回后不再参与匹配")
TASK_STATUS = Term("任务状态")
SUPPORT_TYPE = Term("支持类型")
DOMAIN = Term("服务领域")
POPULATION = Term("服务对象", "ALL 表示全体居民")
PROJECT_STATUS = Term("党建项目状态")

ENUMS: dict[str, Term] = {
    "CityKind": Term("城市类型", "县级行政区:县级市、市辖区、县"),
    "UnitKind": UNIT_KIND,
    "Seat": SEAT,
    "NeedStatus": NEED_STATUS,
    "CompoundKind": COMPOUND_KIND,
    "Urgency": URGENCY,
    "ServiceArea": SERVICE_AREA,
    "ResourceStatus": RESOURCE_STATUS,
    "TaskStatus": TASK_STATUS,
    "ProblemSource": Term("问题来源"),
    "ProblemLevel": Term("问题层级", "社区 → 街道 → 市委书记“1+N”工作清单"),
    "ProblemStatus": Term("问题解决状况", "由问题的任务算出"),
    "SupportType": SUPPORT_TYPE,
    "Domain": DOMAIN,
    "Population": POPULATION,
    "ProjectStatus": PROJECT_STATUS,
}

# ---------------------------------------------------------------- the network

CITY_ID = Term("城市编号")
STREET_ID = Term("街道编号")
COMMUNITY_ID = Term("社区编号")
COMMITTEE_ID = Term("社区大党委编号")
UNIT_ID = Term("单位编号")
LEADER_ID = Term("市领导编号")
NEED_ID = Term("需求编号")
RESOURCE_ID = Term("资源编号")
TASK_ID = Term("任务编号")

STREET = Entity(
    Term("街道"),
    {
        "id": STREET_ID,
        "name": Term("街道名称"),
        "source": SOURCE,
        "communities": Term("下辖社区", "按名称排序"),
        "workingCommittee": Term("街道大工委", "未建立时为空"),
    },
)
WORKING_COMMITTEE = Entity(
    Term("街道大工委", "市直单位分管负责同志任兼职委员"),
    {
        "id": Term("大工委编号"),
        "name": Term("大工委名称"),
        "street": Term("所属街道"),
        "members": Term(
            "兼职委员单位",
            "有人员在任兼职委员的市直单位(机关、事业单位、国有企业),及演示数据中以单位登记的兼职委员单位;按名称排序",
        ),
        "partTimeMembers": Term("兼职委员", "市直单位分管负责同志,以其任职单位和职务担任;按姓名排序"),
        "partTimeMembers(year)": Term("年度", "只列该年度在任过的兼职委员(含已离任的);不填只列现任"),
        "projects": Term("党建项目", "兼职委员牵头的党建项目,按年度排序"),
        "projects(year)": Term("年度", "只列该年度的项目;不填列全部"),
    },
)
WORKING_COMMITTEE_MEMBER = Entity(
    Term("大工委兼职委员", "一位人员在街道大工委的任职:以其在市直单位的职务担任,离任后保留记录"),
    {
        "person": Term("人员"),
        "unit": Term("任职单位", "其以此单位的职务担任兼职委员;须为机关、事业单位或国有企业"),
        "post": Term("职务", "如 分管副局长", rule="1-60 字"),
        "since": Term("任职日期", rule="不填为今天;不能晚于今天"),
        "until": Term("离任日期", "现任时为空", rule="不填为今天;不能早于任职日期,不能晚于今天"),
        "current": Term("是否现任"),
        "years": Term("在任年度", "任职的各个年度,至今"),
        "committee": Term("街道大工委"),
        "projects": Term("牵头的党建项目", "按年度排序;每位兼职委员每年牵头 1-2 个"),
        "projects(year)": Term("年度", "只列该年度的项目;不填列全部"),
        "committeeId": Term("大工委编号"),
        "personId": Term("人员编号", rule="已有人员的编号,或新人员的编号(1-80 个英文字母、数字或 - _ .)"),
        "personName": PERSON_NAME.but(rule="新人员必填,1-40 字;已有人员不改其姓名"),
        "unitId": UNIT_ID,
    },
)
PROJECT = Entity(
    Term("党建项目", "街道大工委兼职委员牵头的年度党建项目,联系若干社区"),
    {
        "id": Term("项目编号", rule=NEW_ID + ";带同一编号重试不会重复创建"),
        "year": Term("年度", rule="2000 年至明年"),
        "title": TITLE,
        "description": DESCRIPTION,
        "status": Term("项目状态", rule="不填为计划中"),
        "statusLabel": STATUS_LABEL,
        "leader": Term("牵头人", "兼职委员"),
        "committee": Term("街道大工委"),
        "communities": Term("涉及社区", "按名称排序", rule="本街道的社区,1-50 个"),
        "notes": Term("进展记录", "按日期排序"),
        "committeeId": Term("大工委编号"),
        "leaderId": Term("牵头人编号", rule="须为该大工委的现任兼职委员"),
        "communityIds": Term("涉及社区编号", rule="本街道的社区,1-50 个"),
    },
)
PROJECT_NOTE = Entity(
    Term("项目进展记录"),
    {
        "id": Term("记录编号", rule=NEW_ID + ";带同一编号重试不会重复记录"),
        "at": Term("日期", rule="不填为今天;不能晚于今天"),
        "text": Term("内容", rule="1-1000 字"),
        "by": Term("记录人", "登录账号;未登录用户和只读用户看到 ***"),
        "projectId": Term("项目编号"),
    },
)
UNIT_EVALUATION = Entity(
    Term("社区年度评价", "社区党组织对大党委成员单位的年度评价(评先评优、荣誉申报),计入推荐的可靠性"),
    {
        "community": Term("评价的社区"),
        "unit": Term("被评价的成员单位"),
        "year": Term("年度", rule="2000 年至今年"),
        "score": Term("评分", "0-100 分", rule="0-100 的整数"),
        "comment": Term("评语", rule="最多 500 字"),
        "evaluatedAt": Term("评价时间", "最近一次评价(同年度再评价会覆盖)的时间"),
        "communityId": COMMUNITY_ID,
        "unitId": UNIT_ID.but(rule="须为该社区大党委的现任成员单位"),
    },
)
COMMUNITY = Entity(
    Term("社区"),
    {
        "id": COMMUNITY_ID,
        "name": Term("社区名称"),
        "households": Term("户数", "各网格户数之和(导入数据时计算)"),
        "source": SOURCE,
        "street": Term("所属街道"),
        "committee": Term("社区大党委(联合党委)", "未建立时为空"),
        "contactLeaders": Term(
            "联系市领导", "现在联系本社区的市领导,通常一位;原联系市领导卸任后、新的设定前可以没有"
        ),
        "contactHistory": Term("联系市领导沿革", "历任与现任联系市领导及其起止日期,按起始日期排序"),
        "grids": Term("网格", "现有网格(不含已撤销的),按名称排序"),
        "needs": Term("需求库", "本社区提出的需求,按需完成日期排序"),
        "needs(status)": NEED_STATUS.but("只返回该状态的需求;不填返回全部"),
        "evaluations": Term("对成员单位的年度评价", "按单位名称排序"),
        "evaluations(year)": Term("年度", "只列该年度的评价;不填列全部"),
    },
)
COMMITTEE = Entity(
    Term(
        "社区大党委(1+1+X+N)",
        "又称联合党委;社区党组织书记任书记,联系本社区的市领导任第一书记,"
        "机关企事业单位(X)与非公企业和社会组织(N)为成员单位",
    ),
    {
        "id": COMMITTEE_ID,
        "name": Term("大党委名称"),
        "community": Term("所属社区"),
        "secretary": Term("书记", "社区党组织书记;未记录时为空"),
        "firstSecretary": Term("第一书记", "联系本社区的市领导;未设置时为空"),
        "members": Term("成员单位", "X 与 N 席位的成员单位及其席位,按单位名称排序"),
        "members(seat)": SEAT.but("只返回该席位的成员单位;不填返回全部"),
        "meetings": Term("联席会议", "季度联席会议,按会议日期排序"),
        "history": Term("组成沿革", "历任与现任书记、第一书记、成员单位及其起止日期"),
        "composition": Term("某日组成", "某一天的书记、第一书记、成员单位和联系市领导"),
        "composition(asOf)": Term("日期", "查询这一天在任的组成(起始日当天算在任,结束日当天不再算)"),
    },
)
TERM_SINCE = Term("起始日期", "未记录时为空(视为一直在任)")
TERM_UNTIL = Term("结束日期", "现任为空;这一天起不再在任")
SECRETARY_TERM = Entity(
    Term("书记任期", "一位社区党组织书记在社区大党委的任期"),
    {"person": Term("书记"), "since": TERM_SINCE, "until": TERM_UNTIL},
)
LEADER_TERM = Entity(
    Term("市领导任期", "一位市领导任第一书记或联系社区的起止"),
    {"leader": Term("市领导"), "since": TERM_SINCE, "until": TERM_UNTIL},
)
COMMITTEE_HISTORY = Entity(
    Term("大党委组成沿革", "历任与现任,各按起始日期排序;结束的关系不删除,记结束日期"),
    {
        "members": Term("成员单位", "历任与现任成员单位的席位及起止日期"),
        "secretaries": Term("书记", "历任与现任书记"),
        "firstSecretaries": Term("第一书记", "历任与现任第一书记"),
    },
)
COMMITTEE_COMPOSITION = Entity(
    Term("大党委某日组成", "某一天在任的书记、第一书记、成员单位和社区的联系市领导"),
    {
        "asOf": Term("日期"),
        "secretary": Term("书记", "当天无书记记录时为空"),
        "firstSecretary": Term("第一书记", "当天无第一书记时为空"),
        "members": Term("成员单位", "当天在任的成员单位及其席位,按单位名称排序"),
        "contactLeaders": Term("联系市领导", "当天联系本社区的市领导"),
    },
)
MEMBERSHIP = Entity(
    Term("大党委成员席位", "成员单位在社区大党委中的席位"),
    {
        "seat": SEAT.but("由单位类型决定(机关、国有企业、事业单位为 X,其他为 N)", rule="须与单位类型一致"),
        "since": Term("加入日期", "未记录时为空", rule="不填为今天;不能晚于今天"),
        "until": Term("退出日期", "现任成员单位为空;移出后记录在组成沿革中"),
        "unit": Term("成员单位"),
        "committee": Term("社区大党委"),
        "unitId": UNIT_ID,
        "committeeId": COMMITTEE_ID,
    },
)
UNIT = Entity(
    Term(
        "成员单位",
        "机关、国有企业、事业单位、非公企业、社会组织、物业企业或业主委员会;"
        "可加入社区大党委,机关可任街道大工委兼职委员单位",
    ),
    {
        "id": UNIT_ID.but(rule=NEW_ID),
        "name": Term("单位名称", rule="1-120 字"),
        "kind": UNIT_KIND.but(
            rule="须与其大党委席位一致(X 为机关、国有企业、事业单位,N 为其他);"
            "大工委兼职委员单位只能是机关、国有企业或事业单位"
        ),
        "kindLabel": Term("单位类型名称", "单位类型的中文名称"),
        "partyMembers": Term("党员人数", rule="0-100000"),
        "nonProfit": Term(
            "街道非营利物业公司", "街道成立、对无物业小区兜底管理的物业公司;不是非公企业,不进社区大党委"
        ),
        "source": SOURCE.but(
            "article 文章所载 / illustrative 示意 / synthetic 合成 / user 经 API 新建;未记录时为空字符串"
        ),
        "memberships": Term("大党委席位", "所在社区大党委及席位,按大党委名称排序"),
        "resources": Term("资源库", "本单位提供的资源(含已撤回的),按标题排序"),
        "workingCommittees": Term("街道大工委", "任兼职委员单位的街道大工委"),
        "evaluations": Term("社区年度评价", "各社区对本单位的年度评价,按年度、社区名称排序"),
        "evaluations(year)": Term("年度", "只列该年度的评价;不填列全部"),
    },
)
LEADER = Entity(
    Term("市领导", "联系社区的市领导,每位联系一个社区并任其大党委第一书记"),
    {
        "id": LEADER_ID.but(rule=NEW_ID + ";用同一编号和相同内容重试时返回已建的市领导"),
        "title": Term("职务", "如 市委常委、组织部部长;不属于个人信息,始终显示", rule="1-80 字"),
        "name": PERSON_NAME.but(rule="1-40 字"),
        "contacts": Term("联系点社区", "通常一个"),
        "firstSecretaryOf": Term("任第一书记的社区大党委"),
        "unit": Term("所在单位", "未记录时为空"),
        "keyTasks": Term("重点任务", "其牵头推动的任务,按时限排序;可按作出决定的年度筛选"),
        "retiredOn": Term("卸任日期", "现任为空;卸任的市领导不在「全部市领导」中,按编号仍可查到"),
        "unitId": UNIT_ID.but("所在单位"),
    },
)
PERSON = Entity(
    Term("人员", "如社区党组织书记、网格长;演示数据中均为虚构人物"),
    {
        "id": Term("人员编号", rule=NEW_ID + ";用同一编号和相同内容重试时返回已建的人员"),
        "name": PERSON_NAME.but(rule="1-40 字"),
    },
)
GRID = Entity(
    Term("网格", "红色网格,约 300-500 户"),
    {
        "id": Term("网格编号", rule=NEW_ID + ";用同一编号和相同内容重试时返回已建的网格"),
        "name": Term("网格名称", rule="1-60 字"),
        "households": Term("户数", rule="0-100000;社区户数随之重算(各网格户数之和)"),
        "gridWorkers": Term("网格员人数", rule="0-1000"),
        "compounds": Term("小区", "网格内的小区,按名称排序"),
        "leader": Term("网格长", "负责本网格的人员;未记录时为空"),
        "retiredOn": Term("撤销日期", "现有网格为空"),
        "communityId": COMMUNITY_ID.but("网格所属社区"),
        "leaderId": Term("网格长编号", "一位人员(Person);换人时原网格长的任期记为结束"),
    },
)
COMPOUND = Entity(
    Term("小区"),
    {
        "id": Term("小区编号", rule=NEW_ID + ";用同一编号和相同内容重试时返回已建的小区"),
        "name": Term("小区名称", rule="1-60 字"),
        "kind": COMPOUND_KIND,
        "households": Term("户数", rule="0-100000"),
        "hasPartyBranch": Term("建有小区党支部", "是否建有小区党支部"),
        "source": SOURCE,
        "grids": Term("所在网格", "现在所在的网格,按名称排序"),
        "retiredOn": Term("撤销日期", "现有小区为空"),
        "gridIds": Term(
            "所在网格编号", "小区所在的网格,须属于同一社区;调整时离开的网格记入历史", rule="1-20 个"
        ),
    },
)
PROBLEM_ID = Term("问题编号")
MEETING = Entity(
    Term("联席会议", "社区大党委季度联席会议,或街道大工委联席议事"),
    {
        "id": Term("会议编号", rule=NEW_ID + ";用同一编号重试同一会议不会重复记录"),
        "heldOn": Term("会议日期", rule="不能晚于今天"),
        "topic": Term("议题", rule="1-200 字"),
        "problemsSolved": Term(
            "解决实际问题数",
            "本次会议作出决定的议题(问题或需求)中已解决的个数:问题的任务已完成且无未完成任务,需求已完成或已评价;"
            "由任务算出,不可填写",
            rule="已停用:填写的值不再记录,问题数由会议的决定及其任务算出",
        ),
        "committee": Term("召开会议的社区大党委", "街道大工委的会议为空"),
        "workingCommittee": Term("召开会议的街道大工委", "社区大党委的会议为空"),
        "committeeId": Term("召开会议的委员会编号", "社区大党委或街道大工委的编号"),
        "attendees": Term("出席单位", "出席会议的成员单位,按名称排序"),
        "attendeeIds": Term("出席单位编号", rule="须为该委员会的现任成员单位;最多 50 个"),
        "problems": Term("上会问题", "会议议程中的问题"),
        "problemIds": PROBLEM_ID.but("上会问题", rule="须在该委员会所在的社区或街道;作出决定的问题自动列入"),
        "needs": Term("上会需求", "会议议程中的社区需求"),
        "needIds": NEED_ID.but("上会需求", rule="须为该委员会所在社区(街道大工委:街道内各社区)的需求"),
        "decisions": Term("会议决定", "会议决定的任务:做什么、谁来做、标准、时限,可不使用资源"),
    },
)
DECISION = Entity(
    Term("会议决定", "联席会议就一个议题作出的决定,生成一项任务(进入四单)"),
    {
        "title": Term("任务", "做什么", rule="1-120 字"),
        "responsibleUnitId": UNIT_ID.but("责任单位(谁来做)", rule="须为已有单位"),
        "standard": Term("标准", "做到什么程度", rule="1-500 字"),
        "deadline": Term("时限", "何时完成", rule="不能早于会议日期"),
        "problemId": PROBLEM_ID.but("决定所针对的问题", rule="与 needId 须填且只填一个"),
        "needId": NEED_ID.but(
            "决定所针对的需求",
            rule="需求须已登记、已发布或已认领(派单);决定后需求进入「已认领」",
        ),
        "resourceId": RESOURCE_ID.but("使用的资源", rule="不填则不使用资源(直接交办责任单位)"),
        "quantity": Term(
            "占用数量", "从资源中占用的容量", rule="仅在使用资源时填写;问题使用资源时必填;需求不填为需求数量"
        ),
        "leaderId": LEADER_ID.but(
            "牵头的联系市领导", rule="须联系该社区(街道大工委:街道内某社区);任务成为其重点任务"
        ),
    },
)
ESCALATION = Entity(
    Term("提级记录", "问题从社区提级到街道,或提级到市委书记“1+N”工作清单"),
    {
        "from": Term("原层级"),
        "to": Term("提级到"),
        "toLabel": Term("提级到(名称)"),
        "at": Term("提级时间"),
        "by": Term("操作者", "不显示人员姓名时为空"),
        "reason": Term("提级理由", rule="1-500 字"),
    },
)
PROBLEM = Entity(
    Term(
        "问题",
        "社区、街道、网格或联席会议提出的实际问题,由联席会议决定任务解决;可提级到街道和市委书记“1+N”工作清单",
    ),
    {
        "id": PROBLEM_ID.but(rule=NEW_ID + ";用同一编号重试不会重复登记"),
        "title": TITLE,
        "description": DESCRIPTION,
        "source": Term("问题来源"),
        "sourceLabel": Term("问题来源(名称)"),
        "level": Term("所在层级", "社区、街道,或市委书记“1+N”工作清单"),
        "levelLabel": Term("所在层级(名称)"),
        "status": Term(
            "解决状况",
            "由其任务算出:无任务或均已取消为待解决,有未完成任务为办理中,有任务完成且无未完成为已解决",
        ),
        "statusLabel": STATUS_LABEL,
        "raisedOn": Term("提出日期", rule="不能晚于今天;不填为今天"),
        "solvedOn": Term("解决日期", "最后完成的任务的完成日期;未解决时为空"),
        "community": Term("所在社区", "街道层面的问题为空"),
        "communityId": COMMUNITY_ID.but("问题所在社区", rule="与 streetId 须填且只填一个"),
        "street": Term("所在街道"),
        "streetId": STREET_ID.but("街道层面的问题所在街道", rule="与 communityId 须填且只填一个"),
        "grid": Term("上报网格", "网格上报时的网格"),
        "gridId": Term("网格编号", rule="来源为网格上报时必填;须为该社区的网格"),
        "tasks": Term("解决问题的任务"),
        "meetings": Term("上会记录", "议程中有此问题的联席会议,按日期排序"),
        "escalations": Term("提级记录", "按时间排序"),
    },
)
SECRETARY_WORK_LIST = Entity(
    Term("市委书记抓党建“1+N”工作清单", "街道、社区提报的突出问题,由市委书记牵头解决"),
    {
        "year": Term("年度"),
        "items": Term("清单中的问题", "该年提级入清单的问题,及此前入清单、年初仍未解决的问题;按提出日期排序"),
        "solved": Term("本年解决数", "清单中在该年解决的问题数"),
        "open": Term("未解决数", "清单中尚未解决的问题数"),
    },
)
MEETING_GAP = Entity(
    Term("联席会议缺季", "联合党委季度联席会议制度:某季度未召开联席会议的委员会"),
    {
        "committeeId": Term("委员会编号"),
        "kind": Term("委员会类型", "CommunityCommittee 社区大党委 / StreetWorkingCommittee 街道大工委"),
        "name": Term("委员会名称"),
        "meetings": Term("期间召开次数"),
        "missed": Term("缺会季度", "如 2021Q3"),
    },
)
CONTACT = Entity(
    Term("市领导联系点", "市领导联系一个社区,并任其大党委第一书记"),
    {
        "communityId": COMMUNITY_ID,
        "leaderId": LEADER_ID,
        "since": Term("联系起始日期", rule="不填为今天;不能早于它结束的联系关系的起始日期"),
    },
)

# ---------------------------------------------------------------- the two libraries

NEED = Entity(
    Term("社区需求", "需求库中的一项,由社区提出,登记后发布,由成员单位认领、经推荐确定承接或由联席会议派单"),
    {
        "id": NEED_ID,
        "communityId": COMMUNITY_ID.but("提出需求的社区"),
        "community": Term("提出需求的社区"),
        "title": TITLE,
        "description": DESCRIPTION,
        "supportTypes": Term(
            "所需支持类型", "资源的支持类型须为其中之一才会被推荐", rule="至少一项,重复的只记一次"
        ),
        "domain": DOMAIN,
        "populations": POPULATION.but(rule="至少一项"),
        "quantity": Term("数量", "需要的数量,单位见 quantityUnit", rule="大于 0,不超过 1000000"),
        "quantityUnit": Term("数量单位", "如 人次、场、台", rule="1-20 字"),
        "neededBy": Term("需完成日期", "过了此日期仍未完成即为逾期", rule="登记时不能早于今天"),
        "urgency": URGENCY,
        "status": NEED_STATUS,
        "statusLabel": STATUS_LABEL,
        "overdue": Term("是否逾期", "已过需完成日期,且不是已完成、已评价或不予采纳;按服务端的当天日期判断"),
        "history": Term("进程记录", "需求从登记起的每一步(时间、从何状态到何状态、操作者、说明),按时间排序"),
        "nextSteps": Term(
            "可推进到的步骤",
            "advanceNeed 现在可把需求推进到的状态(发布或不予采纳);认领、落实、完成、评价由各自的变更推进",
        ),
        "source": Term(
            "需求来源",
            "需求从何而来,如 居民反映、网格员上报、联席会议、三联办;未注明时为空",
            rule="最多 40 字;修改时给空字符串即清除",
        ),
        "clientId": CLIENT_ID.but(
            "同一社区带同一 clientId 重试时返回第一次登记的需求,不重复登记;已被别的社区用过则为 CONFLICT"
        ),
    },
)
NEED_STEP = Entity(
    Term("需求进程记录", "需求生命中的一步:登记、发布、认领、落实、完成、评价或重新发布"),
    {
        "at": Term("时间", "记下这一步的时间"),
        "from": NEED_STATUS.but("这一步之前的状态;登记时为空"),
        "to": NEED_STATUS.but("这一步之后的状态"),
        "toLabel": STATUS_LABEL.but("这一步之后状态的中文名称"),
        "by": Term("操作者", "令牌主体及角色;只读用户和未登录时显示为 ***"),
        "note": Term("说明", "如 联席会议议定、任务完成"),
    },
)
RESOURCE = Entity(
    Term("成员单位资源", "资源库中的一项,即成员单位能提供的场地、资金、物资、服务、人力等"),
    {
        "id": RESOURCE_ID,
        "unitId": UNIT_ID.but("提供资源的成员单位"),
        "unit": Term("提供资源的成员单位"),
        "title": TITLE,
        "description": DESCRIPTION,
        "supportType": SUPPORT_TYPE.but("需求所需支持类型包含此项才会被推荐;登记后不能修改"),
        "domains": DOMAIN.but(rule="至少一项"),
        "populations": POPULATION.but(rule="至少一项"),
        "capacity": Term(
            "容量",
            "可提供的总量,含已被任务占用的部分;单位见 capacityUnit",
            rule="大于 0,不超过 1000000;修改时不能低于已被任务占用的数量",
        ),
        "capacityUnit": Term("容量单位", "如 人次、场、台", rule="1-20 字"),
        "availableFrom": Term("可提供起始日期"),
        "availableUntil": Term("可提供截止日期", rule="不能早于可提供起始日期"),
        "serviceArea": SERVICE_AREA,
        "status": RESOURCE_STATUS,
        "clientId": CLIENT_ID.but(
            "同一单位带同一 clientId 重试时返回第一次登记的资源,不重复登记;已被别的单位用过则为 CONFLICT"
        ),
    },
)

# ---------------------------------------------------------------- the four lists

TASK = Entity(
    Term(
        "任务",
        "四单合一,即任务(做什么)、责任(谁来做)、标准(做到什么程度)、时限(何时完成);确定承接时创建",
    ),
    {
        "id": TASK_ID,
        "title": Term("任务", "做什么;确定承接时取自需求标题"),
        "standard": Term("标准", "做到什么程度(验收标准)", rule="1-500 字"),
        "deadline": Term("时限", "何时完成", rule="不能早于今天"),
        "status": TASK_STATUS,
        "statusLabel": STATUS_LABEL,
        "quantity": Term(
            "占用数量",
            "任务占用的资源容量,按资源的容量单位计,取需求数量与资源剩余容量中的较小者;任务取消时退回",
        ),
        "rating": Term("评价", "完成时给出的 1-5 分,计入责任单位的可靠性;未完成时为空"),
        "comment": Term("评价意见", "完成时填写;未完成时为空"),
        "overrideReason": Term("改选理由", "未选推荐第一位资源时的理由", rule="此时必填;最多 500 字"),
        "recommendedRank": Term(
            "推荐名次", "确定承接时所选资源在推荐中的名次(1 为第一位);导入的任务可能为空"
        ),
        "overdue": Term("是否逾期", "已过时限而仍待启动或推进中;按服务端的当天日期判断"),
        "responsibleUnit": Term("责任单位", "谁来做"),
        "responsibleUnitId": UNIT_ID.but("责任单位(谁来做);不填为资源所属单位"),
        "need": Term("对应的需求", "会议就问题决定的任务为空"),
        "needId": NEED_ID,
        "problem": Term("解决的问题", "针对需求的任务为空"),
        "meeting": Term("作出决定的联席会议", "经推荐确定承接的任务为空"),
        "leader": Term("牵头市领导", "联系市领导牵头的重点任务;否则为空"),
        "resource": Term("使用的资源", "会议决定直接交办、不使用资源时为空"),
        "resourceId": RESOURCE_ID.but(rule="须满足需求的硬性条件,且在为需求推荐的前 50 位之内"),
        "community": Term("所在社区", "需求或问题所在的社区;街道层面的问题为空"),
        "clientId": CLIENT_ID.but(
            "带同一 clientId 重试时返回第一次创建的任务;用于另一项需求时拒绝(CONFLICT)"
        ),
    },
)
RESPONSIBILITY = Entity(
    Term("责任清单行", "一个责任单位及其负责的任务;计数只计本次列出的任务"),
    {
        "unit": Term("责任单位"),
        "tasks": Term("任务", "该单位负责的任务,按时限排序"),
        "open": Term("未完成", "待启动和推进中的任务数"),
        "done": Term("已完成", "已完成的任务数"),
        "overdue": Term("逾期", "逾期的任务数"),
    },
)

# ---------------------------------------------------------------- the audit trail

AUDIT_RECORD = Entity(
    Term("审计记录", "每个成功的变更一条,记录谁、何时、做了什么;只增不改"),
    {
        "id": Term("记录编号"),
        "at": Term("时间", "服务端写入记录的时间"),
        "actor": Term("操作者", "令牌主体(sub)及角色,如 u123 (COMMUNITY_ADMIN)"),
        "role": Term("角色", "操作者的角色代码,如 ORG_ADMIN"),
        "action": Term("操作", "变更(mutation)名称,如 createNeed"),
        "target": Term(
            "操作对象",
            "对象编号;登记需求时为社区,登记资源时为单位,大党委成员与联席会议为大党委,"
            "设置联系市领导为社区,确定承接为需求,其余为被操作的对象本身",
        ),
        "detail": Term("详情", "输入要点,JSON 文本"),
        "requestId": Term(
            "请求编号",
            "写入这条记录的 HTTP 请求的编号(X-Request-Id:客户端给出的或服务端生成的),与服务端请求日志中的 "
            "requestId 相同,便于追查;早于此功能的记录为空",
        ),
    },
)

# ---------------------------------------------------------------- the network around a node, the city's figures

NETWORK_CENTERS = "社区、街道、成员单位、市领导、社区大党委或街道大工委"
NETWORK = Entity(
    Term(
        "共建网络",
        f"以{NETWORK_CENTERS}为中心的组织关系(不含需求、资源和任务),可直接用于前端绘图",
    ),
    {
        "nodes": Term("节点", "中心节点在前,由近及远"),
        "edges": Term("关系"),
        "truncated": Term("是否截断", "节点超过 500 个时只返回离中心最近的 500 个,此时为 true"),
    },
)
NETWORK_NODE = Entity(
    Term("网络节点", "共建网络中的一个组织或人员"),
    {
        "id": Term("节点编号", "即该组织或人员的编号"),
        "label": Term(
            "节点类型",
            "Street、Community、Grid、CommunityCommittee、StreetWorkingCommittee、Unit、Leader 或 Person",
        ),
        "kind": UNIT_KIND.but("单位类型代码,取值同 UnitKind;仅 Unit 节点有,其他为空"),
        "name": Term("名称", "人员(Person、Leader)的姓名为个人信息,未登录和只读用户看到 ***"),
    },
)
NETWORK_EDGE = Entity(
    Term("网络关系"),
    {
        "source": Term("起点节点编号"),
        "target": Term("终点节点编号"),
        "type": Term(
            "关系类型",
            "PART_OF 隶属、HAS_COMMITTEE 设有、MEMBER_OF 大党委成员单位、PART_TIME_MEMBER_OF 大工委兼职委员单位、"
            "SECRETARY_OF 任书记、FIRST_SECRETARY_OF 任第一书记、CONTACTS 联系、WORKS_AT 任职于",
        ),
    },
)
COUNT = Entity(
    Term("计数"),
    {
        "key": Term("代码", "枚举代码,如 X、AGENCY、PUBLISHED"),
        "label": Term("名称", "代码的中文名称"),
        "count": Term("数量"),
    },
)
CITY = Entity(
    Term("城市", "城市概况:文章所载的面积、人口、城镇化率与行政区划数字(导入数据时写入,不是统计所得)"),
    {
        "id": Term("城市编号"),
        "name": Term("城市名称"),
        "source": SOURCE,
        "areaKm2": Term("占地面积(平方公里)"),
        "population": Term("总人口"),
        "urbanPopulation": Term("市区人口"),
        "urbanizationRate": Term("城镇化率(%)", "百分数,如 72.75 即 72.75%"),
        "towns": Term("下辖镇数"),
        "streetsCount": Term("下辖街道数", "文章所载;图中的街道见 streets"),
        "highTechZones": Term("国家级高新区数"),
        "villagesAndCommunities": Term("村和社区数", "含农村的村和城市社区"),
        "urbanCommunities": Term("城市社区数", "文章所载;图中的社区数见 cityStats.communities"),
        "streets": Term("下辖街道", "图中属于本市的街道,按名称排序"),
        "prefecture": Term("所属地级市", "如天长市属滁州市"),
        "kind": Term("城市类型", "县级市、市辖区或县(县级行政区),是全市范围资源的服务范围"),
        "kindLabel": Term("城市类型(中文)"),
        "province": Term("所属省份", "全省范围的资源可服务省内各城市"),
    },
)
PROVINCE = Entity(
    Term("省", "图中的省份:其下各城市;全省范围的资源和省直单位属于省"),
    {
        "id": Term("省编号"),
        "name": Term("省名称"),
        "source": SOURCE,
        "cities": Term("下辖城市", "图中属于本省的县级市、市辖区和县,按编号排序"),
    },
)
CITY_STATS = Entity(
    Term("全市概况", "全市城市基层党建共建网络的数字,按图中当前数据实时统计"),
    {
        "streets": Term("街道数"),
        "communities": Term("社区数"),
        "grids": Term("网格数"),
        "gridWorkers": Term("网格员人数", "各网格网格员人数之和"),
        "compounds": Term("小区数"),
        "compoundPartyOrganizations": Term("小区党组织数", "建有小区党支部的小区数"),
        "communityCommittees": Term("社区大党委数"),
        "streetWorkingCommittees": Term("街道大工委数"),
        "memberUnits": Term("成员单位数", "加入社区大党委或任街道大工委兼职委员的单位数"),
        "membersBySeat": Term("大党委席位数", "按席位(X / N)统计;一家单位在几个大党委就计几次"),
        "unitsByKind": Term("成员单位类型分布", "成员单位数按单位类型统计"),
        "contactPoints": Term("市领导联系点数"),
        "needsByStatus": Term("需求状态分布", "需求数按状态统计"),
        "resources": Term("资源数", "含已撤回的资源"),
        "jointMeetings": Term("联席会议数"),
        "problemsSolved": Term("解决实际问题数", "各次联席会议解决实际问题数之和"),
    },
)

# ---------------------------------------------------------------- matching

SCORE_COMPONENT = Entity(
    Term("评分分项", "权重 × 取值 计入得分,附中文理由"),
    {
        "name": Term(
            "分项代码(name)",
            "category、text、concept、locality、capacity、time、reliability、fairness 之一",
        ),
        "label": Term("分项名称", "分项的中文名称"),
        "weight": Term("权重", "默认各分项权重之和为 1;服务端可用 ORGGRAPH_MATCH_WEIGHTS 调整"),
        "value": Term("取值", "0 到 1"),
        "reason": Term("理由", "本分项取值的中文说明"),
    },
)
MATCH_CANDIDATE = Entity(
    Term("推荐资源", "为需求推荐的一项资源,附得分与理由;最终由人决定"),
    {"score": SCORE, "components": COMPONENTS, "reason": REASON, "resource": Term("推荐的资源")},
)
NEED_MATCH = Entity(
    Term("可服务的需求", "资源可服务的一项需求,附得分与理由"),
    {"score": SCORE, "components": COMPONENTS, "reason": REASON, "need": Term("需求")},
)
PLANNED_MATCH = Entity(
    Term("方案中的一对", "整体对接方案中的一项,即需求与承接资源"),
    {
        "score": SCORE,
        "quantity": Term("占用数量", "需求将占用的资源容量,取需求数量与资源剩余容量中的较小者"),
        "reason": REASON,
        "need": Term("需求"),
        "resource": Term("承接资源"),
    },
)
MATCH_PLAN = Entity(
    Term(
        "整体对接方案",
        f"为范围内{OPEN_NEEDS}分配资源,每项需求至多一项资源,不超出资源剩余容量,总分最高;只是建议,不写入",
    ),
    {
        "matches": Term("对接项"),
        "needsConsidered": Term("纳入方案的需求数", f"范围内{OPEN_NEEDS}数"),
        "needsAssigned": Term("分配到资源的需求数"),
        "needsWithoutCandidates": Term("无候选资源的需求数", "没有任何资源满足硬性条件的需求数"),
        "totalScore": Term("总分", "各对接项得分之和"),
        "optimal": Term(
            "是否最优",
            "求解器在 0.5% 的相对误差内证明最优时为 true;超过求解时限时为 false,方案为已找到的最好结果",
        ),
        "solverSeconds": Term("求解耗时(秒)"),
    },
)

# ---------------------------------------------------------------- filters

ALL_OF = "各条件同时满足;不填的条件不限制"
NEED_FILTER = Entity(
    Term("需求库筛选条件", ALL_OF),
    {
        "communityId": COMMUNITY_ID.but("只看该社区的需求"),
        "streetId": STREET_ID.but("只看该街道各社区的需求"),
        "cityId": CITY_ID.but("只看该城市各社区的需求"),
        "status": NEED_STATUS.but(ANY_OF),
        "domain": DOMAIN,
        "supportType": SUPPORT_TYPE.but("所需支持类型包含此项"),
        "overdue": Term("是否逾期", "true 只看逾期的,false 只看未逾期的"),
        "search": SEARCH,
    },
)
RESOURCE_FILTER = Entity(
    Term("资源库筛选条件", ALL_OF),
    {
        "unitId": UNIT_ID.but("只看该单位的资源"),
        "cityId": CITY_ID.but("只看该城市单位的资源(省直单位的资源不属于任何城市)"),
        "status": RESOURCE_STATUS.but(ANY_OF),
        "supportType": SUPPORT_TYPE,
        "domain": DOMAIN.but("服务领域包含此项"),
        "serviceArea": SERVICE_AREA,
        "search": SEARCH,
    },
)
TASK_FILTER = Entity(
    Term("四单筛选条件", ALL_OF),
    {
        "cityId": CITY_ID.but("需求或问题所在城市"),
        "streetId": STREET_ID.but("需求所在街道"),
        "communityId": COMMUNITY_ID.but("需求所在社区"),
        "unitId": UNIT_ID.but("责任单位"),
        "status": TASK_STATUS.but(ANY_OF),
        "deadlineFrom": Term("时限起", "时限不早于此日期"),
        "deadlineTo": Term("时限止", "时限不晚于此日期;不能早于时限起"),
    },
)

EVENT_ID = Term("事件编号", "事件在事件日志中的序号,各 API 进程一致;断线重连时作为 after 传回")
EVENT_AT = Term("时间", "变更提交的时间")
EVENT_ACTION = AUDIT_RECORD.fields["action"].but("引起此事件的变更(mutation)名称,如 createNeed")
NEED_EVENT = Entity(
    Term("需求变动事件", "一个需求被登记、修改、推进、认领或因任务而变动"),
    {"id": EVENT_ID, "at": EVENT_AT, "action": EVENT_ACTION, "need": Term("需求", "读取事件时的需求")},
)
TASK_EVENT = Entity(
    Term("任务变动事件", "一项任务被创建(确定承接)、启动、取消或完成;是否逾期见 task.overdue"),
    {"id": EVENT_ID, "at": EVENT_AT, "action": EVENT_ACTION, "task": Term("任务", "读取事件时的任务")},
)
MEETING_EVENT = Entity(
    Term("联席会议事件", "大党委记录了一次联席会议"),
    {"id": EVENT_ID, "at": EVENT_AT, "action": EVENT_ACTION, "meeting": Term("联席会议")},
)
_EVENT_AFTER = Term(
    "上次收到的事件编号",
    "断线重连时传回,先补发此后错过的事件(最多 ORGGRAPH_EVENTS_REPLAY_MAX 条,超出则报 EVENTS_EXPIRED);不填则从现在起",
)
_SUBSCRIBE = (
    "graphql-transport-ws 协议,connection_init 的 payload 须含 Authorization: Bearer 令牌;"
    "只推送角色范围内的事件(区县组织部和只读用户全市,街道本街道,社区本社区,成员单位本单位的任务),"
    "按事件编号顺序、不重不漏;"
)


# ---------------------------------------------------------------- reports and dispatch (智慧管家, #14)

REPORT_ID = Term("反映编号")
DEPARTMENT_ID = Term("承办部门编号", "成员单位的编号")
HOURS = Term("办理时限(小时)", rule="1-720 小时")
CATEGORY = Term(
    "问题类别", "派单表中的类别代码,如 PARKING、GARBAGE", rule="1-40 个大写英文字母、数字或 _,以字母开头"
)
CAMPAIGN = Term("四大破题", "停车难 PARKING、收费难 FEES、充电乱 CHARGING、垃圾乱 GARBAGE;不属于其中时为空")
REPORTER = "上报人的个人信息,只对办理此反映的人(组织部、所在街道的指挥中心、当前承办部门的用户)和上报人本人显示,其他人看到 ***"
REPORT_ENUMS: dict[str, Term] = {
    "ReportStatus": Term("反映状态", "待派单 → 已派单 → 已接单 → 已办结待评价 → 已关闭;不满意可重办"),
    "ReporterRole": Term("上报人身份"),
    "Satisfaction": Term("群众满意度"),
    "ReportTheme": CAMPAIGN,
    "ReportAction": Term("办理环节"),
}
ENUMS.update(REPORT_ENUMS)
REPORT = Entity(
    Term(
        "群众反映(智慧管家)",
        "网格员或居民通过天长智慧管家 APP 反映的小区物业管理问题,由指挥中心分类派单、限期办结",
    ),
    {
        "id": REPORT_ID,
        "category": CATEGORY.but(rule=""),
        "categoryLabel": Term("类别名称", "派单表中该类别的中文名称;派单表中没有时为类别代码"),
        "text": Term("反映内容"),
        "reporterRole": Term("上报人身份"),
        "reporterName": Term("上报人姓名", REPORTER + ";未留姓名时为空"),
        "reporterPhone": Term("上报人电话", REPORTER + ";未留电话时为空"),
        "reportedAt": Term("上报时间"),
        "status": Term("反映状态"),
        "statusLabel": STATUS_LABEL,
        "campaign": CAMPAIGN,
        "compound": Term("反映所在小区"),
        "department": Term("承办部门", "当前承办的成员单位;未派单时为空(改派前的部门见 events)"),
        "dispatchedAt": Term("派单时间", "派给当前承办部门的时间"),
        "deadline": Term("办结时限", "派单时间加派单表中该类别的时限(或指挥中心指定的时限)"),
        "acceptedAt": Term("接单时间"),
        "handledAt": Term("办结时间"),
        "handlingNote": Term("办理情况"),
        "closedAt": Term("关闭时间", "上报人评价的时间"),
        "satisfaction": Term("满意度", "上报人的评价;未评价(或不满意要求重办)时为空"),
        "overdue": Term("是否逾期", "派单后已过时限仍未办结;按服务端当前时间判断"),
        "handledLate": Term("是否超时办结", "办结时间晚于时限;未办结时为空"),
        "events": Term("办理记录", "上报、派单、改派(含理由)、接单、办结、评价,按时间排序"),
        "compoundId": Term("小区编号"),
        "clientId": CLIENT_ID,
        "reason": Term("改派理由", rule="1-200 字"),
        "note": Term("办理情况", rule="1-500 字"),
        "comment": Term("评价意见", rule="最多 500 字"),
        "reopen": Term("要求重办", "只有不满意时可为 true:反映回到指挥中心重新派单;不填为 false"),
    },
)
REPORT_EVENT = Entity(
    Term("办理记录", "反映办理的一个环节"),
    {
        "at": Term("时间"),
        "action": Term("环节"),
        "actionLabel": Term("环节名称"),
        "status": Term("此后的状态"),
        "by": Term("操作人", "登录账号;只对办理此反映的人显示,其他人看到 ***"),
        "note": Term("说明", "改派理由、办理情况或评价意见"),
        "department": Term("承办部门", "派单、改派的目标部门,接单、办结时的承办部门"),
        "satisfaction": Term("满意度", "评价环节的评价"),
    },
)
DISPATCH_RULE = Entity(
    Term("派单规则", "派单表的一行:某类问题派给哪个部门、限多少小时办结"),
    {
        "category": CATEGORY,
        "label": Term("类别名称", rule="1-40 字"),
        "department": Term("承办部门"),
        "hours": HOURS,
        "campaign": CAMPAIGN.but(rule="不填表示不属于四大破题"),
    },
)
REPORT_FIGURES = Entity(
    Term("反映办理数字", "某部门(或全市)在期间内上报的反映的办理情况,每个比率都附其计算所用的件数"),
    {
        "department": Term("承办部门", "全市合计或尚未派单的一行为空"),
        "received": Term("收到件数", "期间内上报、当前由该部门承办的反映数(全市:期间内上报的全部反映)"),
        "handled": Term("已办结件数", "已办结(含已关闭)的件数"),
        "handledOnTime": Term("按时办结件数", "办结时间不晚于时限"),
        "handledLate": Term("超时办结件数", "办结时间晚于时限"),
        "open": Term("办理中件数", "已派单或已接单、尚未办结"),
        "overdueOpen": Term("逾期未办结件数", "办理中且已过时限"),
        "rated": Term("已评价件数"),
        "satisfied": Term("满意件数"),
        "basicallySatisfied": Term("基本满意件数"),
        "dissatisfied": Term("不满意件数"),
        "satisfactionRate": Term(
            "满意率", "(满意 + 基本满意) / 已评价,0-1 之间的比例,保留四位小数(0.9894 即 98.94%);无评价时为空"
        ),
        "onTimeRate": Term("按时办结率", "按时办结 / (按时 + 超时),0-1 之间的比例,保留四位小数;无办结时为空"),
        "explanation": Term("计算说明", "各数字及比率的算式"),
    },
)
REPORT_STATS = Entity(
    Term("部门办理考核数字", "期间内各承办部门的反映办理数字与全市合计,计入部门考核"),
    {
        "from": Term("起始时间"),
        "to": Term("截止时间"),
        "departments": Term("各承办部门", "派单表中的部门及期间内承办过反映的部门,按收到件数倒序"),
        "city": Term("全市合计", "含尚未派单的反映"),
    },
)
REPORT_FILTER = Entity(
    Term("群众反映筛选条件", ALL_OF),
    {
        "status": Term("反映状态", ANY_OF),
        "compoundId": Term("小区编号", "只看该小区的反映"),
        "communityId": COMMUNITY_ID.but("只看该社区各小区的反映"),
        "streetId": STREET_ID.but("只看该街道各小区的反映"),
        "departmentId": DEPARTMENT_ID.but("只看当前由该部门承办的反映"),
        "category": Term("问题类别", "只看该类别的反映"),
        "campaign": Term("四大破题", "只看该专项的反映"),
        "overdue": Term("是否逾期", "true 只看逾期未办结的,false 只看其余的"),
        "from": Term("起始时间", "上报时间不早于此"),
        "to": Term("截止时间", "上报时间早于此"),
    },
)
REPORT_ENTITIES: dict[str, Entity] = {
    "Report": REPORT,
    "ReportEvent": REPORT_EVENT,
    "DispatchRule": DISPATCH_RULE,
    "ReportFigures": REPORT_FIGURES,
    "ReportStats": REPORT_STATS,
    "ReportFilter": REPORT_FILTER,
}
REPORT_USE_CASES: dict[str, UseCase] = {
    "report": UseCase(Term("按编号查群众反映", "不存在时为空"), {"id": REPORT_ID}),
    "reports": UseCase(
        Term("群众反映列表(指挥中心的派单队列)", "按上报时间倒序分页"),
        {
            "filter": Term("筛选条件", "不填为全部"),
            "first": Term("条数", "取前 N 条,默认 20", rule="0-100"),
            "after": Term("游标", "只取此游标之后的条目,通常是上一页的 endCursor"),
        },
    ),
    "dispatchRules": UseCase(Term("派单表", "各类问题的承办部门和办理时限,按类别代码排序")),
    "departmentReportStats": UseCase(
        Term(
            "部门办理考核数字", "期间内上报的反映,按当前承办部门统计收到、按时、超时、逾期、满意率,附全市合计"
        ),
        {
            "from": Term("起始时间", rule="不填为 2021-01-01"),
            "to": Term("截止时间", rule="不填为现在"),
            "departmentId": DEPARTMENT_ID.but("只列此部门(全市合计不变)"),
        },
    ),
    "submitReport": UseCase(
        Term(
            "上报群众反映",
            "网格员或居民反映小区物业管理问题;网格员以网格员身份、居民以居民身份上报,"
            "指挥中心代录时须注明上报人身份;带同一 clientId 重试不会重复",
        ),
        action=Action.SUBMIT_REPORT,
        input=Term("上报群众反映"),
    ),
    "dispatchReport": UseCase(
        Term(
            "分类派单",
            "指挥中心确定类别(及四大破题)并派给承办部门;不指定部门时按派单表中该类别的规则派单并定时限,"
            "派单表中没有该类别时须指定部门和时限;再次派给同一部门不会重复",
        ),
        action=Action.DISPATCH_REPORT,
        input=Term("分类派单"),
    ),
    "reassignReport": UseCase(
        Term("改派", "把已派单或已接单的反映改派给另一部门,须写明理由;原派单作为历史保留,时限重新计算"),
        action=Action.DISPATCH_REPORT,
        input=Term("改派"),
    ),
    "acceptReport": UseCase(
        Term("接单", "承办部门确认接收派单;重复接单不会重复记录"),
        {"id": REPORT_ID},
        Action.HANDLE_REPORT,
    ),
    "handleReport": UseCase(
        Term("办结", "承办部门写明办理情况并办结,等待上报人评价;可不经接单直接办结"),
        action=Action.HANDLE_REPORT,
        input=Term("办结"),
    ),
    "rateReport": UseCase(
        Term(
            "评价并关闭",
            "上报人对办理结果评价(满意、基本满意、不满意)后关闭;不满意时可要求重办(reopen),"
            "反映回到指挥中心重新派单,评价记入办理记录",
        ),
        action=Action.RATE_REPORT,
        input=Term("评价"),
    ),
    "setDispatchRule": UseCase(
        Term("设置派单规则", "新增或修改派单表中某类别的承办部门、时限和四大破题;已派出的反映不受影响"),
        action=Action.EDIT_DISPATCH_TABLE,
        input=Term("派单规则"),
    ),
}


ENTITIES: dict[str, Entity] = {
    "Query": Entity(
        Term(
            "查询",
            "除 matchNeed、matchResource、planMatches、auditLog 外均可匿名读取;人员姓名默认只对已登录的非只读用户显示",
        )
    ),
    "Subscription": Entity(
        Term(
            "订阅",
            "实时推送(WebSocket,graphql-transport-ws 协议);任何 API 进程上的变更都会推送给所有进程的订阅者",
        )
    ),
    "NeedEvent": NEED_EVENT,
    "TaskEvent": TASK_EVENT,
    "MeetingEvent": MEETING_EVENT,
    "Mutation": Entity(
        Term(
            "变更",
            "均须登录(Authorization: Bearer 令牌),按角色和范围授权;每个变更在一个事务中完成,"
            "被拒绝时不写入任何数据;成功的变更各记一条审计记录",
        )
    ),
    "Street": STREET,
    "Problem": PROBLEM,
    "Decision": DECISION,
    "Escalation": ESCALATION,
    "SecretaryWorkList": SECRETARY_WORK_LIST,
    "MeetingGap": MEETING_GAP,
    "StreetWorkingCommittee": WORKING_COMMITTEE,
    "Community": COMMUNITY,
    "CommunityCommittee": COMMITTEE,
    "Membership": MEMBERSHIP,
    "Unit": UNIT,
    "Leader": LEADER,
    "Person": PERSON,
    "WorkingCommitteeMember": WORKING_COMMITTEE_MEMBER,
    "Project": PROJECT,
    "ProjectNote": PROJECT_NOTE,
    "UnitEvaluation": UNIT_EVALUATION,
    "Grid": GRID,
    "Compound": COMPOUND,
    "JointMeeting": MEETING,
    "Contact": CONTACT,
    "SecretaryTerm": SECRETARY_TERM,
    "LeaderTerm": LEADER_TERM,
    "CommitteeHistory": COMMITTEE_HISTORY,
    "CommitteeComposition": COMMITTEE_COMPOSITION,
    "Need": NEED,
    "NeedStep": NEED_STEP,
    "Resource": RESOURCE,
    "Task": TASK,
    "Responsibility": RESPONSIBILITY,
    "AuditRecord": AUDIT_RECORD,
    "Network": NETWORK,
    "NetworkNode": NETWORK_NODE,
    "NetworkEdge": NETWORK_EDGE,
    "Count": COUNT,
    "TaskStats": Entity(
        Term("四单统计", "范围内全部任务的数字(不受清单 500 行的限制)"),
        {
            "byStatus": Term("按状态", "每种任务状态的任务数,按状态顺序"),
            "overdue": Term("逾期", "已过时限仍未完成(待启动或推进中)的任务数;按服务端的当天日期判断"),
            "dueSoon": Term("7 日内到期", "未完成、时限在今天起 7 日内的任务数"),
            "acceptedByMonth": Term(
                "每月确定承接",
                "按任务创建(确定承接)的月份计数,key 为 YYYY-MM;演示数据载入的任务无创建时间,不计",
            ),
        },
    ),
    "City": CITY,
    "Province": PROVINCE,
    "CityStats": CITY_STATS,
    "ScoreComponent": SCORE_COMPONENT,
    "MatchCandidate": MATCH_CANDIDATE,
    "NeedMatch": NEED_MATCH,
    "PlannedMatch": PLANNED_MATCH,
    "MatchPlan": MATCH_PLAN,
    "NeedFilter": NEED_FILTER,
    "ResourceFilter": RESOURCE_FILTER,
    "TaskFilter": TASK_FILTER,
    **REPORT_ENTITIES,
}

# ---------------------------------------------------------------- queries and mutations

LIST_FILTER = Term("筛选条件", "不填为全部")
_MAX_ROWS = "最多 500 条"


def _by_id(entity: Entity, id_term: Term) -> UseCase:
    return UseCase(Term(f"按编号查{entity.term.label.split('(')[0]}", "不存在时为空"), {"id": id_term})


USE_CASES: dict[str, UseCase] = {
    # the network
    "community": _by_id(COMMUNITY, COMMUNITY_ID),
    "streets": UseCase(
        Term("全部街道", "按名称排序"), {"cityId": CITY_ID.but("只列该城市的街道;不填为全部")}
    ),
    "street": _by_id(STREET, STREET_ID),
    "unit": _by_id(UNIT, UNIT_ID),
    "leaders": UseCase(
        Term("全部市领导", "按姓名排序"), {"cityId": CITY_ID.but("只列在该城市机关任职的市领导;不填为全部")}
    ),
    "leader": _by_id(LEADER, LEADER_ID),
    "committee": _by_id(COMMITTEE, COMMITTEE_ID),
    "network": UseCase(
        Term("共建网络", f"以{NETWORK_CENTERS}为中心的组织关系网络"),
        {
            "centerId": Term("中心节点编号", f"{NETWORK_CENTERS}的编号"),
            "depth": Term("层数", "从中心向外的关系层数", rule="1-3"),
        },
    ),
    "cityStats": UseCase(
        Term("全市概况", "组织部上报的数字"),
        {"cityId": CITY_ID.but("只统计该城市;不填为图中全部(只有一个城市时即本市)")},
    ),
    "problem": _by_id(PROBLEM, PROBLEM_ID),
    "problems": UseCase(
        Term("问题清单", "按提出日期倒序;" + "最多 500 条"),
        {
            "streetId": STREET_ID.but("只列此街道(含其社区)的问题"),
            "communityId": COMMUNITY_ID.but("只列此社区的问题"),
            "level": Term("只列此层级的问题"),
            "status": Term("只列此解决状况的问题"),
        },
    ),
    "secretaryWorkList": UseCase(SECRETARY_WORK_LIST.term, {"year": Term("年度", rule="2000-2100")}),
    "keyTasks": UseCase(
        Term("市领导重点任务", "联系市领导牵头的任务,按时限排序"),
        {
            "leaderId": LEADER_ID.but("只列此市领导的重点任务"),
            "year": Term("年度", "只列该年作出决定(创建)的任务", rule="2000-2100"),
        },
    ),
    "jointMeetings": UseCase(
        Term("联席会议记录", "按会议日期倒序;最多 500 条"),
        {
            "committeeId": Term("委员会编号", "只列此社区大党委或街道大工委的会议"),
            "streetId": STREET_ID.but("只列此街道(街道大工委及其社区大党委)的会议"),
            "from": Term("起始日期"),
            "to": Term("截止日期"),
        },
    ),
    "meetingGaps": UseCase(
        MEETING_GAP.term.but("期间有季度未召开联席会议的社区大党委和街道大工委,按名称排序"),
        {"from": Term("起始日期", rule="不填为 2021-01-01"), "to": Term("截止日期", rule="不填为今天")},
    ),
    # the street working committee's people and projects (issue #13)
    "project": _by_id(PROJECT, PROJECT.fields["id"].but(rule="")),
    "workingCommitteeGaps": UseCase(
        Term(
            "未牵头项目的兼职委员",
            "该年度在任过、却未牵头任何党建项目的街道大工委兼职委员(每人每年应牵头 1-2 个)",
        ),
        {"streetId": STREET_ID, "year": Term("年度")},
    ),
    "city": UseCase(
        Term("城市概况", "本市的面积、人口、城镇化率、区划数字和下辖街道;未导入城市时为空"),
        {"id": CITY_ID.but("不填为图中第一个城市(只有一个城市时即本市)")},
    ),
    "cities": UseCase(
        Term("城市列表", "图中的县级市、市辖区和县,按编号排序"),
        {"provinceId": Term("省编号", "只列该省的城市;不填为全部")},
    ),
    "province": UseCase(Term("省份", "图中的省份及其城市"), {"id": Term("省编号", "不填为图中第一个省")}),
    # matching
    "matchNeed": UseCase(
        Term(
            "为需求推荐资源",
            "先按硬性条件(未撤回、支持类型、剩余容量、可提供时间、服务范围)筛选,再按加权得分排序,附理由;"
            "已完成、已评价、不予采纳的需求不再匹配",
        ),
        {"needId": NEED_ID, "limit": LIMIT},
        Action.MATCH,
    ),
    "matchResource": UseCase(
        Term(
            "为资源找需求",
            f"反向匹配,该资源在一个城市里最能服务的{OPEN_NEEDS};已撤回的资源不再匹配",
        ),
        {
            "resourceId": RESOURCE_ID,
            "limit": LIMIT,
            "cityId": CITY_ID.but(
                "在哪个城市找需求;不填为资源所属单位的城市。全省范围的资源可服务本省任一城市;省直单位的资源必须指定"
            ),
        },
        Action.MATCH,
    ),
    "planMatches": UseCase(
        Term(
            "整体对接方案",
            f"为范围内{OPEN_NEEDS}分配资源,容量不超、总分最高;只是建议,不写入;一次请求只能有一个 planMatches",
        ),
        {
            "streetId": STREET_ID.but("只为该街道的需求出方案"),
            "communityId": COMMUNITY_ID.but("只为该社区的需求出方案;与 streetId 都不填为全市"),
            "cityId": CITY_ID.but("为该城市的需求出方案;都不填为图中唯一的城市(有多个城市时必须指定)"),
        },
        Action.PLAN_MATCHES,
    ),
    # the audit trail
    "auditLog": UseCase(
        Term("审计日志", "最新在前"),
        {
            "first": Term("条数", rule="最多 500"),
            "action": AUDIT_RECORD.fields["action"].but("只看该变更名称的记录,如 acceptMatch"),
            "actor": AUDIT_RECORD.fields["actor"].but("只看该操作者的记录,须与记录的操作者完全一致"),
            "target": AUDIT_RECORD.fields["target"].but("只看该对象编号的记录"),
        },
        Action.READ_AUDIT,
    ),
    # subscriptions
    "needChanged": UseCase(
        Term("需求变动", _SUBSCRIBE + "可按街道、社区筛选"),
        {
            "streetId": STREET_ID.but("只收该街道的需求"),
            "communityId": COMMUNITY_ID.but("只收该社区的需求"),
            "after": _EVENT_AFTER,
        },
        Action.SUBSCRIBE,
    ),
    "taskChanged": UseCase(
        Term("任务变动", _SUBSCRIBE + "可按街道、社区、责任单位筛选"),
        {
            "streetId": STREET_ID.but("只收该街道的任务"),
            "communityId": COMMUNITY_ID.but("只收该社区的任务"),
            "unitId": UNIT_ID.but("只收该单位负责的任务"),
            "after": _EVENT_AFTER,
        },
        Action.SUBSCRIBE,
    ),
    "meetingRecorded": UseCase(
        Term("联席会议记录", _SUBSCRIBE + "可按街道、社区筛选"),
        {
            "streetId": STREET_ID.but("只收该街道各社区的会议"),
            "communityId": COMMUNITY_ID.but("只收该社区大党委的会议"),
            "after": _EVENT_AFTER,
        },
        Action.SUBSCRIBE,
    ),
    # the two libraries
    "need": _by_id(NEED, NEED_ID),
    "resource": _by_id(RESOURCE, RESOURCE_ID),
    # the four lists
    "taskList": UseCase(Term("任务清单", f"做什么;按创建时间排序,{_MAX_ROWS}"), {"filter": LIST_FILTER}),
    "responsibilityList": UseCase(
        Term("责任清单", f"谁来做;按责任单位名称分组,组内按时限排序;{_MAX_ROWS}任务"),
        {"filter": LIST_FILTER},
    ),
    "standardList": UseCase(
        Term("标准清单", f"做到什么程度;按创建时间排序,{_MAX_ROWS}"), {"filter": LIST_FILTER}
    ),
    "timeLimitList": UseCase(
        Term("时限清单", f"何时完成;按时限排序,逾期的由 overdue 标出;{_MAX_ROWS}"), {"filter": LIST_FILTER}
    ),
    "task": _by_id(TASK, TASK_ID),
    "taskStats": UseCase(
        Term("四单统计", "任务按状态、逾期、7 日内到期与每月确定承接的数字;不填范围为全市"),
        {
            "cityId": CITY_ID.but("只统计该城市的任务"),
            "streetId": STREET_ID.but("只统计该街道的任务"),
            "communityId": COMMUNITY_ID.but("只统计该社区的任务"),
        },
    ),
    # mutations of the network
    "createUnit": UseCase(
        Term("新建成员单位", "用同一编号和相同内容重试时返回已建的单位"),
        action=Action.MANAGE_NETWORK,
        input=Term("新建成员单位"),
    ),
    "updateUnit": UseCase(
        Term("修改成员单位", "改类型时须与其大党委席位一致"),
        action=Action.EDIT_UNIT,
        input=Term("修改成员单位", "不填的字段保持不变"),
    ),
    "addCommitteeMember": UseCase(
        Term(
            "增补大党委成员单位",
            "席位须与单位类型一致(机关企事业单位为 X,非公企业和社会组织为 N);一家单位在一个大党委只占一席",
        ),
        {
            "committeeId": COMMITTEE_ID,
            "unitId": UNIT_ID,
            "seat": MEMBERSHIP.fields["seat"],
            "since": MEMBERSHIP.fields["since"].but(""),
        },
        Action.EDIT_COMMITTEE,
    ),
    "removeCommitteeMember": UseCase(
        Term(
            "移出大党委成员单位",
            "成员关系结束(记退出日期,保留在组成沿革中),不删除;不能移出某一席位(X 或 N)的最后一家单位",
        ),
        {
            "committeeId": COMMITTEE_ID,
            "unitId": UNIT_ID,
            "until": MEMBERSHIP.fields["until"].but("", rule="不填为今天;不能晚于今天"),
        },
        Action.EDIT_COMMITTEE,
    ),
    "setContactLeader": UseCase(
        Term(
            "设置联系市领导",
            "该领导联系此社区并任其大党委第一书记,原有的联系与第一书记关系结束并记入沿革;"
            "若该领导原联系另一社区且此社区原有联系市领导,两位领导互换联系点;"
            "此社区原无联系市领导时,该领导移来,另一社区暂无联系市领导;已卸任的领导不能设置;社区须已建大党委",
        ),
        dict(CONTACT.fields),
        Action.MANAGE_NETWORK,
    ),
    "addWorkingCommitteeMember": UseCase(
        Term(
            "增补大工委兼职委员",
            "人员以其在市直单位(机关、事业单位、国有企业)的职务任兼职委员;新人员同时登记;"
            "以同一单位和职务重试不会重复",
        ),
        action=Action.EDIT_WORKING_COMMITTEE,
        input=Term("增补兼职委员"),
    ),
    "removeWorkingCommitteeMember": UseCase(
        Term("兼职委员离任", "任职记录保留并写明离任日期;以同一离任日期重试不会重复"),
        action=Action.EDIT_WORKING_COMMITTEE,
        input=Term("兼职委员离任"),
    ),
    "createProject": UseCase(
        Term("创建党建项目", "牵头人须为该大工委现任兼职委员,涉及社区须在本街道"),
        action=Action.EDIT_PROJECT,
        input=Term("新建党建项目"),
    ),
    "updateProject": UseCase(
        Term("修改党建项目", "修改标题、描述、状态或涉及社区"),
        action=Action.EDIT_PROJECT,
        input=Term("修改党建项目", "不填的字段保持不变"),
    ),
    "addProjectNote": UseCase(
        Term("记录项目进展", "为党建项目添加一条带日期的进展记录"),
        action=Action.EDIT_PROJECT,
        input=Term("项目进展记录"),
    ),
    "evaluateUnit": UseCase(
        Term(
            "社区年度评价成员单位",
            "社区党组织对本社区大党委现任成员单位的年度评价(0-100 分与评语);同一年度再评价会覆盖,"
            "每次都记入审计日志;最近一年的评价计入推荐的可靠性",
        ),
        action=Action.EVALUATE_UNIT,
        input=Term("年度评价"),
    ),
    "createLeader": UseCase(
        Term("新增市领导", "换届或调整时新增;联系点用 setContactLeader 设置"),
        action=Action.MANAGE_NETWORK,
        input=Term("新增市领导"),
    ),
    "updateLeader": UseCase(
        Term("修改市领导", "姓名、职务、所在单位"),
        action=Action.MANAGE_NETWORK,
        input=Term("修改市领导", "不填的字段保持不变"),
    ),
    "retireLeader": UseCase(
        Term(
            "市领导卸任",
            "不再联系社区、不再任第一书记(记结束日期,保留沿革),不在「全部市领导」中;"
            "其社区暂无联系市领导,直到设置新的;已卸任的再卸任不变",
        ),
        {"id": LEADER_ID, "on": Term("卸任日期", rule="不填为今天;不能晚于今天")},
        Action.MANAGE_NETWORK,
    ),
    "createPerson": UseCase(
        Term("新增人员", "如新任社区党组织书记、网格长"), action=Action.CREATE_PERSON, input=Term("新增人员")
    ),
    "updatePerson": UseCase(
        Term("修改人员", "更正姓名"), action=Action.MANAGE_NETWORK, input=Term("修改人员")
    ),
    "setCommitteeSecretary": UseCase(
        Term("更换大党委书记", "该人员任书记;原书记的任期在同一天结束,记入组成沿革;已是书记时不变"),
        {
            "committeeId": COMMITTEE_ID,
            "personId": Term("人员编号", "新任书记"),
            "since": Term("任职日期", rule="不填为今天;不能晚于今天,不能早于现任书记的任职日期"),
        },
        Action.EDIT_COMMITTEE,
    ),
    "createGrid": UseCase(
        Term("新建网格", "网格属于一个社区,可指定网格长"), action=Action.EDIT_GRID, input=Term("新建网格")
    ),
    "updateGrid": UseCase(
        Term("修改网格", "名称、户数、网格员人数、网格长;已撤销的网格不能修改"),
        action=Action.EDIT_GRID,
        input=Term("修改网格", "不填的字段保持不变"),
    ),
    "retireGrid": UseCase(
        Term("撤销网格", "网格离开社区、网格长任期结束(均保留沿革);网格内还有小区时拒绝;已撤销的再撤销不变"),
        {"id": Term("网格编号"), "on": Term("撤销日期", rule="不填为今天;不能晚于今天")},
        Action.EDIT_GRID,
    ),
    "createCompound": UseCase(
        Term("新建小区", "小区在一个或几个网格内(须属于同一社区)"),
        action=Action.EDIT_GRID,
        input=Term("新建小区"),
    ),
    "updateCompound": UseCase(
        Term("修改小区", "类型、户数、党支部、所在网格;已撤销的小区不能修改"),
        action=Action.EDIT_GRID,
        input=Term("修改小区", "不填的字段保持不变"),
    ),
    "retireCompound": UseCase(
        Term("撤销小区", "小区离开所在网格(保留沿革);已撤销的再撤销不变"),
        {"id": Term("小区编号"), "on": Term("撤销日期", rule="不填为今天;不能晚于今天")},
        Action.EDIT_GRID,
    ),
    "recordJointMeeting": UseCase(
        Term(
            "记录联席会议",
            "记录一次社区大党委季度联席会议或街道大工委联席议事:出席单位、议程(问题和需求)和决定;"
            "每项决定生成一项任务进入四单,可不使用资源;同一事务中完成",
        ),
        action=Action.RECORD_MEETING,
        input=Term("联席会议记录"),
    ),
    "createProblem": UseCase(
        Term("登记问题", "社区、街道、网格或联席会议提出的问题;用同一编号重试不会重复登记"),
        action=Action.RAISE_PROBLEM,
        input=Term("登记问题"),
    ),
    "escalateProblem": UseCase(
        Term("问题提级", "从社区提级到街道,或提级到市委书记“1+N”工作清单;只能向上,已解决的问题不能提级"),
        {"id": PROBLEM_ID, "to": Term("提级到"), "reason": ESCALATION.fields["reason"]},
        Action.RAISE_PROBLEM,
    ),
    "leadTask": UseCase(
        Term(
            "确定重点任务的牵头市领导", "联系市领导牵头推动其联系社区的任务(重点任务);一项任务一位牵头市领导"
        ),
        {"taskId": TASK_ID, "leaderId": LEADER_ID.but(rule="须联系该任务所在的社区")},
        Action.MANAGE_NETWORK,
    ),
    # mutations of the two libraries
    "createNeed": UseCase(
        Term("登记需求", "进入需求库,状态为「已登记」;带 clientId 重试不会重复登记"),
        action=Action.EDIT_NEED,
        input=Term("登记社区需求"),
    ),
    "updateNeed": UseCase(
        Term("修改需求", "认领前(已登记或已发布)可修改内容"),
        action=Action.EDIT_NEED,
        input=Term("修改需求内容", "不填的字段保持不变"),
    ),
    "advanceNeed": UseCase(
        Term(
            "推进需求",
            "把已登记的需求发布到需求库供成员单位认领,或在认领前不予采纳(六步工作法属于三联办处理的物业问题)",
        ),
        {
            "id": NEED_ID,
            "to": NEED_STATUS.but(
                "推进到的状态,须是流程中的下一步或不予采纳;认领、落实、完成、评价由 claimNeed、acceptMatch、"
                "updateTask、completeTask 记录"
            ),
            "note": NOTE.but("记入需求的进程记录"),
        },
        Action.EDIT_NEED,
    ),
    "claimNeed": UseCase(
        Term(
            "认领/揭榜", "单位认领一项「已发布」的需求,需求变为「已认领」;随后由社区用 acceptMatch 确定承接"
        ),
        {"needId": NEED_ID, "unitId": UNIT_ID.but("认领单位,以该单位的名义认领")},
        Action.CLAIM_NEED,
    ),
    "createResource": UseCase(
        Term("登记资源", "进入资源库,状态为「可用」;带 clientId 重试不会重复登记"),
        action=Action.EDIT_RESOURCE,
        input=Term("登记单位资源"),
    ),
    "updateResource": UseCase(
        Term("修改资源", "已撤回的资源不能修改;容量不能低于已被任务占用的数量"),
        action=Action.EDIT_RESOURCE,
        input=Term("修改资源", "不填的字段保持不变;支持类型不能修改"),
    ),
    "withdrawResource": UseCase(
        Term("撤回资源", "不再参与匹配;已建任务照常推进;已撤回的再撤回不变"),
        {"id": RESOURCE_ID},
        Action.EDIT_RESOURCE,
    ),
    # mutations of the four lists
    "acceptMatch": UseCase(
        Term(
            "确定承接",
            "创建任务(任务、责任、标准、时限)并占用资源容量,需求变为「已认领」;"
            "需求须经会议决议、已公开或已认领;未选推荐第一位时须说明理由",
        ),
        action=Action.ACCEPT_MATCH,
        input=Term("确定承接", "把推荐结果变为任务"),
    ),
    "updateTask": UseCase(
        Term(
            "推进任务",
            "启动(IN_PROGRESS)或取消(CANCELLED);启动时已认领的需求变为「落实中」;"
            "取消时退回资源容量,需求若已无未完成的任务则重新「已发布」;完成请用 completeTask",
        ),
        {
            "id": TASK_ID,
            "status": TASK_STATUS.but("推进到的状态,IN_PROGRESS 或 CANCELLED"),
            "note": NOTE.but("记入任务;需求状态随之变化时也记入需求的进程记录"),
        },
        Action.PROGRESS_TASK,
    ),
    "completeTask": UseCase(
        Term(
            "完成任务并评价",
            "只有推进中的任务可以完成;评价计入责任单位的可靠性;"
            "需求的最后一项未完成任务完成后,需求变为「已完成」再变为「已评价」",
        ),
        {
            "id": TASK_ID,
            "rating": TASK.fields["rating"].but("计入责任单位的可靠性", rule="1-5 分"),
            "comment": TASK.fields["comment"].but("", rule="最多 500 字"),
        },
        Action.COMPLETE_TASK,
    ),
    **REPORT_USE_CASES,
}


# ---------------------------------------------------------------- compounds and 红色物业 (issue #14)

_FEE_RATE = "物业费收缴率,0 到 1(0.28 即 28%)"
_FUNDING_YUAN = "元/年"
_ISSUE_STEPS = (
    "收集民意 → 党组织提议 → 各方共同商议 → 会议决议 → 结果公开 → 督促落实 → 已办结;办结前可不予办理"
)
ENUMS |= {
    "PartyOrganizationKind": Term(
        "小区党组织类型", "一核两翼:小区党支部为核心,物业企业党支部、业委会党支部为两翼"
    ),
    "PropertyIssueStep": Term("六步工作法步骤", _ISSUE_STEPS),
    "Difficulty": Term("办理难度", "三联办清单先急后缓、先易后难"),
    "TripartiteParty": Term("三联办三方", "社区党组织、物业企业、业主委员会"),
}
ENTITIES["Compound"] = Entity(
    COMPOUND.term,
    {
        **COMPOUND.fields,
        "hasPartyBranch": Term("建有小区党支部", "是否建有小区党支部(一核两翼的核心)"),
        "grid": Term("所在网格", "现在所在的第一个网格(按名称)"),
        "propertyCompany": Term(
            "物业企业", "管理小区的物业企业;无物业小区为兜底管理的街道非营利物业公司;没有时为空"
        ),
        "ownersCommittee": Term("业主委员会", "没有时为空"),
        "partyOrganizations": Term(
            "小区党组织", "一核两翼:小区党支部、物业企业党支部、业委会党支部,按此顺序"
        ),
        "feeCollectionRate": Term("物业费收缴率", _FEE_RATE + ";未统计时为空"),
        "feeMeasuredOn": Term("收缴率统计日期", "未统计时为空"),
        "demonstration": Term("红色示范小区", "是否评为红色物业示范小区"),
        "fallbackFunding": Term(
            "兜底经费(四个一点)",
            "兜底管理的无物业小区的经费来源,元/年:居民交一点、市场化运营增收一点、项目资金整合一点、政府补贴一点;其他小区为空",
        ),
        "tripartiteOffices": Term("三联办", "联系本小区的三联办"),
        "propertyIssues": Term("物业问题", "关于本小区的物业问题,先急后缓、先易后难"),
    },
)
ENTITIES["Unit"] = Entity(
    UNIT.term,
    {**UNIT.fields, "managedCompounds": Term("管理的小区", "本单位(物业企业)管理的小区,按名称排序")},
)
ENTITIES["Community"] = Entity(
    COMMUNITY.term, {**COMMUNITY.fields, "tripartiteOffices": Term("三联办", "本社区的三联办")}
)
ENTITIES["CityStats"] = Entity(
    CITY_STATS.term,
    {
        **CITY_STATS.fields,
        "compoundPartyOrganizations": Term(
            "小区党组织",
            "一核两翼体系中的党组织数:小区党支部、物业企业党支部、业委会党支部之和(演示数据 85 个)",
        ),
        "partyOrganizationsByKind": Term(
            "小区党组织(按类型)", "小区党支部、物业企业党支部、业委会党支部各自的个数"
        ),
    },
)
ENTITIES |= {
    "FallbackFunding": Entity(
        Term("兜底经费(四个一点)", "元/年"),
        {
            "residents": Term("居民交一点", _FUNDING_YUAN, rule="0-100000000"),
            "market": Term("市场化运营增收一点", _FUNDING_YUAN, rule="0-100000000"),
            "projects": Term("项目资金整合一点", _FUNDING_YUAN, rule="0-100000000"),
            "subsidy": Term("政府补贴一点", _FUNDING_YUAN, rule="0-100000000"),
            "total": Term("合计", _FUNDING_YUAN),
        },
    ),
    "FallbackFundingInput": Entity(
        Term("兜底经费(四个一点)", "元/年;只有兜底管理的无物业小区可填"),
        {
            "residents": Term("居民交一点", _FUNDING_YUAN + ",0-100000000"),
            "market": Term("市场化运营增收一点", _FUNDING_YUAN + ",0-100000000"),
            "projects": Term("项目资金整合一点", _FUNDING_YUAN + ",0-100000000"),
            "subsidy": Term("政府补贴一点", _FUNDING_YUAN + ",0-100000000"),
        },
    ),
    "OwnersCommittee": Entity(
        Term("业主委员会", "业主大会选举产生;党员超过 60% 为红色业委会"),
        {
            "id": Term("业委会编号"),
            "name": Term("业委会名称"),
            "members": Term("委员人数"),
            "partyMembers": Term("党员委员人数"),
            "partyShare": Term("党员比例", "党员委员人数 ÷ 委员人数,0 到 1"),
            "red": Term("红色业委会", "党员比例超过 60%"),
        },
    ),
    "OwnersCommitteeInput": Entity(
        Term("业主委员会", "小区已有业委会时修改它,没有时新建"),
        {
            "name": Term("业委会名称", "1-120 字"),
            "members": Term("委员人数", "1-1000"),
            "partyMembers": Term("党员委员人数", "0 到委员人数"),
        },
    ),
    "PartyOrganization": Entity(
        Term("小区党组织", "一核两翼中的一个党组织"),
        {
            "id": Term("党组织编号"),
            "kind": ENUMS["PartyOrganizationKind"],
            "kindLabel": Term("类型名称"),
            "name": Term("党组织名称"),
            "members": Term("党员人数"),
        },
    ),
    "PartyOrganizationInput": Entity(
        Term("小区党组织"),
        {
            "compoundId": Term("小区编号"),
            "kind": ENUMS["PartyOrganizationKind"].but(
                rule="每个小区每种至多一个;先有小区党支部(核心)才能建两翼;物业企业党支部须小区有物业企业,业委会党支部须有业委会"
            ),
            "name": Term("党组织名称", rule="1-120 字"),
            "members": Term("党员人数", rule="3-1000(党支部至少 3 名党员)"),
            "id": Term(
                "党组织编号", rule=NEW_ID.replace("自动生成", "为 小区编号-类型") + ";同一编号再次提交即修改"
            ),
        },
    ),
    "CompoundGovernanceInput": Entity(
        Term("小区治理"),
        {
            "compoundId": Term("小区编号"),
            "propertyCompanyId": Term(
                "物业企业编号",
                rule="须为物业企业;无物业小区只能由街道非营利物业公司兜底管理,街道非营利物业公司只管无物业小区",
            ),
            "ownersCommittee": Term("业主委员会"),
            "feeCollectionRate": Term("物业费收缴率", _FEE_RATE, rule="0-1;与统计日期同时填写"),
            "feeMeasuredOn": Term("收缴率统计日期", rule="不能晚于今天"),
            "demonstration": Term("红色示范小区"),
            "fallbackFunding": Term("兜底经费(四个一点)", rule="只有兜底管理的无物业小区可填"),
        },
    ),
    "CompoundFilter": Entity(
        Term("小区筛选条件", "不填为全部(现有小区,最多 500 个,按名称排序)"),
        {
            "communityId": Term("社区编号", "只列此社区的小区"),
            "streetId": Term("街道编号", "只列此街道的小区"),
            "kind": COMPOUND_KIND,
            "withoutManager": Term("没有物业企业", "true 只列没有物业企业管理的小区,false 只列有的"),
        },
    ),
    "TripartiteOffice": Entity(
        Term("三联办", "社区党组织、物业企业、业主委员会三方联动的办公室,联系一个或几个小区,每周例会"),
        {
            "id": Term("三联办编号"),
            "name": Term("三联办名称"),
            "since": Term("成立日期"),
            "community": Term("所在社区"),
            "compounds": Term("联系的小区", "按名称排序"),
            "meetings": Term("会议", "按日期排序"),
            "issues": Term("物业问题", "先急后缓、先易后难:未办结的在前,再按紧急程度、难度、收集日期"),
            "from": Term("起始日期", "只列此日及以后的会议"),
            "to": Term("截止日期", "只列此日及以前的会议"),
            "step": Term("步骤", "只列在此步骤的问题"),
            "open": Term("未办结", "true 只列未办结(收集民意至督促落实)的问题,false 只列已办结或不予办理的"),
        },
    ),
    "TripartiteMeeting": Entity(
        Term("三联办会议", "三方和居民代表参加的例会;会上商议、决议物业问题"),
        {
            "id": Term("会议编号"),
            "heldOn": Term("会议日期"),
            "topic": Term("议题"),
            "parties": Term("参会各方", "社区党组织、物业企业、业主委员会中到会的"),
            "residentRepresentatives": Term("居民代表人数"),
            "decisions": Term("议定事项"),
            "issues": Term("商议的物业问题"),
            "office": Term("三联办"),
        },
    ),
    "TripartiteMeetingInput": Entity(
        Term("三联办会议"),
        {
            "officeId": Term("三联办编号"),
            "heldOn": Term("会议日期", rule="不能晚于今天"),
            "topic": Term("议题", rule="1-200 字"),
            "parties": Term("参会各方", rule="至少一方"),
            "residentRepresentatives": Term("居民代表人数", rule="0-1000"),
            "decisions": Term("议定事项", rule="最多 50 项,每项最多 500 字"),
            "issues": Term(
                "商议的物业问题",
                "会议把问题推进到各方共同商议或会议决议(党组织已提议的问题可在同一次会议上商议并决议)",
                rule="最多 50 项;须是本三联办的问题",
            ),
            "id": Term(
                "会议编号",
                rule=NEW_ID.replace("自动生成", "为 三联办编号-日期") + ";同一编号重试不会重复记录",
            ),
        },
    ),
    "IssueMoveInput": Entity(
        Term("会议推进的问题"),
        {
            "issueId": Term("物业问题编号"),
            "to": Term("推进到", "DELIBERATED 或 RESOLVED"),
            "note": Term("说明", "最多 500 字"),
        },
    ),
    "PropertyIssue": Entity(
        Term("物业问题", "三联办按六步工作法办理的物业问题"),
        {
            "id": Term("物业问题编号"),
            "title": TITLE,
            "description": DESCRIPTION,
            "step": ENUMS["PropertyIssueStep"],
            "stepLabel": Term("步骤名称"),
            "urgency": URGENCY.but("先急后缓"),
            "difficulty": ENUMS["Difficulty"],
            "raisedOn": Term("收集日期"),
            "doneOn": Term("办结日期", "未办结时为空"),
            "history": Term("办理经过", "每一步:步骤、时间、经办、说明"),
            "office": Term("三联办"),
            "compound": Term("小区", "没有具体小区时为空"),
            "meetings": Term("商议过的会议", "按日期排序"),
        },
    ),
    "PropertyIssueInput": Entity(
        Term("物业问题"),
        {
            "officeId": Term("三联办编号"),
            "title": TITLE,
            "description": DESCRIPTION,
            "urgency": URGENCY.but("先急后缓"),
            "difficulty": ENUMS["Difficulty"],
            "compoundId": Term("小区编号", rule="须是该三联办联系的小区;可不填"),
            "id": Term("物业问题编号", rule=NEW_ID + ";用同一编号重试返回已建的问题"),
        },
    ),
    "PropertyIssueEvent": Entity(
        Term("办理步骤"),
        {
            "step": ENUMS["PropertyIssueStep"],
            "stepLabel": Term("步骤名称"),
            "at": Term("时间", "ISO 8601,北京时间"),
            "by": PERSON_NAME.but("经办:用户或三联办;" + PERSON_NAME.note),
            "note": Term("说明"),
        },
    ),
}
USE_CASES |= {
    "compounds": UseCase(Term("小区列表", "现有小区,按名称排序,最多 500 个"), {"filter": LIST_FILTER}),
    "compound": _by_id(COMPOUND, Term("小区编号")),
    "tripartiteOffice": UseCase(Term("按编号查三联办", "不存在时为空"), {"id": Term("三联办编号")}),
    "propertyIssue": UseCase(Term("按编号查物业问题", "不存在时为空"), {"id": Term("物业问题编号")}),
    "updateCompoundGovernance": UseCase(
        Term(
            "设置小区治理",
            "物业企业、业主委员会、物业费收缴率、红色示范小区、兜底经费;不填的保持不变;"
            "无物业小区只能由街道非营利物业公司兜底管理",
        ),
        action=Action.EDIT_GRID,
        input=Term("设置小区治理", "不填的字段保持不变"),
    ),
    "setCompoundPartyOrganization": UseCase(
        Term("设置小区党组织", "新建或修改小区党支部、物业企业党支部或业委会党支部(一核两翼)"),
        action=Action.EDIT_GRID,
        input=Term("小区党组织"),
    ),
    "createPropertyIssue": UseCase(
        Term("收集物业问题", "三联办收集民意,问题从“收集民意”开始"),
        action=Action.RECORD_MEETING,
        input=Term("新的物业问题"),
    ),
    "advancePropertyIssue": UseCase(
        Term("推进物业问题", "六步工作法按顺序一步一步推进(" + _ISSUE_STEPS + ");再次提交问题所在的步骤不变"),
        {
            "id": Term("物业问题编号"),
            "to": Term("推进到", rule="下一步,或 REJECTED(须说明理由)"),
            "note": Term("说明", rule="最多 500 字"),
        },
        Action.RECORD_MEETING,
    ),
    "recordTripartiteMeeting": UseCase(
        Term(
            "记录三联办会议",
            "会议、参会各方、居民代表、议定事项,以及会上商议、决议的物业问题,一个事务完成",
        ),
        action=Action.RECORD_MEETING,
        input=Term("三联办会议"),
    ),
}


# ---------------------------------------------------------------- ratings (issue #14 point 4, helper D)
# property companies rated 4:4:2 each year, the red/black list and the credit file; grid colours; 三最

_YEAR = Term("年度", rule="2000 年至今年")
_QUARTER = Term("季度", "如 2022Q1", rule="年份加 Q1-Q4")
_HALF = Term("半年", "如 2022H1(上半年)、2022H2(下半年)", rule="年份加 H1 或 H2")
_LIST_MARK = Term("红黑榜", "RED 红榜 / BLACK 黑榜;不在两榜为空")
_RATE = "0-1 之间的比例"
_SCOPE_COMMUNITY = COMMUNITY_ID.but("只看该社区的网格;与 streetId 只填一个,都不填为全市")
_SCOPE_STREET = STREET_ID.but("只看该街道的网格;与 communityId 只填一个,都不填为全市")
_GROUP = {
    "partyBuilding": Term("党建", "党建指标得分", rule="0-30 分"),
    "environment": Term("环境", "环境指标得分", rule="0-35 分"),
    "management": Term("管理", "管理指标得分", rule="0-35 分"),
}
_RATER = Term("评分方", "AUTHORITY 物业主管部门(住建局)/ COMMUNITY 社区党组织 / OWNERS 业主代表")
CREDIT_RECORD = Entity(
    Term("信用档案记录", "物业企业在已发布的年度红黑榜中的名次与得分,发布时记入,不再更改"),
    {
        "year": Term("年度"),
        "score": Term("综合得分", "三方 4:4:2 加权"),
        "rank": Term("名次", "1 为最好;同分同名次"),
        "list": _LIST_MARK,
        "listLabel": Term("榜单名称", "红榜或黑榜;不在两榜为空"),
        "last": Term("考评末位", "为真时取消其参与新物业项目招投标的资格"),
        "notes": Term("说明", "名次、榜单及是否取消招投标资格"),
        "publishedAt": Term("发布时间"),
    },
)
BIDDING_INELIGIBILITY = Entity(
    Term("取消招投标资格", "考评末位的物业企业不得参与新物业项目的招投标"),
    {"year": Term("年度", "首次考评末位的年度"), "reason": Term("原因")},
)
PROPERTY_RATING = Entity(
    Term(
        "物业考核评分",
        "年底由物业主管部门、社区党组织、业主代表三方分别评分,按党建、环境、管理三组指标(文章所称 60 项指标)"
        "记分项小计,合计 0-100 分;同一企业、年度、评分方和评分对象再次记录会覆盖",
    ),
    {
        "id": Term("评分编号", "由年度、企业、评分方和评分对象组成"),
        "year": _YEAR,
        "rater": _RATER,
        "raterLabel": Term("评分方名称"),
        **_GROUP,
        "total": Term("合计", "三组小计之和,0-100 分"),
        "comment": Term("评语", rule="最多 500 字"),
        "ratedAt": Term("评分时间", "最近一次记录的时间"),
        "unit": Term("被评物业企业"),
        "raterUnit": Term("评分的主管部门", "物业主管部门评分时为其单位;其他评分方为空"),
        "community": Term("评分的社区", "社区党组织评分时为该社区;其他评分方为空"),
        "compound": Term("评分的小区", "业主代表评分时为其小区;其他评分方为空"),
        "unitId": UNIT_ID.but("被评物业企业", rule="须为物业企业(PROPERTY_COMPANY)"),
        "raterUnitId": UNIT_ID.but(
            "物业主管部门", rule="评分方为 AUTHORITY 时必填,须为机关单位(如市住房和城乡建设局)"
        ),
        "communityId": COMMUNITY_ID.but("评分的社区党组织所在社区", rule="评分方为 COMMUNITY 时必填"),
        "compoundId": Term("小区编号", "业主代表所在小区", rule="评分方为 OWNERS 时必填"),
    },
)
RATER_SCORE = Entity(
    Term("评分方得分", "一个评分方在综合得分中的部分:其评分的平均及按权重折算的分数"),
    {
        "rater": _RATER,
        "raterLabel": Term("评分方名称"),
        "weight": Term("权重", "物业主管部门 0.4、社区党组织 0.4、业主代表 0.2"),
        "ratings": Term("评分份数", "如社区党组织按企业服务的每个社区各评一份"),
        "partyBuilding": Term("党建", "党建指标得分(各份平均)"),
        "environment": Term("环境", "环境指标得分(各份平均)"),
        "management": Term("管理", "管理指标得分(各份平均)"),
        "score": Term("平均得分", "各份评分合计的平均;未评分为空"),
        "contribution": Term("折算得分", "平均得分 × 权重"),
        "explanation": Term("计算说明"),
    },
)
PROPERTY_RATING_ENTRY = Entity(
    Term("红黑榜条目", "一家物业企业一个年度的综合得分、名次和各方评分"),
    {
        "unit": Term("物业企业"),
        "score": Term("综合得分", "三方 4:4:2 加权;缺少任一方评分时为空"),
        "rank": Term("名次", "1 为最好,同分同名次;未排名为空"),
        "list": _LIST_MARK,
        "listLabel": Term("榜单名称"),
        "last": Term("考评末位", "发布后取消其参与新物业项目招投标的资格"),
        "raters": Term("三方得分", "按物业主管部门、社区党组织、业主代表的顺序"),
        "missingRaters": Term("缺少的评分方"),
        "explanation": Term("综合得分说明", "每一项如何由三方得分算出"),
        "notes": Term("名次说明"),
        "inspections": Term(
            "抽查次数", "本年度对该企业的每月随机抽查次数;与满意度调查一同列示,供评分参考,不直接计入综合得分"
        ),
        "inspectionAverage": Term("抽查平均分"),
        "surveyed": Term("满意度调查户数", "本年度各季度调查合计"),
        "satisfied": Term("满意户数"),
        "satisfactionRate": Term("满意度", _RATE),
        "ratings": Term("各份评分"),
    },
)
PROPERTY_RATING_LIST = Entity(
    Term("物业红黑榜", "一年的物业考核结果;发布后冻结并记入信用档案"),
    {
        "year": _YEAR,
        "published": Term("已发布"),
        "publishedAt": Term("发布时间", "未发布为空"),
        "rule": Term("计分与上榜规则"),
        "entries": Term("条目", "有名次的按名次,其后为缺少评分方、未排名的企业"),
    },
)
PROPERTY_INSPECTION = Entity(
    Term("物业抽查", "街道物业管理服务中心每月对小区物业的随机抽查;同一小区同一天再次记录会覆盖"),
    {
        "id": Term("抽查编号"),
        "date": Term("抽查日期", rule="不晚于今天"),
        "score": Term("抽查得分", rule="0-100"),
        "findings": Term("发现的问题", rule="最多 500 字"),
        "unit": Term("被抽查的物业企业", "记录时管理该小区的物业企业"),
        "compound": Term("小区"),
        "compoundId": Term("小区编号", rule="须有物业企业管理"),
    },
)
SATISFACTION_SURVEY = Entity(
    Term("物业满意度调查", "每季度对小区物业服务的满意度调查;同一小区同一季度再次记录会覆盖"),
    {
        "id": Term("调查编号"),
        "quarter": _QUARTER,
        "surveyed": Term("调查户数", rule="1-100000"),
        "satisfied": Term("满意户数", rule="不超过调查户数"),
        "rate": Term("满意度", _RATE),
        "unit": Term("物业企业", "记录时管理该小区的物业企业"),
        "compound": Term("小区"),
        "compoundId": Term("小区编号", rule="须有物业企业管理"),
    },
)
GRID_RATING = Entity(
    Term("网格评价", "一个网格一个季度(或半年)的数字与颜色,读取时由其小区的上报事项和物业抽查算出"),
    {
        "grid": Term("网格"),
        "leader": Term("网格长", "姓名对未登录用户和只读用户显示为 ***"),
        "period": Term("期间", "季度或半年"),
        "colour": Term("颜色", "RED 红 / BLUE 蓝 / YELLOW 黄;没有数据为空"),
        "colourLabel": Term("颜色名称"),
        "score": Term("得分", "按时办结率、群众满意率(百分数)与物业抽查平均分中已有项的平均"),
        "reports": Term("上报事项", "本期在网格内小区上报的事项数"),
        "reportsDue": Term("应办结", "其中已办结或已过时限的"),
        "reportsOnTime": Term("按时办结", "在时限内办结的"),
        "onTimeRate": Term("按时办结率", _RATE + ";没有应办结事项为空"),
        "reportsRated": Term("已评价", "上报人评价了满意度的"),
        "reportsSatisfied": Term("满意", "满意或基本满意的"),
        "satisfactionRate": Term("群众满意率", _RATE + ";没有评价为空"),
        "inspections": Term("物业抽查次数", "网格内小区本期的物业抽查"),
        "inspectionAverage": Term("抽查平均分"),
        "explanation": Term("评色说明", "每一项数字及颜色如何得出"),
    },
)
GRID_RATINGS = Entity(
    Term("三色网格", "每季度评选红、蓝、黄三色网格"),
    {
        "quarter": _QUARTER,
        "rule": Term("评色规则"),
        "red": Term("红色网格数"),
        "blue": Term("蓝色网格数"),
        "yellow": Term("黄色网格数"),
        "unrated": Term("未评色网格数", "本期没有数据的网格"),
        "grids": Term("各网格", "按社区、网格编号排序"),
    },
)
GRID_WORKER_HONOUR = Entity(
    Term(
        "“三最”网格工作者",
        "每半年在网格长中评选:最优网格员(网格综合得分最高)、最佳网格员(按时办结率最高,至少 3 件应办结)、"
        "最美网格员(群众满意率最高,至少 3 件已评价);依次评出,每人至多一项",
    ),
    {
        "honour": Term("荣誉", "FINEST 最优 / BEST 最佳 / MOST_BEAUTIFUL 最美"),
        "honourLabel": Term("荣誉名称"),
        "half": _HALF,
        "person": Term("网格长", "姓名对未登录用户和只读用户显示为 ***"),
        "figure": Term("评选依据的数字", "得分,或按时办结率、满意率(0-1)"),
        "explanation": Term("评选说明"),
        "figures": Term("所带网格半年的数字"),
    },
)
ENTITIES["Unit"] = Entity(
    UNIT.term,
    {
        **ENTITIES["Unit"].fields,
        "creditRecords": Term("信用档案", "物业企业在已发布的红黑榜中的记录,新年度在前"),
        "biddingEligible": Term("可参与招投标", "考评末位的物业企业为否;其他单位为是"),
        "biddingIneligibility": Term("取消招投标资格", "年度与原因;未取消为空"),
    },
)
ENTITIES.update(
    {
        "CreditRecord": CREDIT_RECORD,
        "BiddingIneligibility": BIDDING_INELIGIBILITY,
        "PropertyRating": PROPERTY_RATING,
        "RaterScore": RATER_SCORE,
        "PropertyRatingEntry": PROPERTY_RATING_ENTRY,
        "PropertyRatingList": PROPERTY_RATING_LIST,
        "PropertyInspection": PROPERTY_INSPECTION,
        "SatisfactionSurvey": SATISFACTION_SURVEY,
        "GridRating": GRID_RATING,
        "GridRatings": GRID_RATINGS,
        "GridWorkerHonour": GRID_WORKER_HONOUR,
    }
)
ENUMS.update(
    {
        "PropertyRater": Term("物业考核评分方", "按 4:4:2 的比例计入综合得分"),
        "RatingListMark": Term("红黑榜"),
        "GridColour": Term("网格颜色", "从好到差:红、蓝、黄"),
        "GridHonour": Term("“三最”网格工作者荣誉"),
    }
)
USE_CASES.update(
    {
        "propertyRatingList": UseCase(
            Term("物业红黑榜", "某年度物业企业的综合得分(4:4:2)、名次、红黑榜和各方评分,每个数字附计算说明"),
            {"year": _YEAR},
        ),
        "gridRatings": UseCase(
            Term("三色网格评价", "某季度各网格的颜色及得出颜色的数字(读取时计算)"),
            {"quarter": _QUARTER, "communityId": _SCOPE_COMMUNITY, "streetId": _SCOPE_STREET},
        ),
        "gridWorkerHonours": UseCase(
            Term("“三最”网格工作者", "某半年在网格长中评出的最优、最佳、最美网格员及其网格的数字"),
            {"half": _HALF, "communityId": _SCOPE_COMMUNITY, "streetId": _SCOPE_STREET},
        ),
        "recordPropertyRating": UseCase(
            Term(
                "记录物业考核评分",
                "一个评分方对一家物业企业的年度评分(党建、环境、管理小计);同一评分对象再次记录会覆盖;"
                "红黑榜发布后该年度不能再改;物业主管部门的评分只能由市委组织部录入",
            ),
            action=Action.RATE_PROPERTY,
            input=Term("物业考核评分"),
        ),
        "recordInspection": UseCase(
            Term("记录物业抽查", "对小区物业的随机抽查,计入该小区物业企业和所在网格"),
            action=Action.RATE_PROPERTY,
            input=Term("物业抽查"),
        ),
        "recordSatisfactionSurvey": UseCase(
            Term("记录物业满意度调查", "小区一个季度的满意度调查,计入该小区的物业企业"),
            action=Action.RATE_PROPERTY,
            input=Term("满意度调查"),
        ),
        "publishPropertyRatingList": UseCase(
            Term(
                "发布物业红黑榜",
                "发布一年的红黑榜:名次和榜单记入各企业的信用档案,末位取消招投标资格,该年度评分冻结;"
                "只发布一次,再次调用返回已发布的榜单",
            ),
            action=Action.PUBLISH_RATINGS,
            input=Term("发布红黑榜"),
        ),
    }
)


# ---------------------------------------------------------------- in-service party members, campaigns (#14)
# (helper C) 在职党员进社区: 双报到, 三亮, 包保, service records and points; campaigns with temporary party
# branches and commando teams. One block: its entities and use cases are added to the tables here.

_MEMBER_ID = Term("党员编号", "人员(Person)编号")
_YEAR = Term("年度", rule="2000 年至明年")
_GROUP_KIND = Term("编组类型", "TEMPORARY_BRANCH 临时党支部 / COMMANDO_TEAM 党员突击队")
_ZONE_KIND = Term("责任区类型", "COMPOUND 小区 / ROAD_SECTION 路段路口")
_REGISTERED = Term("已双报到", "既向居住小区报到、又向所在单位结对社区报到")
_SHIFT = Term("班次", "如「早班 7:00-12:00」", rule="1-30 字")
_PARTY_ENTITIES: dict[str, Entity] = {
    "PartyMember": Entity(
        Term(
            "在职党员",
            "在某单位党组织的党员;双报到:向居住小区报到、向所在单位结对社区报到;姓名为个人信息",
        ),
        {
            "id": _MEMBER_ID,
            "name": PERSON_NAME,
            "unit": Term("所在单位", "党组织关系所在的单位"),
            "since": Term("登记日期", "在本单位登记为在职党员的日期;未记录时为空"),
            "compound": Term("报到小区", "居住小区;未报到时为空"),
            "compoundReportedOn": Term("小区报到日期"),
            "community": Term("报到社区", "所在单位的结对社区;未报到时为空"),
            "communityReportedOn": Term("社区报到日期"),
            "registered": _REGISTERED,
            "commitments": Term("三亮承诺", "亮身份、亮职责、亮承诺:每年一条,最新年度在前"),
            "zones": Term("包保责任区", "本人包保的小区和路段路口"),
            "serviceRecords": Term("服务记录", "最新在前"),
            "serviceTotals": Term("服务时长与积分", "服务记录的条数、时长与积分之和"),
            "unitId": UNIT_ID.but("登记党员的单位", rule="一名党员只在一个单位登记"),
            "personId": Term("党员编号", "人员(Person)编号;已有人员直接登记,新人员须同时填姓名", rule=NEW_ID),
            "personName": PERSON_NAME.but("新人员的姓名", rule="1-40 字;已有人员不填"),
            "compoundId": Term("报到小区编号", "居住小区;不填则不变", rule="现有小区"),
            "communityId": COMMUNITY_ID.but(
                "向其报到的结对社区;不填时用单位唯一的结对社区", rule="须为本单位的结对社区"
            ),
            "reportedOn": Term("报到日期", rule="不填为今天;不能晚于今天"),
        },
    ),
    "PartyMemberFilter": Entity(
        Term("在职党员筛选条件", ALL_OF),
        {
            "unitId": UNIT_ID.but("只看该单位的党员"),
            "communityId": COMMUNITY_ID.but("只看向该社区报到的党员"),
            "compoundId": Term("小区编号", "只看向该小区报到的党员"),
            "registered": _REGISTERED.but("true 只看已双报到的,false 只看未完成的"),
        },
    ),
    "PartyMemberStats": Entity(
        Term("双报到情况", "本单位在系统中登记的在职党员及其报到情况"),
        {
            "members": Term("登记党员数"),
            "reportedToCompound": Term("已向小区报到"),
            "reportedToCommunity": Term("已向结对社区报到"),
            "registered": Term("已双报到", "两处都已报到的人数"),
            "rate": Term("报到率", "已双报到 ÷ 登记党员数,0-1,保留 4 位小数;无登记党员时为空"),
        },
    ),
    "Commitment": Entity(
        Term("三亮承诺", "亮身份、亮职责、亮承诺:党员每年一条;同一年度再设置会覆盖"),
        {
            "year": _YEAR,
            "duty": Term("亮职责", "在社区承担的职责", rule="1-200 字"),
            "promise": Term("亮承诺", "公开的服务承诺", rule="1-500 字"),
            "personId": _MEMBER_ID,
        },
    ),
    "RoadSection": Entity(
        Term("路段路口", "包保的道路路段或路口,属于一个社区"),
        {
            "id": Term("路段编号", rule=NEW_ID + ";带同一编号重试不会重复创建"),
            "name": Term("路段名称", rule="1-60 字"),
            "community": Term("所在社区"),
            "source": SOURCE,
            "communityId": COMMUNITY_ID,
        },
    ),
    "Zone": Entity(
        Term("包保责任区", "党员、单位或行动编组包保的小区或路段路口"),
        {
            "keeperKind": Term("包保方类型", "Person 党员 / Unit 单位 / CampaignGroup 临时党支部或突击队"),
            "keeperId": Term("包保方编号"),
            "keeperName": Term("包保方", "党员姓名对未登录用户和只读用户显示为 ***"),
            "zoneKind": _ZONE_KIND,
            "zoneId": Term("责任区编号"),
            "zoneName": Term("责任区名称"),
            "duty": Term("包保职责", "如卫生治理、秩序维护、群众教育引导;行动编组为班次", rule="1-200 字"),
            "since": Term("包保起始日期", rule="不填为今天;不能晚于今天"),
            "communityId": COMMUNITY_ID.but("责任区所在社区"),
            "personId": Term("包保党员编号", "与 unitId 填且只填一个"),
            "unitId": UNIT_ID.but("包保单位,与 personId 填且只填一个"),
            "compoundId": Term("小区编号", "与 roadSectionId 填且只填一个;须在该社区"),
            "roadSectionId": Term("路段编号", "与 compoundId 填且只填一个;须在该社区"),
        },
    ),
    "ServiceRecord": Entity(
        Term("服务记录", "党员在社区的一次志愿服务"),
        {
            "id": Term("记录编号", rule=NEW_ID + ";带同一编号和相同内容重试不会重复记录"),
            "on": Term("服务日期", rule="不能晚于今天"),
            "hours": Term("时长(小时)", rule="0.5-12,以半小时计"),
            "activity": Term("服务内容", rule="1-200 字"),
            "points": Term("积分", "每小时 1 分,每条记录最多 4 分,按半分计"),
            "community": Term("服务社区"),
            "personId": _MEMBER_ID,
            "communityId": COMMUNITY_ID,
        },
    ),
    "ServiceTotals": Entity(
        Term("服务合计"),
        {"records": Term("记录条数"), "hours": Term("时长合计(小时)"), "points": Term("积分合计")},
    ),
    "Campaign": Entity(
        Term("集中行动", "如疫情防控、创建文明城市:单位和党员下沉,组建临时党支部和党员突击队轮班包保"),
        {
            "id": Term("行动编号", rule=NEW_ID + ";带同一编号和相同内容重试不会重复创建"),
            "name": Term("行动名称", rule="1-60 字"),
            "kind": Term("行动类别", "如疫情防控、文明城市创建", rule="1-30 字"),
            "startedOn": Term("开始日期", rule="不能晚于今天"),
            "endedOn": Term("结束日期", "进行中为空", rule="不能早于开始日期"),
            "source": SOURCE,
            "figures": Term("行动数字", "下沉单位、党员,临时党支部、突击队,包保小区和路段路口"),
            "summary": Term("行动数字摘要", "一句话说明行动数字"),
            "groups": Term("临时党支部和突击队", "按类型、名称排序"),
        },
    ),
    "CampaignFigures": Entity(
        Term("行动数字"),
        {
            "units": Term("下沉单位数"),
            "members": Term("下沉党员数"),
            "branches": Term("临时党支部数"),
            "teams": Term("党员突击队数"),
            "compounds": Term("包保小区数", "各编组包保的不同小区"),
            "roadSections": Term("包保路段路口数", "各编组包保的不同路段路口"),
        },
    ),
    "CampaignGroup": Entity(
        Term("临时党支部或党员突击队", "集中行动中的编组,轮班包保小区和路段路口"),
        {
            "id": Term("编组编号", rule=NEW_ID + ";带同一编号和相同内容重试不会重复创建"),
            "kind": _GROUP_KIND,
            "kindLabel": Term("编组类型名称"),
            "name": Term("编组名称", rule="1-60 字"),
            "community": Term("所在社区", "编组驻守的社区;未指定时为空"),
            "members": Term("编入党员数"),
            "compounds": Term("包保小区数"),
            "roadSections": Term("包保路段路口数"),
            "zones": Term("包保责任区", "包保的小区和路段路口,职责为班次"),
            "campaignId": Term("行动编号"),
            "communityId": COMMUNITY_ID.but("编组驻守的社区", rule="可不填"),
        },
    ),
    "SendToCampaign": Entity(
        Term("下沉", "单位派本单位登记的党员参加集中行动"),
        {
            "campaignId": Term("行动编号"),
            "unitId": UNIT_ID.but("派出单位"),
            "personIds": Term("下沉党员编号", rule="须为该单位登记的党员,一次最多 500 个"),
            "groupId": Term("编入的编组编号", "该行动的临时党支部或突击队;可不填"),
        },
    ),
    "CoverZone": Entity(
        Term("编组包保", "临时党支部或突击队按班次包保小区和路段路口;再次设置会改班次"),
        {
            "groupId": Term("编组编号"),
            "shift": _SHIFT,
            "compoundIds": Term("小区编号", rule="一次最多 200 个"),
            "roadSectionIds": Term("路段编号", rule="一次最多 200 个;与 compoundIds 至少填一项"),
        },
    ),
    "PairUnit": Entity(
        Term("单位结对", "单位与社区结对,其在职党员向结对社区报到"),
        {
            "unitId": UNIT_ID,
            "communityId": COMMUNITY_ID,
            "since": Term("结对日期", rule="不填为今天;不能晚于今天"),
        },
    ),
}
ENUMS.update({"GroupKind": _GROUP_KIND, "ZoneKind": _ZONE_KIND})
ENTITIES.update(_PARTY_ENTITIES)
# the fields the party members add to the network's types
ENTITIES["Unit"] = Entity(
    UNIT.term,
    {
        **ENTITIES["Unit"].fields,
        "partyMemberStats": Term("双报到情况", "本单位登记的在职党员及报到率"),
        "pairedCommunities": Term("结对社区", "本单位的在职党员向其报到的社区,按名称排序"),
        "zones": Term("包保责任区", "本单位包保的小区和路段路口"),
    },
)
ENTITIES["Community"] = Entity(
    COMMUNITY.term,
    {
        **ENTITIES["Community"].fields,
        "pairedUnits": Term("结对单位", "与本社区结对的单位,按名称排序"),
        "reportedPartyMembers": Term("报到党员数", "向本社区报到的在职党员人数"),
        "zones": Term("包保责任区", "本社区的小区和路段路口由谁包保,最多 500 条"),
        "roadSections": Term("路段路口", "本社区的路段路口,按名称排序"),
    },
)
ENTITIES["Compound"] = Entity(
    COMPOUND.term,
    {
        **ENTITIES["Compound"].fields,
        "reportedPartyMembers": Term("报到党员数", "向本小区报到(在此居住)的在职党员人数"),
    },
)
USE_CASES.update(
    {
        "partyMembers": UseCase(
            Term("在职党员", "按姓名排序,最多 200 名"),
            {
                "filter": Term("筛选条件"),
                "first": Term("条数", rule="1-200,不填为 50"),
            },
        ),
        "partyMember": UseCase(Term("在职党员", "按编号查找;不是在职党员时为空"), {"id": _MEMBER_ID}),
        "campaigns": UseCase(Term("集中行动", "最新开始的在前")),
        "campaign": UseCase(Term("集中行动", "按编号查找"), {"id": Term("行动编号")}),
        "registerPartyMember": UseCase(
            Term(
                "登记在职党员并报到",
                "单位登记本单位的在职党员(新人员同时登记),记录其向居住小区和结对社区的报到(双报到);"
                "再报到到另一小区或社区时替换原报到;重试不会重复",
            ),
            action=Action.EDIT_PARTY_MEMBER,
            input=Term("登记在职党员"),
        ),
        "pairUnit": UseCase(
            Term("单位结对社区", "单位与社区结对;已结对时不变"),
            action=Action.PAIR_UNIT,
            input=Term("单位结对"),
        ),
        "setCommitment": UseCase(
            Term("三亮承诺", "设置党员某年度的职责与承诺(亮身份、亮职责、亮承诺);同一年度再设置会覆盖"),
            action=Action.EDIT_PARTY_MEMBER,
            input=Term("三亮承诺"),
        ),
        "assignZone": UseCase(
            Term("分配包保责任区", "党员或单位包保本社区的小区或路段路口;已包保时改职责"),
            action=Action.KEEP_ZONES,
            input=Term("包保责任区"),
        ),
        "createRoadSection": UseCase(
            Term("新建路段路口", "社区的包保路段或路口"), action=Action.KEEP_ZONES, input=Term("新建路段路口")
        ),
        "recordService": UseCase(
            Term("记录服务", "党员在社区的一次服务,按规则计积分(每小时 1 分,每条最多 4 分)"),
            action=Action.KEEP_ZONES,
            input=Term("服务记录"),
        ),
        "createCampaign": UseCase(
            Term("发起集中行动", "如疫情防控、创建文明城市"),
            action=Action.RUN_CAMPAIGN,
            input=Term("新建集中行动"),
        ),
        "addCampaignGroup": UseCase(
            Term("组建临时党支部或党员突击队", "在集中行动中组建编组"),
            action=Action.RUN_CAMPAIGN,
            input=Term("新建编组"),
        ),
        "sendToCampaign": UseCase(
            Term("单位和党员下沉", "单位派本单位登记的党员参加行动,可编入临时党支部或突击队;重试不会重复"),
            action=Action.RUN_CAMPAIGN,
            input=Term("下沉"),
        ),
        "coverZone": UseCase(
            Term("编组包保小区和路段", "临时党支部或突击队按班次包保;再次设置会改班次"),
            action=Action.RUN_CAMPAIGN,
            input=Term("编组包保"),
        ),
    }
)


# ---------------------------------------------------------------- reports by period and scope (issue #15)

_PERIOD_DAY = "按北京时间的日期;只计图中记有日期的记录(演示数据的需求没有流转记录,不计入需求各项)"
_AS_OF = "期末(期间未结束时为今天)"
PERIOD_FIGURES = Entity(
    Term("期间数字", "一个范围(全市、街道或社区)在期间内的共建工作数字;" + _PERIOD_DAY),
    {
        "id": Term("编号", "社区的编号;全市合计时为空,街道或社区合计时为其编号"),
        "name": Term("名称", "全市、街道或社区的名称"),
        "needsRaised": Term("新登记需求", "期间内登记(第一条流转记录)的需求数"),
        "needsResolved": Term("办结需求", "期间内变为已完成或已评价的需求数"),
        "needsRejected": Term("不予采纳需求", "期间内不予采纳的需求数"),
        "needsOverdue": Term("逾期需求", f"{_AS_OF}已登记、仍未完成或不予采纳、需完成日期早于该日的需求数"),
        "tasksCreated": Term("新建任务", "期间内创建(确定承接或联席会议决定)的任务数"),
        "tasksDoneOnTime": Term("按时完成任务", "期间内完成、完成日期不晚于时限的任务数"),
        "tasksDoneLate": Term("超时完成任务", "期间内完成、完成日期晚于时限的任务数"),
        "tasksOverdue": Term("逾期任务", f"{_AS_OF}已创建、仍未完成或取消、时限早于该日的任务数"),
        "meetingsHeld": Term(
            "召开联席会议", "范围内社区大党委(街道、全市范围还有街道大工委)期间内召开的联席会议数"
        ),
        "decisionsMade": Term("会议决定事项", "这些会议决定的任务数"),
        "problemsRaised": Term("新提出问题", "期间内提出的问题数"),
        "problemsSolved": Term("解决问题", "现已解决、其最后完成的任务在期间内完成的问题数"),
        "matchesAccepted": Term("确定承接", "期间内由推荐确定承接(非联席会议决定)而创建的任务数"),
    },
)
UNIT_PERIOD_FIGURES = Entity(
    Term("单位期间数字", "成员单位在期间内承接和完成的任务、认领的需求;只列有活动的单位"),
    {
        "unitId": UNIT_ID,
        "name": Term("单位名称"),
        "tasksTaken": Term("承接任务", "期间内创建、由本单位负责的任务数"),
        "tasksDoneOnTime": PERIOD_FIGURES.fields["tasksDoneOnTime"],
        "tasksDoneLate": PERIOD_FIGURES.fields["tasksDoneLate"],
        "tasksOverdue": PERIOD_FIGURES.fields["tasksOverdue"],
        "needsClaimed": Term("认领需求", "期间内本单位认领的范围内需求数"),
    },
)
ENTITIES.update(
    {
        "PeriodFigures": PERIOD_FIGURES,
        "UnitPeriodFigures": UNIT_PERIOD_FIGURES,
        "PeriodReport": Entity(
            Term("共建工作月报", "组织部按期间和范围统计的共建工作数字(月报、季报或任意不超过 366 天的期间)"),
            {
                "scope": Term("范围"),
                "id": Term("范围编号", "街道或社区的编号;全市时为空"),
                "name": Term("范围名称"),
                "from": Term("起始日期"),
                "to": Term("截止日期"),
                "asOf": Term("统计逾期的日期", "期末;期间未结束时为今天"),
                "title": Term("报告标题", "形如「天长市 广陵街道 2026-10-01 至 2026-10-31 共建工作月报」"),
                "totals": Term("合计", "整个范围的数字,含街道大工委的会议和街道自身的问题"),
                "byCommunity": Term("各社区", "范围内每个社区的数字,按社区名称排序"),
                "byUnit": Term("各单位", "有活动的成员单位,按单位名称排序"),
            },
        ),
    }
)
ENUMS["PeriodScope"] = Term("统计范围", "CITY 全市,STREET 一个街道(含其社区),COMMUNITY 一个社区")
USE_CASES.update(
    {
        "periodReport": UseCase(
            Term(
                "共建工作月报",
                "一个范围在期间内的需求、任务、联席会议、问题和确定承接的数字,合计、分社区、分单位;"
                "与 /transfer/period-report.xlsx 的 Excel 相同",
            ),
            {
                "scope": Term("统计范围"),
                "id": Term("街道或社区编号", "范围为 STREET 或 COMMUNITY 时必填;CITY 时忽略"),
                "from": Term("起始日期", rule="含当天"),
                "to": Term("截止日期", rule="含当天;不早于起始日期,期间最长 366 天"),
            },
        ),
    }
)


# ---------------------------------------------------------------- who may call a use case


def who_may(action: Action) -> str:
    """Who may call a use case guarded by `action`, in the words of auth.RULES."""
    rules = RULES[action]
    if set(rules) == set(Role) and all(reach is Reach.ANY for reach in rules.values()):
        return "须登录(任何角色)"
    return "权限:" + "、".join(
        ROLE_LABELS[role] + ("" if reach is Reach.ANY else f"({REACH_LABELS[reach]})")
        for role, reach in rules.items()
    )


# ---------------------------------------------------------------- what the API and other readers ask


# what needs and resources are about (issue #16): concepts (seeds/concepts.yaml) and their tags
CONCEPT_ID = Term("主题编号", "如 elevator-retrofit,见 concepts 查询")
CONCEPT = Entity(
    Term(
        "主题", "社区服务中的一个事项,如 加装电梯、燃气安全、老年助餐;需求与资源据文字自动标注,也可人工标注"
    ),
    {
        "id": CONCEPT_ID,
        "name": Term("主题名称"),
        "synonyms": Term("同义说法", "文字中出现其中之一即标注为此主题"),
        "domains": DOMAIN.but("此主题常见的领域"),
        "supportTypes": Term("常见支持类型", "此主题的需求常需要的支持类型"),
        "broader": Term("上位主题", "更宽的主题;最宽的主题为空"),
        "narrower": Term("下位主题", "更细的主题,按名称排序"),
        "needs": Term("涉及此主题的需求", "按标题排序,最多 limit 项"),
        "resources": Term("涉及此主题的资源", "按标题排序,最多 limit 项"),
    },
)
CONCEPT_TAG = Entity(
    Term("主题标注", "需求或资源与一个主题的关联"),
    {
        "concept": Term("主题"),
        "source": Term("标注来源", "auto 为据文字自动标注,manual 为人工标注"),
        "sourceLabel": Term("标注来源名称", "自动 或 人工"),
    },
)
ENTITIES |= {"Concept": CONCEPT, "ConceptTag": CONCEPT_TAG}
ENTITIES["Need"] = Entity(
    NEED.term, {**NEED.fields, "concepts": Term("主题", "需求涉及的主题(自动与人工标注),按主题名称排序")}
)
ENTITIES["Resource"] = Entity(
    RESOURCE.term,
    {**RESOURCE.fields, "concepts": Term("主题", "资源涉及的主题(自动与人工标注),按主题名称排序")},
)
_TAG_TARGET = Term("需求或资源编号", "要标注的需求或资源")
USE_CASES |= {
    "concepts": UseCase(
        Term("主题词表", "按名称或同义说法查找主题;不填 search 则列全部,按名称排序"),
        {
            "search": Term("查找", "名称或同义说法中包含的文字"),
            "limit": Term("最多条数", "1 到 500"),
        },
    ),
    "concept": _by_id(CONCEPT, CONCEPT_ID),
    "tagConcept": UseCase(
        Term("标注主题", "人工为需求或资源标注一个主题;自动标注的变为人工标注,曾被取消的可重新标注"),
        {"targetId": _TAG_TARGET, "conceptId": CONCEPT_ID},
        Action.EDIT_NEED,
    ),
    "untagConcept": UseCase(
        Term("取消主题", "取消需求或资源的一个主题;此后修改文字也不会再自动标注它"),
        {"targetId": _TAG_TARGET, "conceptId": CONCEPT_ID},
        Action.EDIT_NEED,
    ),
}


def term(entity: str, name: str | None = None) -> Term:
    """The word for an entity (`Need`) or one of its fields (`Need`, `neededBy`)."""
    try:
        found = ENTITIES[entity]
        return found.term if name is None else found.fields[name]
    except KeyError:
        raise KeyError(f"the glossary has no word for {entity}{'.' + name if name else ''}") from None


def label(entity: str, name: str | None = None) -> str:
    """The short Chinese label: a column header, a form label."""
    return term(entity, name).label


def describe(entity: str, name: str | None = None) -> str:
    """The description of an entity or a field as read: its label and what it means."""
    return term(entity, name).text


def describe_input(entity: str, name: str) -> str:
    """The description of a field given as input: also what the value must satisfy."""
    return term(entity, name).input_text


def describe_enum(name: str) -> str:
    return ENUMS[name].text


def _use_case(name: str) -> UseCase:
    try:
        return USE_CASES[name]
    except KeyError:
        raise KeyError(f"the glossary has no use case {name}") from None


def use_case(name: str) -> str:
    """The description of a query or mutation, with who may call it."""
    found = _use_case(name)
    text = found.term.text
    return f"{text};{who_may(found.action)}" if found.action else text


def argument(name: str, arg: str) -> str:
    """The description of an argument of a query or mutation; a mutation's `input` is its input type's."""
    found = _use_case(name)
    args = {**found.args, "input": found.input} if found.input else found.args
    if arg not in args:
        raise KeyError(f"the glossary has no argument {name}({arg})")
    return args[arg].input_text


def input_type(name: str) -> str:
    """The description of the input type of a mutation."""
    found = _use_case(name).input
    if found is None:
        raise KeyError(f"the glossary has no input type for {name}")
    return found.text
