"""Two livekit-server nodes sharing one Redis (LiveKit's multi-node mode), as `interviewly up --cluster` runs them:
people on either node meet in one room, and an agent host registered on one node takes a dispatch made through the
other for a room whose participants came in through that other node."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest
from livekit import api

from db.contract import dispatch_metadata
from devstack.livekit_server import LiveKitServer, api_credentials
from devstack.ports import free_port
from devstack.redis_server import RedisServer
from tests.agent.conftest import E2E_ENV
from tests.agent.sim import Participant, create_interview, start_worker, worker_env
from tests.conftest import LiveKitInfo

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

AGENT = "interviewer-lkcluster"


@pytest.fixture(scope="module")
def nodes(artifacts_dir) -> Iterator[list[LiveKitInfo]]:
    redis = RedisServer(port=free_port(), log_path=artifacts_dir / "cluster-redis.log")
    redis.start()
    servers = [LiveKitServer(port=free_port(), tcp_port=free_port(), udp_port=free_port(), redis=redis.address,
                             log_path=artifacts_dir / f"cluster-livekit-node{n}.log") for n in (1, 2)]
    key, secret = api_credentials()
    try:
        for server in servers:
            server.start()
        yield [LiveKitInfo(url=s.url, http_url=s.http_url, api_key=key, api_secret=secret) for s in servers]
    finally:
        for server in servers:
            server.stop()
        redis.stop()


async def _until(predicate: Any, within: float, what: str) -> Any:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out after {within}s: {what}")


async def test_two_nodes_one_room_and_an_agent_across_nodes(nodes, database_url, db_sessionmaker,
                                                            artifacts_dir) -> None:
    one, two = nodes
    interview_id = await create_interview(db_sessionmaker, questions=["Why this role?"])
    room = f"interview-{interview_id}"
    # both nodes know each other through Redis
    async with api.LiveKitAPI(one.http_url, one.api_key, one.api_secret) as lk:
        await lk.room.create_room(api.CreateRoomRequest(name=room, empty_timeout=120))
    here, there = Participant(one, room, "person-node1"), Participant(two, room, "person-node2")
    host = start_worker(worker_env(two, database_url, **{**E2E_ENV, "AGENT_NAME": AGENT,
                                                         "AGENT_WORKER_PROCESSES": 1, "AGENT_IDLE_PROCESSES": 1}),
                        artifacts_dir / "cluster-lk-agent.log")
    try:
        await here.connect()
        await there.connect()
        await _until(lambda: "person-node2" in {p.identity for p in here.room.remote_participants.values()},
                     10, "node 1's participant to see node 2's")
        await _until(lambda: "person-node1" in {p.identity for p in there.room.remote_participants.values()},
                     10, "node 2's participant to see node 1's")
        async with api.LiveKitAPI(two.http_url, two.api_key, two.api_secret) as lk:
            listed = await lk.room.list_participants(api.ListParticipantsRequest(room=room))
        assert {p.identity for p in listed.participants} >= {"person-node1", "person-node2"}

        # the agent host is registered on node 2; the dispatch goes through node 1
        await host.wait_registered(within=120)
        async with api.LiveKitAPI(one.http_url, one.api_key, one.api_secret) as lk:
            await lk.agent_dispatch.create_dispatch(api.CreateAgentDispatchRequest(
                agent_name=AGENT, room=room, metadata=dispatch_metadata(interview_id)))
        await _until(lambda: here.received.agent_joined, 30, "the agent (on node 2) to join the room via node 1")
    finally:
        await here.disconnect()
        await there.disconnect()
        host.stop()
