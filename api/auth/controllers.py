from __future__ import annotations

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK

from api.auth.deps import Principal
from api.auth.dev_issuer import DevIssuer
from api.auth.schemas import DevTokenIn, DevTokenOut, MeOut, SetRoleIn, SyncUserIn
from api.auth.services import ClerkClient, UserService
from api.common.openapi import BEARER

provide_user_service = create_service_provider(UserService)


class AuthController(Controller):
    path = "/api/auth"
    tags = ["auth"]
    security = BEARER
    dependencies = {"users_service": Provide(provide_user_service)}

    @post("/sync-user", status_code=HTTP_200_OK, summary="Create or refresh the current user from the token")
    async def sync_user(
        self,
        current_user: NamedDependency[Principal],
        users_service: NamedDependency[UserService],
        data: JSONBody[SyncUserIn | None] = None,
    ) -> MeOut:
        claims = current_user.claims
        email = (data.email if data else None) or claims.get("email")
        name = (data.full_name if data else None) or claims.get("name")
        return await users_service.sync(
            current_user.user_id, email if isinstance(email, str) else None, name if isinstance(name, str) else None
        )

    @post("/set-role", status_code=HTTP_200_OK, summary="Choose RECRUITER (with a new company) or CANDIDATE, once")
    async def set_role(
        self,
        request: Request,
        current_user: NamedDependency[Principal],
        users_service: NamedDependency[UserService],
        data: JSONBody[SetRoleIn],
    ) -> MeOut:
        me, changed = await users_service.set_role(current_user.user_id, data.role, data.company_name)
        clerk: ClerkClient | None = request.app.state.clerk
        if changed and clerk is not None and not current_user.clerk_id.startswith("dev|"):
            await clerk.set_public_role(current_user.clerk_id, data.role)
        return me

    @get("/me", summary="The current user")
    async def me(self, current_user: NamedDependency[Principal], users_service: NamedDependency[UserService]) -> MeOut:
        return await users_service.me(current_user.user_id, current_user.company_id)


class DevAuthController(Controller):
    """Registered only when DEV_AUTH is on."""

    path = "/api/auth/dev"
    tags = ["dev auth"]
    dependencies = {"users_service": Provide(provide_user_service)}

    @get("/.well-known/jwks.json", summary="The dev issuer's public keys")
    async def jwks(self, request: Request) -> dict:
        issuer: DevIssuer = request.app.state.dev_issuer
        return issuer.jwks

    @post("/token", status_code=HTTP_200_OK, summary="Issue a dev session token (optionally setting the role)")
    async def token(
        self, request: Request, users_service: NamedDependency[UserService], data: JSONBody[DevTokenIn]
    ) -> DevTokenOut:
        issuer: DevIssuer = request.app.state.dev_issuer
        token, exp = issuer.issue(data.sub, email=data.email, name=data.name, ttl_seconds=data.ttl_seconds)
        # the same path as any request carrying this token, then the optional role
        claims = await request.app.state.verifier.verify(token)
        me = await users_service.sign_in(claims, data.email, data.name, data.role, data.company_name)
        return DevTokenOut(token=token, token_type="Bearer", expires_at=exp, user=me)
