"""Bearer tokens: HS256 with ORGGRAPH_JWT_SECRET, or RS256 verified with ORGGRAPH_JWT_PUBLIC_KEY_FILE.
Claims: sub, role, and for scoped roles street / community / unit; exp."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from orggraph.domain.auth import Principal, Role
from orggraph.settings import Settings

SCOPE_CLAIM = {
    Role.STREET_ADMIN: "street",
    Role.COMMUNITY_ADMIN: "community",
    Role.UNIT_USER: "unit",
    Role.GRID_WORKER: "community",  # a grid worker works in one community's grids
}
COMMUNITY_ROLES = (Role.COMMUNITY_ADMIN, Role.GRID_WORKER)


class TokenError(ValueError):
    pass


def mint(settings: Settings, *, role: Role, subject: str, scope_id: str | None, ttl: timedelta) -> str:
    claims: dict[str, object] = {"sub": subject, "role": role.value, "iss": settings.jwt_issuer,
                                 "exp": datetime.now(UTC) + ttl}  # fmt: skip
    if role in SCOPE_CLAIM:
        if not scope_id:
            raise TokenError(f"role {role.value} needs --{SCOPE_CLAIM[role]}")
        claims[SCOPE_CLAIM[role]] = scope_id
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


def verify(settings: Settings, token: str) -> Principal:
    try:
        if settings.jwt_public_key_file:
            key = settings.jwt_public_key_file.read_text(encoding="utf-8")
            claims = jwt.decode(token, key, algorithms=["RS256"], issuer=settings.jwt_issuer)
        else:
            claims = jwt.decode(
                token,
                settings.jwt_secret.get_secret_value(),
                algorithms=["HS256"],
                issuer=settings.jwt_issuer,
            )
        role = Role(claims["role"])
    except (jwt.InvalidTokenError, KeyError, ValueError) as exc:
        raise TokenError("令牌无效或已过期") from exc
    scope = claims.get(SCOPE_CLAIM.get(role, ""), None)
    if role in SCOPE_CLAIM and not scope:
        raise TokenError("令牌缺少其角色所需的范围")
    return Principal(
        subject=str(claims.get("sub", "")), role=role,
        street_id=scope if role is Role.STREET_ADMIN else None,
        community_id=scope if role in COMMUNITY_ROLES else None,
        unit_id=scope if role is Role.UNIT_USER else None,
    )  # fmt: skip


def expiry(token: str) -> float | None:
    """The `exp` claim (seconds since the epoch) of a token `verify` has already accepted."""
    exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
    return float(exp) if isinstance(exp, int | float) else None
