"""App factory: `uvicorn --factory api.app:create_app`.

Route handlers come from `route_handlers()`: a domain (or the `api/web/` pages) is one line there.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx
from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig
from litestar.types import ControllerRouterHandler

from api.apikeys.controllers import ApiKeyController
from api.applications.controllers import ApplicationController, ApplyController
from api.applications.mine import MyApplicationController
from api.auth.controllers import AuthController, DevAuthController
from api.auth.deps import AUTH_DEPENDENCIES, PrincipalCache
from api.auth.dev_issuer import DevIssuer
from api.auth.jwks_shared import PostgresJWKSStore
from api.auth.jwt import HttpJWKSProvider, StaticJWKSProvider, TokenVerifier, TrustedIssuer
from api.auth.services import ClerkClient
from api.candidate_tools.coach_history import CoachHistoryController
from api.candidate_tools.controllers import CandidateToolsController
from api.candidate_tools.practice_report import PracticeReportController
from api.candidate_tools.rewrite_files import RewriteFilesController
from api.collab.controllers import CollaborationController
from api.common.db import alchemy_config
from api.common.di import resolve_dependencies_in_order
from api.common.errors import EXCEPTION_HANDLERS, log_unexpected
from api.common.logging import RequestIdMiddleware, configure_logging
from api.common.metrics import MetricsMiddleware, metrics_endpoint
from api.common.openapi import document_errors, openapi_config
from api.common.ratelimit import MemoryRateLimitStore
from api.common.ratelimit_pg import PostgresRateLimitStore
from api.common.sentry import init_sentry
from api.company.controllers import CompanyController
from api.config import Settings, settings_or_exit
from api.dashboards.controllers import DashboardController
from api.email.controllers import EmailController, UnsubscribeController
from api.health.controllers import health
from api.imports.controllers import ImportController
from api.interview_links.controllers import InterviewLinkController
from api.interviews.controllers import InterviewController
from api.interviews.reports import ReportController
from api.interviews.tasks import LifecycleRuntime
from api.jobs.controllers import JobController, PublicJobController
from api.livekit_tokens.controllers import LiveKitTokenController
from api.livekit_tokens.gateway import LiveKitGateway
from api.privacy.controllers import CandidatePrivacyController, PrivacyController
from api.queue.worker import queue_lifespan
from api.recordings.controllers import RecordingController, serve_signed_recording
from api.screening.controllers import ScreeningController
from api.storage.safe_parse import CVParserPool, ParseLimits
from api.storage.services import make_recording_storage, make_storage
from api.teams.controllers import TeamController
from api.web.candidate_pages import CandidatePagesController
from api.web.controllers import TEMPLATE_DIR, WebController, static_files_router
from api.webhooks.controllers import RestHookController, WebhookController
from db.contract import page_contract

logger = logging.getLogger("api")


def route_handlers(settings: Settings) -> list[ControllerRouterHandler]:
    handlers: list[ControllerRouterHandler] = [
        health,
        AuthController,
        JobController,
        PublicJobController,
        ApplyController,
        ApplicationController,
        MyApplicationController,
        InterviewController,
        ReportController,
        CompanyController,
        InterviewLinkController,
        LiveKitTokenController,
        ScreeningController,
        CandidateToolsController,
        CoachHistoryController,
        RewriteFilesController,
        PracticeReportController,
        DashboardController,
        EmailController,
        ImportController,
        PrivacyController,
        CandidatePrivacyController,
        UnsubscribeController,
        TeamController,
        ApiKeyController,
        CollaborationController,
        WebhookController,
        RestHookController,
        RecordingController,
        serve_signed_recording,
        WebController,
        CandidatePagesController,
        static_files_router,
    ]
    if settings.dev_auth:
        handlers.append(DevAuthController)
    if settings.metrics_enabled:
        handlers.append(metrics_endpoint)
    return handlers


def build_verifier(settings: Settings, http: httpx.AsyncClient, dev_issuer: DevIssuer | None,
                   shared_jwks: PostgresJWKSStore | None = None) -> TokenVerifier:
    issuers: list[TrustedIssuer] = []
    jwks_url = settings.effective_clerk_jwks_url
    if settings.clerk_issuer and jwks_url:
        issuers.append(
            TrustedIssuer(
                issuer=settings.clerk_issuer,
                jwks=HttpJWKSProvider(
                    jwks_url,
                    http,
                    cache_seconds=settings.jwks_cache_seconds,
                    min_refresh_seconds=settings.jwks_min_refresh_seconds,
                    timeout_seconds=settings.jwks_timeout_seconds,
                    failure_backoff_seconds=settings.jwks_failure_backoff_seconds,
                    shared=shared_jwks,
                ),
                authorized_parties=settings.authorized_parties,
            )
        )
    if dev_issuer is not None:
        issuers.append(
            TrustedIssuer(
                issuer=dev_issuer.issuer,
                jwks=StaticJWKSProvider(dev_issuer.jwks),
                authorized_parties=settings.clerk_authorized_parties,
            )
        )
    return TokenVerifier(issuers, leeway_seconds=settings.jwt_leeway_seconds)


def build_dev_issuer(settings: Settings) -> DevIssuer | None:
    if not settings.dev_auth:
        return None
    return DevIssuer(
        settings.dev_issuer_key_path,
        settings.dev_issuer,
        settings.dev_token_ttl_seconds,
        audience_party=(settings.clerk_authorized_parties or [None])[0],
    )


def templates() -> TemplateConfig:
    return TemplateConfig(
        directory=TEMPLATE_DIR,
        engine=JinjaTemplateEngine,
        # the names the pages share with the agent (identity prefixes, topics, attributes) come from one place
        engine_callback=lambda jinja: jinja.engine.globals.update(contract=page_contract()),
    )


def cors(settings: Settings) -> CORSConfig | None:
    if not settings.cors_allow_origins:
        return None
    return CORSConfig(
        allow_origins=settings.cors_allow_origins,
        allow_credentials=False,
        allow_headers=["Authorization", "Content-Type", "X-Request-ID", "Idempotency-Key", "X-Company-Id"],
        expose_headers=["X-Request-ID", "Idempotent-Replayed"],
    )


def app_state(settings: Settings, http: httpx.AsyncClient, db_config: SQLAlchemyAsyncConfig) -> dict[str, Any]:
    """What the handlers share for the app's life: clients, stores, pools."""
    dev_issuer = build_dev_issuer(settings)
    livekit = LiveKitGateway(settings)
    cv_parser = CVParserPool(ParseLimits(workers=settings.cv_parse_workers, memory_mb=settings.cv_parse_memory_mb,
                                         timeout_seconds=settings.cv_parse_timeout_seconds,
                                         max_bytes=settings.max_upload_bytes))
    state = {
        "settings": settings,
        "verifier": build_verifier(settings, http, dev_issuer,
                                   PostgresJWKSStore(db_config.get_engine()) if settings.jwks_shared_cache else None),
        "principal_cache": (
            PrincipalCache(settings.principal_cache_seconds) if settings.principal_cache_seconds > 0 else None
        ),
        "dev_issuer": dev_issuer,
        "livekit": livekit,
        "clerk": ClerkClient(settings.clerk_api_url, settings.clerk_secret_key, http)
        if settings.clerk_secret_key else None,
        "http": http,
        "storage": make_storage(settings),
        "recording_storage": make_recording_storage(settings),  # issue 21: recordings, behind signed links
        # rate-limit counts: in Postgres, shared by every API process (RATE_LIMIT_STORE=memory: this one only)
        "db_engine": db_config.get_engine(),  # the pool the metrics report on (api/common/metrics.py)
        "rate_limits": PostgresRateLimitStore(db_config.get_engine())
        if settings.rate_limit_store == "postgres" else MemoryRateLimitStore(),
        "cv_parser": cv_parser,  # every uploaded CV file is parsed here (api/storage/safe_parse.py)
        # what work done after a response needs (an arrival's dispatch)
        "lifecycle": LifecycleRuntime(db_config.create_session_maker(), settings=settings, livekit=livekit),
    }
    return state


def create_app(settings: Settings | None = None, *, http_transport: httpx.AsyncBaseTransport | None = None) -> Litestar:
    settings = settings or settings_or_exit()
    resolve_dependencies_in_order()
    configure_logging(settings.log_level)
    init_sentry(settings)  # only with SENTRY_DSN
    http = httpx.AsyncClient(transport=http_transport)
    db_config = alchemy_config(settings)
    state = app_state(settings, http, db_config)

    async def on_startup() -> None:
        await state["livekit"].start()

    async def on_shutdown() -> None:
        await state["livekit"].close()
        await http.aclose()
        await state["cv_parser"].close()

    app = Litestar(
        route_handlers=route_handlers(settings),
        plugins=[SQLAlchemyPlugin(config=db_config)],
        dependencies={
            **AUTH_DEPENDENCIES,
            "settings": Provide(lambda: settings, sync_to_thread=False),
            "dev_auth": Provide(lambda: settings.dev_auth, sync_to_thread=False),
        },
        template_config=templates(),
        state=State(state),
        middleware=[*([DefineMiddleware(MetricsMiddleware)] if settings.metrics_enabled else []),
                    DefineMiddleware(RequestIdMiddleware, access_log=settings.access_log)],
        cors_config=cors(settings),
        openapi_config=openapi_config(),
        request_max_body_size=settings.max_request_body_bytes,
        multipart_form_part_limit=20,
        exception_handlers=EXCEPTION_HANDLERS,
        after_exception=[log_unexpected],
        on_startup=[on_startup],
        on_shutdown=[on_shutdown],
        lifespan=[queue_lifespan],  # the queue worker: screening and the interview lifecycle (QUEUE_WORKER=0: none)
        logging_config=None,
        debug=False,
    )
    document_errors(app)  # every operation's error statuses in /schema (api/common/openapi.py)
    return app
