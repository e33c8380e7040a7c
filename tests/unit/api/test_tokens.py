"""Bearer tokens: minted and verified, refused when expired, forged or missing their scope; production
refuses the development secret."""

from __future__ import annotations

import time
from datetime import timedelta

import jwt
import pytest
from pydantic import ValidationError

from orggraph.api.tokens import TokenError, mint, verify
from orggraph.domain.auth import Role
from orggraph.settings import DEV_JWT_SECRET, Settings


def test_a_minted_token_carries_role_and_scope() -> None:
    s = Settings()
    p = verify(
        s,
        mint(s, role=Role.COMMUNITY_ADMIN, subject="书记", scope_id="comm-shuguang", ttl=timedelta(hours=1)),
    )
    assert (p.role, p.community_id, p.street_id, p.unit_id, p.subject) == (
        Role.COMMUNITY_ADMIN,
        "comm-shuguang",
        None,
        None,
        "书记",
    )


def test_expired_forged_and_unscoped_tokens_are_refused() -> None:
    s = Settings()
    with pytest.raises(TokenError):
        verify(s, mint(s, role=Role.ORG_ADMIN, subject="x", scope_id=None, ttl=timedelta(seconds=-5)))
    other = Settings(jwt_secret="another-secret-of-enough-length-0123456789")  # type: ignore[arg-type]
    with pytest.raises(TokenError):
        verify(s, mint(other, role=Role.ORG_ADMIN, subject="x", scope_id=None, ttl=timedelta(hours=1)))
    unscoped = jwt.encode(
        {"sub": "x", "role": "STREET_ADMIN", "iss": "orggraph"}, DEV_JWT_SECRET, algorithm="HS256"
    )
    with pytest.raises(TokenError, match="范围"):
        verify(s, unscoped)
    with pytest.raises(TokenError):
        mint(s, role=Role.UNIT_USER, subject="x", scope_id=None, ttl=timedelta(hours=1))


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(ValidationError, match="ORGGRAPH_JWT_SECRET"):
        Settings(env="production")
    assert Settings(env="production", jwt_secret="a-real-secret-of-at-least-32-characters!!")  # type: ignore[arg-type]


def test_rs256_tokens_are_verified_with_the_public_key(tmp_path: object) -> None:
    from pathlib import Path

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    assert isinstance(tmp_path, Path)
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (tmp_path / "pub.pem").write_bytes(public_pem)
    s = Settings(jwt_public_key_file=tmp_path / "pub.pem")
    claims = {"sub": "idp-user", "role": "UNIT_USER", "unit": "unit-n-0001", "iss": "orggraph"}
    p = verify(s, jwt.encode(claims, private, algorithm="RS256"))
    assert (p.role, p.unit_id) == (Role.UNIT_USER, "unit-n-0001")
    with pytest.raises(TokenError):  # an HS256 token signed with the shared secret is not accepted then
        verify(s, jwt.encode(claims, DEV_JWT_SECRET, algorithm="HS256"))


def test_a_grid_workers_token_carries_its_community_and_a_residents_only_its_subject() -> None:
    s = Settings()
    grid = verify(
        s, mint(s, role=Role.GRID_WORKER, subject="g-1", scope_id="comm-shuguang", ttl=timedelta(hours=1))
    )
    assert (grid.role, grid.community_id, grid.street_id, grid.unit_id) == (
        Role.GRID_WORKER, "comm-shuguang", None, None,
    )  # fmt: skip
    with pytest.raises(TokenError):
        mint(s, role=Role.GRID_WORKER, subject="g-1", scope_id=None, ttl=timedelta(hours=1))
    resident = verify(s, mint(s, role=Role.RESIDENT, subject="r-1", scope_id=None, ttl=timedelta(hours=1)))
    assert (resident.role, resident.subject, resident.community_id) == (Role.RESIDENT, "r-1", None)


def test_an_accepted_token_is_not_checked_again_until_it_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    from orggraph.api import tokens

    s = Settings()
    decoded: list[str] = []
    real = jwt.decode
    monkeypatch.setattr(tokens.jwt, "decode", lambda t, *a, **k: decoded.append(t) or real(t, *a, **k))
    # an exp 1-2 s away (a minted token's exp drops the fraction of a second, so mint could leave almost none)
    exp = int(time.time()) + 2
    token = jwt.encode({"sub": "cached", "role": "ORG_ADMIN", "iss": "orggraph", "exp": exp}, DEV_JWT_SECRET)
    first = verify(s, token)
    assert verify(s, token) == first and decoded == [token], "the second request is answered without PyJWT"
    # the same token under another secret or issuer is checked (and refused), not taken from the cache
    with pytest.raises(TokenError):
        verify(Settings(jwt_secret="another-secret-of-enough-length-0123456789"), token)  # type: ignore[arg-type]
    with pytest.raises(TokenError):
        verify(Settings(jwt_issuer="someone-else"), token)
    # once its exp has passed, the cached token is refused like any expired one
    time.sleep(max(0.0, exp - time.time()) + 0.05)
    decoded.clear()
    with pytest.raises(TokenError):
        verify(s, token)
    assert decoded == [token], "checked again, not answered from the cache"


def test_the_cache_of_accepted_tokens_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from orggraph.api import tokens

    monkeypatch.setattr(tokens, "VERIFIED_MAX", 3)
    monkeypatch.setattr(tokens, "_verified", {})
    s = Settings()
    minted = [
        mint(s, role=Role.VIEWER, subject=f"v{i}", scope_id=None, ttl=timedelta(hours=1)) for i in range(5)
    ]
    assert [verify(s, t).subject for t in minted] == [f"v{i}" for i in range(5)]
    assert [k[0] for k in tokens._verified] == minted[2:], "the oldest are dropped first"
