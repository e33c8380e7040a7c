"""Bearer tokens: minted and verified, refused when expired, forged or missing their scope; production
refuses the development secret."""

from __future__ import annotations

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
