"""The schema, assembled from the feature slices (network, library, tasks, matching, audit).

The order of the parts is the order of the fields in the committed SDL (schema/orggraph.graphql)."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from orggraph.api.audit import AuditQuery
from orggraph.api.city import CityProfileQuery
from orggraph.api.compounds import CompoundMutation, CompoundQuery
from orggraph.api.concepts import ConceptMutation, ConceptQuery
from orggraph.api.errors import ErrorCodes
from orggraph.api.events import EventSubscription
from orggraph.api.governance import GovernanceMutation, GovernanceQuery
from orggraph.api.library import LibraryMutation, LibraryQuery
from orggraph.api.limits import extensions
from orggraph.api.matching import MatchingQuery
from orggraph.api.network import CityQuery, NetworkMutation, NetworkQuery
from orggraph.api.observe import Observe
from orggraph.api.party_members import PartyMemberMutation, PartyMemberQuery
from orggraph.api.period_report import PeriodReportQuery
from orggraph.api.projects import ProjectMutation, ProjectQuery
from orggraph.api.ratings import RatingMutation, RatingQuery
from orggraph.api.reports import ReportMutation, ReportQuery
from orggraph.api.tasks import TaskMutation, TaskQuery
from orggraph.domain import glossary
from orggraph.settings import Settings

QUERIES = (
    NetworkQuery,
    MatchingQuery,
    AuditQuery,
    CityQuery,
    CityProfileQuery,
    LibraryQuery,
    TaskQuery,
    GovernanceQuery,
    ProjectQuery,
    RatingQuery,
    CompoundQuery,
    PartyMemberQuery,
    ReportQuery,
    PeriodReportQuery,
    ConceptQuery,
)
MUTATIONS = (
    NetworkMutation,
    LibraryMutation,
    TaskMutation,
    GovernanceMutation,
    ProjectMutation,
    RatingMutation,
    CompoundMutation,
    PartyMemberMutation,
    ReportMutation,
    ConceptMutation,
)
SUBSCRIPTIONS = (EventSubscription,)


def _root(name: str, parts: tuple[type, ...]) -> type:
    """The parts merged into one root type (merge_types), described by the glossary."""
    merged = merge_types(name, parts)
    return strawberry.type(type(name, (merged,), {}), description=glossary.describe(name))


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Client mistakes are answered, not logged as server errors; ErrorCodes logs the unexpected ones."""


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema; with settings, also the limits and the production hardening they ask for."""
    limits = extensions(settings) if settings else []
    production = settings is not None and settings.env == "production"
    return Schema(
        query=_root("Query", QUERIES),
        mutation=_root("Mutation", MUTATIONS),
        subscription=_root("Subscription", SUBSCRIPTIONS),
        extensions=[Observe, *limits, ErrorCodes],
        config=StrawberryConfig(auto_camel_case=True, disable_field_suggestions=production),
    )


def sdl() -> str:
    return build_schema().as_str() + "\n"
