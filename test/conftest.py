"""Fixtures shared by the test files: a running emulator and a client pointed at it.

`emulator` is an `AgentApiEmulator` with rate limits off, listening on
127.0.0.1. One server is started per test module (starting and stopping takes
tens of milliseconds); each test gets it with an empty request log and no
pending faults, so assertions on `emulator.requests` see only that test's
traffic. Run ids keep counting up across a module's tests. A test that needs
other emulator settings (rate limits, tokens, lifecycles) starts its own
`AgentApiEmulator`.

`configuration`, `api_client` and `agents_api` are the usual client stack
for that emulator, with the emulator's token and retries off (``retries=0``),
so that an injected fault reaches the test as it is; tests of retrying set
their own.

Waits share a poll budget per host and token for the whole process, as they
should in a program; every test starts with fresh budgets, so that polls made
by earlier tests against the same emulator do not slow it down.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from openapi_client import AgentsApi, ApiClient, Configuration, waiting
from openapi_client.testing import AgentApiEmulator


@pytest.fixture(autouse=True)
def fresh_poll_budgets() -> Iterator[None]:
    for group, limit in waiting.DEFAULT_POLL_BUDGETS.items():
        waiting.set_poll_budget(*limit, group=group)
    yield
    for group, limit in waiting.DEFAULT_POLL_BUDGETS.items():
        waiting.set_poll_budget(*limit, group=group)


@pytest.fixture(scope="module")
def _emulator_server() -> Iterator[AgentApiEmulator]:
    with AgentApiEmulator(rate_limits=False) as emu:
        yield emu


@pytest.fixture
def emulator(_emulator_server: AgentApiEmulator) -> Iterator[AgentApiEmulator]:
    """The module's emulator, with an empty request log and no faults queued."""
    emu = _emulator_server
    if not emu.running:  # a previous test stopped it
        emu.start()
    emu.clear_faults()
    emu.clear_requests()
    yield emu
    emu.clear_faults()


@pytest.fixture
def configuration(emulator: AgentApiEmulator) -> Configuration:
    """Settings for `emulator`: its URL and token, no retries."""
    return Configuration(host=emulator.url, access_token=emulator.token, retries=0)


@pytest.fixture
def api_client(configuration: Configuration) -> Iterator[ApiClient]:
    """An `ApiClient` on `configuration`, closed after the test."""
    with ApiClient(configuration) as client:
        yield client


@pytest.fixture
def agents_api(api_client: ApiClient) -> AgentsApi:
    """`AgentsApi` on `api_client`."""
    return AgentsApi(api_client)
