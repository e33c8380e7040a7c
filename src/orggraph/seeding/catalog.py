"""Realistic Chinese texts for generated needs, resources, units and meetings (all illustrative).

A need template: (domain, support types, populations, title, description, quantity range, unit).
A resource template: (support type, domains, populations, title, description, capacity range, unit).
`{c}` is replaced by the community name, `{p}` by a compound name, `{u}` by the unit name.
"""

from __future__ import annotations

from orggraph.domain.model import UnitKind
from orggraph.domain.taxonomy import Domain as D
from orggraph.domain.taxonomy import Population as P
from orggraph.domain.taxonomy import SupportType as S

NeedTemplate = tuple[D, tuple[S, ...], tuple[P, ...], str, str, tuple[int, int], str]
ResourceTemplate = tuple[S, tuple[D, ...], tuple[P, ...], str, str, tuple[int, int], str]

NEEDS: tuple[NeedTemplate, ...] = (
    (D.ELDER, (S.VOLUNTEER,), (P.ELDERLY,), "{p}独居老人定期探访",
     "{c}{p}有独居、空巢老人,需要志愿者每周上门探访,帮助代购、陪聊、检查用电用气安全。", (10, 30), "人次/月"),
    (D.ELDER, (S.SPACE, S.GOODS), (P.ELDERLY,), "{c}日间照料中心助餐点扩容",
     "日间照料中心就餐老人增多,需要增加助餐场地和保温餐车等设备,解决高龄老人吃饭难。", (1, 3), "处"),
    (D.ELDER, (S.EXPERT,), (P.ELDERLY, P.DISABLED), "高龄老人上门健康服务",
     "{c}80岁以上老人行动不便,需要专业医护人员上门测血压血糖、建立健康档案。", (20, 60), "人次"),
    (D.CHILD, (S.VOLUNTEER, S.TRAINING), (P.CHILD,), "“爱心小课桌”暑期课业辅导",
     "双职工家庭子女暑期无人看护,需要志愿者开展作业辅导和安全教育,地点在社区党群服务中心。", (4, 10), "名志愿者"),
    (D.CHILD, (S.SPACE,), (P.CHILD,), "“与爱童行”儿童活动空间",
     "{c}缺少儿童室内活动场所,需要协调一处不少于60平方米的空间用于亲子阅读和游戏。", (1, 1), "处"),
    (D.HEALTH, (S.EXPERT,), (P.ALL,), "{c}义诊和健康讲座",
     "居民对慢病管理、合理用药咨询需求大,需要医疗机构定期到社区开展义诊和健康讲座。", (2, 6), "场"),
    (D.HEALTH, (S.GOODS,), (P.ELDERLY, P.DISABLED), "{p}公共区域配置AED",
     "小区老年人多,需要在物业服务中心配置自动体外除颤器并培训使用人员。", (1, 2), "台"),
    (D.LEGAL, (S.EXPERT,), (P.ALL,), "{c}法律咨询与矛盾调解",
     "邻里纠纷、物业纠纷增多,需要律师每月到社区坐班,提供法律咨询和人民调解支持。", (6, 12), "次"),
    (D.LEGAL, (S.TRAINING,), (P.NEW_EMPLOYMENT,), "新就业群体劳动权益讲座",
     "辖区外卖骑手、快递员较多,需要开展劳动合同、工伤保险等权益保障讲座。", (1, 3), "场"),
    (D.ENV, (S.VOLUNTEER,), (P.ALL,), "{p}环境卫生集中整治",
     "{p}楼道堆物、绿化带垃圾较多,需要组织党员志愿者开展集中清理,建立常态保洁机制。", (20, 50), "人次"),
    (D.ENV, (S.GOODS,), (P.ALL,), "{p}垃圾分类设施更新",
     "小区垃圾分类投放点设施老化,需要更新分类垃圾桶和投放亭。", (4, 12), "组"),
    (D.SAFETY, (S.EXPERT, S.VOLUNTEER), (P.ALL,), "{p}消防通道清理整治",
     "{p}消防通道被私家车和杂物占用,需要执法力量和志愿者联合清理,并设置禁停标识。", (1, 3), "次"),
    (D.SAFETY, (S.GOODS,), (P.ELDERLY,), "老旧楼栋消防器材补充",
     "{p}部分楼栋灭火器过期、缺失,需要补充配置灭火器和应急照明。", (20, 60), "具"),
    (D.SAFETY, (S.TRAINING,), (P.ALL,), "{c}居民消防安全培训",
     "需要消防专业人员到社区开展灭火器使用、火场逃生演练等培训。", (1, 4), "场"),
    (D.PROPERTY, (S.POLICY, S.EXPERT), (P.ALL,), "{p}物业服务提质与收费协商",
     "{p}物业服务质量差,居民交费意愿低,需要街道、物业主管部门参与三方协商,制定整改方案。", (1, 2), "项"),
    (D.PROPERTY, (S.POLICY,), (P.ALL,), "{p}无物业小区兜底管理",
     "{p}为无物业小区,需要协调非营利物业公司接管,提供卫生清洁、垃圾清运等基本服务。", (1, 1), "项"),
    (D.INFRA, (S.FUND, S.POLICY), (P.ALL,), "{p}道路硬化和雨污管网改造",
     "{p}内部道路破损、雨天积水,需要资金和住建部门支持实施道路硬化和管网改造。", (1, 1), "项"),
    (D.INFRA, (S.FUND,), (P.ELDERLY, P.DISABLED), "{p}加装电梯前期协调",
     "多层住宅老年人上下楼困难,需要资金补助和政策协调推进加装电梯。", (1, 2), "部"),
    (D.INFRA, (S.GOODS,), (P.ALL,), "{c}体育健身设施装配",
     "社区广场健身器材老化损坏,需要更新一批室外健身器材。", (6, 15), "件"),
    (D.TRAFFIC, (S.POLICY, S.SPACE), (P.ALL,), "{p}停车难问题协调",
     "{p}车位严重不足、乱停乱放,需要协调周边单位错时共享停车位并施划停车泊位。", (30, 120), "个车位"),
    (D.TRAFFIC, (S.GOODS, S.TECH), (P.ALL,), "{p}电动车集中充电设施",
     "电动车楼道充电、飞线充电现象多,存在火灾隐患,需要建设集中充电棚和智能充电桩。", (20, 60), "个充电口"),
    (D.EMPLOY, (S.TRAINING,), (P.LOW_INCOME, P.MIGRANT), "{c}就业技能培训",
     "辖区待业居民和外来务工人员希望参加家政、电工等技能培训,提升就业能力。", (20, 60), "人"),
    (D.EMPLOY, (S.EXPERT,), (P.NEW_EMPLOYMENT, P.VETERAN), "退役军人和新就业群体就业对接",
     "需要企业提供岗位信息,举办小型招聘会,帮助退役军人和灵活就业人员就业。", (10, 40), "个岗位"),
    (D.CULTURE, (S.SPACE, S.VOLUNTEER), (P.ALL,), "{c}邻里文化节",
     "计划举办邻里文化节,需要活动场地和志愿者支持,增进邻里感情。", (1, 1), "场"),
    (D.CULTURE, (S.TRAINING,), (P.ELDERLY,), "老年人智能手机使用培训",
     "老年人不会使用手机挂号、扫码支付,需要志愿者开展智能手机使用培训。", (2, 6), "期"),
    (D.AID, (S.FUND, S.GOODS), (P.LOW_INCOME, P.DISABLED), "困难家庭节日慰问",
     "{c}低保户、残疾人家庭需要节日慰问物资和临时救助资金。", (10, 40), "户"),
    (D.AID, (S.VOLUNTEER,), (P.DISABLED,), "残疾人家庭结对帮扶",
     "需要党员志愿者与重度残疾人家庭结对,定期上门帮助解决生活困难。", (5, 20), "户"),
    (D.PARTY, (S.TRAINING,), (P.ALL,), "{c}党员冬训专题党课",
     "需要党校教师或优秀党务工作者为社区党员讲授专题党课。", (1, 3), "场"),
    (D.PARTY, (S.SPACE,), (P.ALL,), "{p}小区党支部活动阵地",
     "{p}小区党支部成立后缺少活动场所,需要协调物业用房建设红色驿站。", (1, 1), "处"),
    (D.PARTY, (S.TECH,), (P.ALL,), "{c}智慧党建平台数据对接",
     "需要技术支持,把网格员上报事项与“天长智慧管家”平台数据打通。", (1, 1), "项"),
    (D.ENTERPRISE, (S.POLICY,), (P.ALL,), "驻区企业用工与周边环境诉求",
     "驻区企业反映员工通勤和周边占道经营问题,需要社区协调相关部门解决(双向服务)。", (1, 2), "项"),
    (D.ENTERPRISE, (S.SPACE,), (P.NEW_EMPLOYMENT,), "骑手驿站设置",
     "外卖骑手缺少歇脚、充电和饮水的地方,需要在商圈设置骑手爱心驿站。", (1, 2), "处"),
)

RESOURCES: tuple[ResourceTemplate, ...] = (
    (S.VOLUNTEER, (D.ELDER, D.AID), (P.ELDERLY, P.DISABLED), "{u}党员志愿服务队",
     "{u}在职党员到社区报到,每月组织志愿服务,可承担探访独居老人、结对帮扶等任务。", (20, 80), "人次/月"),
    (S.VOLUNTEER, (D.ENV, D.SAFETY), (P.ALL,), "{u}党员突击队",
     "{u}党员突击队可参与环境整治、消防通道清理、文明创建等集中行动。", (20, 60), "人次"),
    (S.VOLUNTEER, (D.CHILD, D.CULTURE), (P.CHILD,), "{u}“蒲公英”志愿服务",
     "青年志愿者可开展课业辅导、亲子阅读、文体活动等服务。", (4, 12), "名志愿者"),
    (S.SPACE, (D.PARTY, D.CULTURE), (P.ALL,), "{u}会议室和活动室共享",
     "{u}会议室、活动室在非工作时间向社区开放,可用于议事协商、党课和文化活动。", (1, 2), "处"),
    (S.SPACE, (D.TRAFFIC,), (P.ALL,), "{u}停车场夜间错时共享",
     "{u}内部停车场每天18:00至次日7:30向周边小区居民开放。", (30, 120), "个车位"),
    (S.SPACE, (D.ELDER, D.CHILD), (P.ELDERLY, P.CHILD), "{u}闲置用房改造服务空间",
     "{u}有一处闲置用房,可无偿提供给社区改造为助餐点或儿童活动空间。", (1, 1), "处"),
    (S.SPACE, (D.ENTERPRISE,), (P.NEW_EMPLOYMENT,), "{u}门店爱心驿站",
     "{u}门店可为骑手、环卫工人提供饮水、充电、歇脚服务。", (1, 2), "处"),
    (S.FUND, (D.INFRA, D.AID), (P.ALL,), "{u}共建项目资金",
     "{u}每年安排共建资金,支持社区基础设施改善和困难群众帮扶项目。", (1, 3), "项"),
    (S.FUND, (D.AID,), (P.LOW_INCOME, P.DISABLED), "{u}困难家庭慰问金",
     "{u}节日期间为困难家庭提供慰问金和临时救助。", (10, 40), "户"),
    (S.GOODS, (D.ENV, D.SAFETY), (P.ALL,), "{u}消防和环卫物资捐赠",
     "可捐赠灭火器、应急照明、分类垃圾桶等物资设备。", (20, 60), "件"),
    (S.GOODS, (D.INFRA, D.CULTURE), (P.ALL,), "{u}健身器材和活动物资",
     "可提供室外健身器材、文体活动器材。", (6, 20), "件"),
    (S.GOODS, (D.HEALTH,), (P.ELDERLY, P.DISABLED), "{u}医疗急救设备",
     "可捐赠自动体外除颤器、轮椅等医疗急救和康复设备。", (1, 4), "台"),
    (S.GOODS, (D.TRAFFIC,), (P.ALL,), "{u}电动车智能充电桩",
     "{u}可提供并安装智能充电桩,负责后期运维。", (20, 80), "个充电口"),
    (S.GOODS, (D.AID, D.ELDER), (P.LOW_INCOME, P.ELDERLY), "{u}节日慰问物资",
     "可提供米面油等生活物资,用于困难家庭和高龄老人慰问。", (20, 60), "户"),
    (S.EXPERT, (D.HEALTH, D.ELDER), (P.ELDERLY, P.ALL), "{u}义诊和上门医疗服务",
     "{u}医务人员可到社区义诊、开展健康讲座,为行动不便老人提供上门服务。", (20, 80), "人次"),
    (S.EXPERT, (D.LEGAL,), (P.ALL, P.NEW_EMPLOYMENT), "{u}律师进社区",
     "{u}律师每月到社区坐班,提供法律咨询、参与矛盾纠纷调解。", (6, 24), "次"),
    (S.EXPERT, (D.SAFETY,), (P.ALL,), "{u}消防安全检查与执法",
     "{u}可对小区消防通道、楼道堆物开展检查和联合执法。", (2, 6), "次"),
    (S.EXPERT, (D.PROPERTY,), (P.ALL,), "{u}物业管理专业指导",
     "{u}可派专业人员参与三联办议事,指导物业服务整改和收费协商。", (1, 4), "项"),
    (S.EXPERT, (D.EMPLOY,), (P.VETERAN, P.NEW_EMPLOYMENT, P.LOW_INCOME), "{u}岗位推荐和招聘",
     "{u}可提供就业岗位,参加社区小型招聘会。", (10, 40), "个岗位"),
    (S.TRAINING, (D.EMPLOY,), (P.LOW_INCOME, P.MIGRANT), "{u}职业技能培训",
     "{u}可开设家政、电工、电商等技能培训班。", (20, 60), "人"),
    (S.TRAINING, (D.PARTY,), (P.ALL,), "{u}专题党课和理论宣讲",
     "{u}党务工作者可为社区党员讲授专题党课、开展政策宣讲。", (1, 6), "场"),
    (S.TRAINING, (D.SAFETY, D.HEALTH), (P.ALL,), "{u}消防和急救培训",
     "可开展灭火器使用、心肺复苏、火场逃生等培训演练。", (1, 6), "场"),
    (S.TRAINING, (D.CULTURE, D.ELDER), (P.ELDERLY,), "{u}老年人智能手机课堂",
     "青年员工可教老年人使用智能手机挂号、支付、视频通话。", (2, 8), "期"),
    (S.TRAINING, (D.LEGAL,), (P.NEW_EMPLOYMENT,), "{u}劳动权益普法讲座",
     "可面向快递员、外卖骑手开展劳动合同和工伤保险普法讲座。", (1, 4), "场"),
    (S.POLICY, (D.PROPERTY, D.INFRA), (P.ALL,), "{u}政策协调和项目对接",
     "{u}分管负责同志可协调住建、城管等部门资金和政策,推动小区改造和无物业小区兜底管理。", (1, 3), "项"),
    (S.POLICY, (D.TRAFFIC, D.ENTERPRISE), (P.ALL,), "{u}交通秩序和停车协调",
     "{u}可协调施划停车泊位、整治占道经营,回应驻区单位和居民诉求。", (1, 3), "项"),
    (S.TECH, (D.PARTY, D.PROPERTY), (P.ALL,), "{u}信息化技术支持",
     "{u}技术人员可协助社区对接智慧管家平台,维护网格信息系统。", (1, 2), "项"),
    (S.TECH, (D.TRAFFIC, D.SAFETY), (P.ALL,), "{u}智能安防和充电监测",
     "可为小区安装智能门禁、充电监测和高空抛物监控设备。", (1, 3), "项"),
)

# Units invented for the demo; their kind decides their seat (X or N).
CITY_DEPARTMENTS: tuple[str, ...] = (
    "市住房和城乡建设局", "市城市管理局", "市公安局", "市民政局", "市卫生健康委员会",
    "市司法局", "市消防救援大队", "市市场监督管理局", "市人力资源和社会保障局", "市自然资源和规划局",
)
OTHER_X_UNITS: tuple[tuple[str, UnitKind], ...] = (
    ("市财政局", UnitKind.AGENCY), ("市教育体育局", UnitKind.AGENCY), ("市文化旅游体育局", UnitKind.AGENCY),
    ("市退役军人事务局", UnitKind.AGENCY), ("市总工会", UnitKind.AGENCY), ("团市委", UnitKind.AGENCY),
    ("市妇联", UnitKind.AGENCY), ("市交通运输局", UnitKind.AGENCY),
    ("市供电公司", UnitKind.STATE_ENTERPRISE), ("市自来水公司", UnitKind.STATE_ENTERPRISE),
    ("市城投集团", UnitKind.STATE_ENTERPRISE), ("市农商银行", UnitKind.STATE_ENTERPRISE),
    ("市燃气公司", UnitKind.STATE_ENTERPRISE), ("市公交公司", UnitKind.STATE_ENTERPRISE),
    ("市人民医院", UnitKind.INSTITUTION), ("市中医院", UnitKind.INSTITUTION),
    ("市实验小学", UnitKind.INSTITUTION), ("市第一中学", UnitKind.INSTITUTION),
    ("市职业教育中心", UnitKind.INSTITUTION), ("市图书馆", UnitKind.INSTITUTION),
)
N_UNITS: tuple[tuple[str, UnitKind], ...] = (
    ("天润电子科技有限公司", UnitKind.PRIVATE_ENTERPRISE), ("长泰商贸有限公司", UnitKind.PRIVATE_ENTERPRISE),
    ("金鼎电缆股份有限公司", UnitKind.PRIVATE_ENTERPRISE), ("惠邻超市连锁有限公司", UnitKind.PRIVATE_ENTERPRISE),
    ("明德律师事务所", UnitKind.PRIVATE_ENTERPRISE), ("康宁大药房", UnitKind.PRIVATE_ENTERPRISE),
    ("千秋建筑工程有限公司", UnitKind.PRIVATE_ENTERPRISE), ("广陵快递服务站", UnitKind.PRIVATE_ENTERPRISE),
    ("仪表线缆产业园企业联合会", UnitKind.SOCIAL_ORG), ("爱心助老协会", UnitKind.SOCIAL_ORG),
    ("蒲公英志愿服务协会", UnitKind.SOCIAL_ORG), ("红十字志愿服务队", UnitKind.SOCIAL_ORG),
    ("社会工作服务中心", UnitKind.SOCIAL_ORG), ("个体劳动者协会", UnitKind.SOCIAL_ORG),
    ("书画艺术家协会", UnitKind.SOCIAL_ORG), ("心理咨询师协会", UnitKind.SOCIAL_ORG),
)
PROPERTY_COMPANIES: tuple[str, ...] = (
    "安居物业服务有限公司", "和家物业管理有限公司", "广陵街道红色物业服务公司(非营利)",
    "千秋街道红色物业服务公司(非营利)", "绿城园林物业有限公司", "恒信物业服务有限公司",
)

COMPOUND_WORDS: tuple[str, ...] = (
    "家园", "花园", "新村", "小区", "名苑", "雅居", "景苑", "华庭", "佳苑", "公寓", "嘉园", "新城",
)
COMPOUND_PREFIXES: tuple[str, ...] = (
    "阳光", "幸福", "和平", "锦绣", "金色", "紫荆", "文昌", "南湖", "北苑", "翠湖", "滨河", "东城",
    "西苑", "建华", "康乐", "富园", "桂花", "丽景", "龙岗", "春晖", "荷塘", "柳岸", "银杏", "书香",
)

SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "晓海建华国庆志强秀英桂兰明辉丽娟文静红梅小军卫东春燕永刚雪梅立新德胜玉兰海燕宏伟俊杰慧敏"

LEADER_TITLES: tuple[str, ...] = (
    "市委常委、组织部部长", "市委常委、宣传部部长", "市委常委、政法委书记", "市委常委、常务副市长",
    "市委常委、统战部部长", "市委常委、纪委书记", "市委常委、秘书长", "副市长", "副市长", "副市长",
    "市人大常委会副主任", "市人大常委会副主任", "市政协副主席", "市政协副主席", "市人大常委会主任",
    "市政协主席", "副市长", "市人大常委会副主任", "市政协副主席", "市委常委、副市长",
    "市人大常委会副主任", "市政协副主席", "副市长",
)

MEETING_TOPICS: tuple[str, ...] = (
    "季度联席会议:无物业小区治理", "季度联席会议:道路硬化和管网改造", "季度联席会议:体育设施装配",
    "季度联席会议:消防通道集中整治", "季度联席会议:停车难和充电难", "季度联席会议:一老一小服务",
    "季度联席会议:文明城市创建", "季度联席会议:需求库和资源库对接",
)
