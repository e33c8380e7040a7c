"""The taxonomy of needs and resources: stable English codes, Chinese labels (seeds/taxonomy.yaml)."""

from __future__ import annotations

from enum import StrEnum


class SupportType(StrEnum):
    SPACE = "SPACE"
    FUND = "FUND"
    GOODS = "GOODS"
    EXPERT = "EXPERT"
    VOLUNTEER = "VOLUNTEER"
    TRAINING = "TRAINING"
    POLICY = "POLICY"
    TECH = "TECH"


class Domain(StrEnum):
    ELDER = "ELDER"
    CHILD = "CHILD"
    HEALTH = "HEALTH"
    LEGAL = "LEGAL"
    ENV = "ENV"
    SAFETY = "SAFETY"
    PROPERTY = "PROPERTY"
    INFRA = "INFRA"
    TRAFFIC = "TRAFFIC"
    EMPLOY = "EMPLOY"
    CULTURE = "CULTURE"
    AID = "AID"
    PARTY = "PARTY"
    ENTERPRISE = "ENTERPRISE"


class Population(StrEnum):
    ELDERLY = "ELDERLY"
    CHILD = "CHILD"
    DISABLED = "DISABLED"
    LOW_INCOME = "LOW_INCOME"
    VETERAN = "VETERAN"
    NEW_EMPLOYMENT = "NEW_EMPLOYMENT"
    MIGRANT = "MIGRANT"
    ALL = "ALL"


SUPPORT_TYPE_LABELS: dict[SupportType, str] = {
    SupportType.SPACE: "场地阵地",
    SupportType.FUND: "资金",
    SupportType.GOODS: "物资设备",
    SupportType.EXPERT: "专业服务",
    SupportType.VOLUNTEER: "志愿人力",
    SupportType.TRAINING: "培训讲座",
    SupportType.POLICY: "政策协调",
    SupportType.TECH: "技术信息化",
}

DOMAIN_LABELS: dict[Domain, str] = {
    Domain.ELDER: "养老助老",
    Domain.CHILD: "儿童青少年",
    Domain.HEALTH: "医疗健康",
    Domain.LEGAL: "法律调解",
    Domain.ENV: "环境卫生",
    Domain.SAFETY: "平安消防",
    Domain.PROPERTY: "物业治理",
    Domain.INFRA: "基础设施",
    Domain.TRAFFIC: "停车交通",
    Domain.EMPLOY: "就业创业",
    Domain.CULTURE: "文体",
    Domain.AID: "困难帮扶",
    Domain.PARTY: "党建",
    Domain.ENTERPRISE: "驻区单位诉求",
}

POPULATION_LABELS: dict[Population, str] = {
    Population.ELDERLY: "老年人",
    Population.CHILD: "儿童",
    Population.DISABLED: "残疾人",
    Population.LOW_INCOME: "低收入群体",
    Population.VETERAN: "退役军人",
    Population.NEW_EMPLOYMENT: "新就业群体",
    Population.MIGRANT: "流动人口",
    Population.ALL: "全体居民",
}
