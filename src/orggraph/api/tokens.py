"""Bearer tokens: HS256 with ORGGRAPH_JWT_SECRET, or RS256 verified with ORGGRAPH_JWT_PUBLIC_KEY_FILE.
Claims: sub, role, and for scoped roles street / community / unit; exp."""

from __future__ import annotations

import time
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


# Tokens accepted lately, by the token and what verified it (issuer; secret, or public key file and its
# modification time): the same bearer token on the next request is not decoded and checked again until its
# `exp` has passed (PyJWT's check took about 4% of the server's CPU under `make load`). Only tokens with an
# expiry are kept, at most VERIFIED_MAX, the oldest dropped first. docs/benchmarks.md discloses it (rule 11).
VERIFIED_MAX = 4096
_verified: dict[tuple[str, str, str, int], tuple[Principal, float]] = {}


def verify(settings: Settings, token: str) -> Principal:
    key_file = settings.jwt_public_key_file
    try:
        by = (
            (str(key_file), key_file.stat().st_mtime_ns)
            if key_file
            else (settings.jwt_secret.get_secret_value(), 0)
        )
    except OSError:  # no key file: _verify says so
        return _verify(settings, token)[0]
    key = (token, settings.jwt_issuer, *by)
    known = _verified.get(key)
    if known is not None:
        if time.time() < known[1]:
            return known[0]
        del _verified[key]
    principal, exp = _verify(settings, token)
    if exp is not None:
        if len(_verified) >= VERIFIED_MAX:
            del _verified[next(iter(_verified))]
        _verified[key] = (principal, exp)
    return principal


def _verify(settings: Settings, token: str) -> tuple[Principal, float | None]:
    """The token's principal and its `exp`, the signature, issuer and expiry checked."""
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
    exp = claims.get("exp")
    return Principal(
        subject=str(claims.get("sub", "")), role=role,
        street_id=scope if role is Role.STREET_ADMIN else None,
        community_id=scope if role in COMMUNITY_ROLES else None,
        unit_id=scope if role is Role.UNIT_USER else None,
    ), (float(exp) if isinstance(exp, int | float) and not isinstance(exp, bool) else None)  # fmt: skip


def expiry(token: str) -> float | None:
    """The `exp` claim (seconds since the epoch) of a token `verify` has already accepted."""
    exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
    return float(exp) if isinstance(exp, int | float) else None
