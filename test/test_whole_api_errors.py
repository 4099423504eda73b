"""Errors and retries of the new operations, over a real socket (the emulator, with injected faults).

The two operations that start an agent run (setup commands, sandbox log
analysis) follow create's rules: a 429 is retried, since the server started
nothing; a 5xx or a connection lost after sending is not, and the error says
that a run may exist. The other writes that are not safe to repeat (PATCH,
POST) are not retried either, without talk of a run; reads and the PUT are.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterator

import pytest

from openapi_client import (
    ApiClient,
    CheckSuiteSettingsApi,
    Configuration,
    OrganizationsApi,
    PullRequestsApi,
    SandboxApi,
    SetupCommandsApi,
    SlackConnectApi,
    UserNotFoundErrorResponse,
    UsersApi,
)
from openapi_client.exceptions import (
    ApiConnectionError,
    ApiException,
    ForbiddenException,
    NotFoundException,
    ServiceException,
    TooManyRequestsException,
)
from openapi_client.testing import AgentApiEmulator, Fault
from test.faultkit import FAST
from test.model_examples import ANALYSIS_RUN, PR_EDIT, SETUP_RUN, USER

ORG = 4217
RUN_NOTE = "the agent run may have been created"
OTHER_NOTE = "since sending it twice may not be safe"


@pytest.fixture
def client(emulator: AgentApiEmulator) -> Iterator[ApiClient]:
    with ApiClient(Configuration(host=emulator.url, access_token=emulator.token, retries=FAST)) as api_client:
        yield api_client


def answer(body: Any, status: int = 200) -> Fault:
    return Fault.body(json.dumps(body).encode(), status=status)


STARTS_A_RUN = {
    "generate_setup_commands": lambda c: SetupCommandsApi(c).generate_setup_commands(ORG, {"repo_id": 901}),
    "analyze_sandbox_logs": lambda c: SandboxApi(c).analyze_sandbox_logs(3301, ORG),
}
STARTED = {"generate_setup_commands": SETUP_RUN, "analyze_sandbox_logs": ANALYSIS_RUN}


@pytest.mark.parametrize("name", list(STARTS_A_RUN))
def test_a_429_is_retried_for_an_operation_that_starts_a_run(
    emulator: AgentApiEmulator, client: ApiClient, name: str
) -> None:
    emulator.inject(Fault.rate_limited("0"), method="POST")
    emulator.inject(answer(STARTED[name]), method="POST")
    started = STARTS_A_RUN[name](client)
    assert started.agent_run_id == STARTED[name]["agent_run_id"]
    assert [r.method for r in emulator.requests] == ["POST", "POST"]


@pytest.mark.parametrize("name", list(STARTS_A_RUN))
@pytest.mark.parametrize(
    "fault, error", [(lambda: Fault.status(503), ServiceException), (Fault.close_before_response, ApiConnectionError)],
    ids=["503", "connection lost after sending"],
)
def test_an_answer_that_may_mean_a_run_was_started_is_never_retried(
    emulator: AgentApiEmulator, client: ApiClient, name: str, fault: Callable[[], Fault], error: type
) -> None:
    emulator.inject(fault(), method="POST", times=4)
    with pytest.raises(error) as caught:
        STARTS_A_RUN[name](client)
    assert len(emulator.requests) == 1
    assert caught.value.may_have_acted and caught.value.operation == name
    assert RUN_NOTE in str(caught.value)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda c: PullRequestsApi(c).edit_pull_request_simple(ORG, 5, {"state": "closed"}), "edit_pull_request_simple"),
        (lambda c: SlackConnectApi(c).generate_slack_connect_token({"org_id": ORG}), "generate_slack_connect_token_endpoint"),
        (lambda c: OrganizationsApi(c).revoke_oauth_token("linear", ORG), "revoke_oauth_token"),
    ],
    ids=["PR edit", "Slack token", "revoke"],
)
def test_other_writes_are_not_retried_after_a_5xx_and_say_so_without_a_run(
    emulator: AgentApiEmulator, client: ApiClient, call: Callable[[ApiClient], Any], name: str
) -> None:
    emulator.inject(Fault.status(502), times=4)
    with pytest.raises(ServiceException) as caught:
        call(client)
    assert len(emulator.requests) == 1
    assert caught.value.may_have_acted and caught.value.operation == name
    assert OTHER_NOTE in str(caught.value) and RUN_NOTE not in str(caught.value)


def test_a_pr_edit_is_retried_after_a_429(emulator: AgentApiEmulator, client: ApiClient) -> None:
    emulator.inject(Fault.rate_limited("0"))
    emulator.inject(answer(PR_EDIT))
    assert PullRequestsApi(client).edit_pull_request(ORG, 901, 5, {"state": "closed"}).state == "closed"
    assert len(emulator.requests) == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda c: UsersApi(c).get_users(ORG),
        lambda c: CheckSuiteSettingsApi(c).update_check_suite_settings(ORG, 901, {"check_retry_count": 1}),
    ],
    ids=["read", "PUT"],
)
def test_reads_and_the_put_are_retried_after_a_503(
    emulator: AgentApiEmulator, client: ApiClient, call: Callable[[ApiClient], Any]
) -> None:
    emulator.inject(Fault.status(503), times=2)
    emulator.inject(answer({"items": [USER], "total": 1, "page": 1, "size": 100, "pages": 1}))
    call(client)
    assert len(emulator.requests) == 3


def test_a_429_gives_up_with_the_retry_after(emulator: AgentApiEmulator, client: ApiClient) -> None:
    emulator.inject(Fault.rate_limited("0"), times=4)
    with pytest.raises(TooManyRequestsException) as caught:
        SandboxApi(client).analyze_sandbox_logs(3301, ORG)
    assert caught.value.attempts == 4 and not caught.value.may_have_acted


# -- error bodies ------------------------------------------------------------------------------


def test_an_unknown_user_is_a_404_carrying_user_not_found(emulator: AgentApiEmulator, client: ApiClient) -> None:
    emulator.inject(answer({"message": "User not found.", "status_code": 404}, status=404))
    with pytest.raises(NotFoundException) as caught:
        UsersApi(client).get_user(ORG, 999)
    assert isinstance(caught.value.data, UserNotFoundErrorResponse)
    assert caught.value.data.message == "User not found."
    assert caught.value.message == "User not found."
    # The same through _with_http_info, which raises the same way.
    emulator.inject(answer({"status_code": 404}, status=404))
    with pytest.raises(NotFoundException) as again:
        UsersApi(client).get_user_with_http_info(ORG, 999)
    assert isinstance(again.value.data, UserNotFoundErrorResponse) and again.value.data.message == "User not found."


@pytest.mark.parametrize(
    "call, status",
    [
        (lambda c: SetupCommandsApi(c).generate_setup_commands(ORG, {"repo_id": 1}), 404),
        (lambda c: SetupCommandsApi(c).generate_setup_commands(ORG, {"repo_id": 1}), 400),
        (lambda c: SandboxApi(c).analyze_sandbox_logs(1, ORG), 404),
        (lambda c: SandboxApi(c).analyze_sandbox_logs(1, ORG), 400),
    ],
    ids=["no such repo", "invalid input", "no such sandbox", "no logs"],
)
def test_errors_without_a_declared_body_keep_the_text(
    emulator: AgentApiEmulator, client: ApiClient, call: Callable[[ApiClient], Any], status: int
) -> None:
    """The contract gives these answers no schema: `.data` stays None (not another 404's model), `.body` has the text."""
    emulator.inject(answer({"detail": "Sandbox 1 has no logs yet."}, status=status))
    with pytest.raises(ApiException) as caught:
        call(client)
    assert caught.value.status == status and caught.value.data is None
    assert caught.value.message == "Sandbox 1 has no logs yet."


def test_a_403_on_the_integrations_carries_the_permissions_body(emulator: AgentApiEmulator, client: ApiClient) -> None:
    from openapi_client import IntegrationsApi, PermissionsErrorResponse

    emulator.inject(answer({"message": "You do not have access to this organization.", "status_code": 403}, status=403))
    with pytest.raises(ForbiddenException) as caught:
        IntegrationsApi(client).get_organization_integrations(ORG)
    assert isinstance(caught.value.data, PermissionsErrorResponse)


# -- limit groups --------------------------------------------------------------------------------


def test_each_operation_has_the_limit_its_contract_states() -> None:
    import re

    from openapi_client import waiting
    from test.contract_mock import Contract

    units = {"minute": 60.0, "30 seconds": 30.0, "60 seconds": 60.0}
    stated = {}
    for operation in Contract().operations:
        found = re.search(r"Rate limit: (\d+) requests per (minute|\d+ seconds)", operation.spec.get("description", ""))
        if found:
            stated[operation.operation_id.split("_v1_")[0]] = (int(found.group(1)), units[found.group(2)])
    assert len(stated) == 15  # the other ten state none
    groups = {name: waiting.OPERATION_GROUPS.get(name, "read") for name in stated}
    assert {name: waiting.RATE_LIMITS[group] for name, group in groups.items()} == stated
    assert set(waiting.OPERATION_GROUPS) <= set(stated)
    assert waiting.RATE_LIMITS.keys() == waiting.DEFAULT_POLL_BUDGETS.keys()


# -- answers of the wrong shape ----------------------------------------------------------------


@pytest.mark.parametrize("body", [[1, 2], "settings", 5, None], ids=["array", "string", "number", "null"])
def test_a_json_object_answer_of_another_shape_is_a_decode_error(
    emulator: AgentApiEmulator, client: ApiClient, body: Any
) -> None:
    from openapi_client import ResponseDecodeError

    emulator.inject(answer(body))
    if body is None:  # JSON null is no object either, but a generated client returns it as None
        assert CheckSuiteSettingsApi(client).update_check_suite_settings(ORG, 901, {}) is None
        return
    with pytest.raises(ResponseDecodeError, match=r"Dict\[str, object\].*expected a JSON object"):
        CheckSuiteSettingsApi(client).update_check_suite_settings(ORG, 901, {})


@pytest.mark.parametrize("body", [{"id": 1}, "linear", 3], ids=["object", "string", "number"])
def test_a_list_answer_of_another_shape_is_a_decode_error(emulator: AgentApiEmulator, client: ApiClient, body: Any) -> None:
    from openapi_client import ResponseDecodeError

    emulator.inject(answer(body))
    with pytest.raises(ResponseDecodeError, match=r"List\[OAuthProviderResponse\].*expected a JSON array"):
        OrganizationsApi(client).get_mcp_providers()
