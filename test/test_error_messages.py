"""What a failed call says: `ApiException.message`, the first line of `str(e)`, and the default-host hint.

Every error comes from a server over HTTP: the emulator's own answers, or
bodies injected with `Fault`, so the text checked is the text a user reads.
"""

from __future__ import annotations

import socket
from typing import Any, Dict

import pytest

from openapi_client import AgentsApi, ApiClient, Configuration, CreateAgentRunInput, cli
from openapi_client.exceptions import (
    ApiConnectionError,
    ApiException,
    ForbiddenException,
    NotFoundException,
    ServiceException,
    UnauthorizedException,
    UnprocessableEntityException,
)
from openapi_client.testing import AgentApiEmulator, Fault

from .faultkit import SECRET, client_for, closed_port


def failure(api: AgentsApi, emu: AgentApiEmulator, body: Any, status: int = 400) -> ApiException:
    """What `get_agent_run` raises when the server answers `status` with `body` (JSON, or bytes as they are)."""
    emu.inject(Fault.status(status, body))
    with pytest.raises(ApiException) as caught:
        api.get_agent_run(1, emu.org_id)
    return caught.value


def first_line(error: BaseException) -> str:
    return str(error).split("\n", 1)[0]


def test_a_401_says_the_servers_message_in_the_first_line_and_never_the_token() -> None:
    with AgentApiEmulator(rate_limits=False, tokens={"the-only-token": [1]}) as emu:
        with client_for(emu, access_token=SECRET, retries=0) as api, pytest.raises(UnauthorizedException) as caught:
            api.get_agent_run(1, 1)
    error = caught.value
    assert error.message == "Invalid API token."
    assert first_line(error) == "(401) Unauthorized: Invalid API token."
    text = str(error)
    # The generated client's lines follow, unchanged.
    assert text.split("\n")[1:4] == [
        "Reason: Unauthorized",
        f"HTTP response headers: {dict(error.headers or {})}",
        'HTTP response body: {"message":"Invalid API token.","status_code":401}',
    ]
    assert SECRET not in text + repr(error) and "Bearer" not in text


def test_403_and_404_name_what_the_server_named(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    with pytest.raises(ForbiddenException) as forbidden:
        agents_api.get_agent_run(1, emulator.org_id + 1)
    with pytest.raises(NotFoundException) as missing:
        agents_api.get_agent_run(987654, emulator.org_id)

    assert first_line(forbidden.value) == f"(403) Forbidden: You are not a member of organization {emulator.org_id + 1}."
    assert first_line(missing.value) == "(404) Not Found: Agent run 987654 not found."
    assert missing.value.message == "Agent run 987654 not found."


def test_a_422_from_the_server_is_summarised_by_location(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    with pytest.raises(UnprocessableEntityException) as caught:
        agents_api.create_agent_run(emulator.org_id, CreateAgentRunInput.model_construct())  # no prompt

    error = caught.value
    assert error.message == "body.prompt: Field required"
    assert first_line(error) == f"(422) {error.reason}: body.prompt: Field required"
    assert "HTTP response body: " in str(error)  # the parsed HTTPValidationError, as generated


def test_a_422_with_many_problems_names_the_first_three(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    problems = [{"type": "missing", "loc": ["body", f"field_{n}"], "msg": "Field required"} for n in range(5)]
    problems[1]["loc"] = ["query", "limit", 0]

    error = failure(agents_api, emulator, {"detail": problems}, 422)

    assert error.message == (
        "body.field_0: Field required; query.limit.0: Field required; body.field_2: Field required (and 2 more)"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"detail": "Organization is suspended."}, "Organization is suspended."),  # FastAPI's HTTPException
        ({"message": "Slow down", "detail": "ignored"}, "Slow down"),
        ({"message": 42, "detail": "the detail, as message is no text"}, "the detail, as message is no text"),
        ({"message": "  two\nlines\x1b[2J  "}, "two lines\N{REPLACEMENT CHARACTER}[2J"),  # one line, no escapes
        ({"detail": [{"msg": "bad", "loc": []}, "plain words"]}, "bad; plain words"),
    ],
)
def test_message_is_the_servers_message_or_detail(
    emulator: AgentApiEmulator, agents_api: AgentsApi, body: Dict[str, Any], message: str
) -> None:
    error = failure(agents_api, emulator, body)

    assert error.message == message
    assert first_line(error) == f"(400) Bad Request: {message}"


@pytest.mark.parametrize(
    "body",
    [b"<html>502 Bad Gateway</html>", b"", b"[1, 2]", b'{"detail": {"code": 7}}', b'{"message": ""}', b"{not json"],
)
def test_a_body_without_a_message_leaves_message_none(
    emulator: AgentApiEmulator, agents_api: AgentsApi, body: bytes
) -> None:
    error = failure(agents_api, emulator, body, 502)

    assert isinstance(error, ServiceException)
    assert error.message is None
    assert first_line(error) == "(502) Bad Gateway"


def test_a_long_message_is_cut(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    error = failure(agents_api, emulator, {"message": "x" * 5000})

    assert error.message == "x" * 297 + "..."


def test_the_cli_words_the_same_message(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    problems = {"detail": [{"type": "missing", "loc": ["body", "prompt"], "msg": "Field required"}]}

    error = failure(agents_api, emulator, problems, 422)

    assert cli.describe_api_error(error) == f"the API answered 422 {error.reason}: body.prompt: Field required"
    page = failure(agents_api, emulator, b"<html>upstream down</html>", 503)
    assert cli.describe_api_error(page) == "the API answered 503 Service Unavailable: <html>upstream down</html>"


# -- the generated default host -------------------------------------------------------------


def port_80_is_free() -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("localhost", 80)) != 0


def test_a_connection_failure_to_the_default_host_says_how_to_set_the_host() -> None:
    if not port_80_is_free():
        pytest.skip("something listens on localhost:80, so the default host answers")
    configuration = Configuration(access_token="t", retries=0)  # no host: http://localhost
    with ApiClient(configuration) as client, pytest.raises(ApiConnectionError) as caught:
        AgentsApi(client).get_agent_run(1, 1)

    text = str(caught.value)
    assert text.startswith("get_agent_run (GET http://localhost/v1/organizations/1/agent/run/1) failed after 1 attempt")
    assert "http://localhost is the default host of Configuration()" in text
    assert 'Configuration(host="https://api.codegen.com", access_token=...)' in text
    assert caught.value.message is None  # no answer, so no message from the API


def test_another_unreachable_host_gets_no_such_hint() -> None:
    port = closed_port()
    configuration = Configuration(host=f"http://localhost:{port}", access_token="t", retries=0)
    with ApiClient(configuration) as client, pytest.raises(ApiConnectionError) as caught:
        AgentsApi(client).get_agent_run(1, 1)

    assert str(caught.value).endswith("could not connect: [Errno 111] Connection refused")
    assert "default host" not in str(caught.value)
