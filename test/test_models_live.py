"""The models of the live contract: fields, round trips, null rules, enum forward compatibility, Observation.

Decoding goes through the SDK's own decoder over a real socket where it
matters (a body the emulator serves, read by `ApiClient.response_deserialize`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, Dict, List, Set, Tuple

import pydantic
import pytest

import openapi_client
from openapi_client import (
    AgentRunLimitReachedErrorResponse,
    AgentRunLogResponse,
    AgentRunNotFoundErrorResponse,
    AgentRunResponse,
    AgentRunWithLogsResponse,
    AgentsApi,
    AnalyzeLogsResponse,
    ApiAgentRunSourceType,
    ApiClient,
    ApiException,
    APIRateLimitErrorResponse,
    CheckSuiteSettingsRequest,
    CheckSuiteSettingsResponse,
    CLIRulesResponse,
    CreateAgentRunInput,
    EditPRInput,
    EditPRResponse,
    GenerateSetupCommandsInput,
    GenerateTokenRequest,
    GenerateTokenResponse,
    GithubPullRequestResponse,
    IntegrationStatus,
    NoReposFoundInOrgErrorResponse,
    OAuthProviderResponse,
    Observation,
    OrganizationIntegrationsResponse,
    OrganizationResponse,
    OrganizationSettings,
    PageAgentRunResponse,
    PageOrganizationResponse,
    PageRepoResponse,
    PageUserResponse,
    PermissionsErrorResponse,
    RepoResponse,
    ResponseDecodeError,
    ResumeAgentRunInput,
    SetupCommandsResponse,
    StopAgentRunInput,
    UserNotFoundErrorResponse,
    UserResponse,
)
from openapi_client import models
from openapi_client.exceptions import UnprocessableEntityException
from openapi_client.testing import AgentApiEmulator, Fault
from test.model_examples import EXAMPLES, ORGANIZATION, PR, REPO, RUN, TEXT_LOG, TOOL_LOG, USER, WITH_LOGS, page

# -- fields against the contract ------------------------------------------------------------

ERRORS: List[Any] = [
    AgentRunLimitReachedErrorResponse,
    PermissionsErrorResponse,
    AgentRunNotFoundErrorResponse,
    NoReposFoundInOrgErrorResponse,
    APIRateLimitErrorResponse,
    UserNotFoundErrorResponse,
]

# model: (required, optional, nullable), as the live contract has them.
CONTRACT: Dict[Any, Tuple[Set[str], Set[str], Set[str]]] = {
    AgentRunResponse: (
        {"id", "organization_id"},
        {"status", "created_at", "web_url", "result", "summary", "source_type", "github_pull_requests", "metadata"},
        {"status", "created_at", "web_url", "result", "summary", "source_type", "github_pull_requests", "metadata"},
    ),
    AgentRunWithLogsResponse: (
        {"id", "organization_id", "logs"},
        {"status", "created_at", "web_url", "result", "metadata", "total_logs", "page", "size", "pages"},
        {"status", "created_at", "web_url", "result", "metadata", "total_logs", "page", "size", "pages"},
    ),
    AgentRunLogResponse: (
        {"agent_run_id"},
        {"created_at", "tool_name", "message_type", "thought", "observation", "tool_input", "tool_output"},
        {"created_at", "tool_name", "message_type", "thought", "observation", "tool_input", "tool_output"},
    ),
    GithubPullRequestResponse: ({"id", "created_at"}, {"title", "url", "head_branch_name"}, {"title", "url", "head_branch_name"}),
    CreateAgentRunInput: (
        {"prompt"},
        {"images", "metadata", "repo_id", "model", "agent_type"},
        {"images", "metadata", "repo_id", "model", "agent_type"},
    ),
    ResumeAgentRunInput: ({"agent_run_id", "prompt"}, {"images"}, {"images"}),
    StopAgentRunInput: (
        {"agent_run_id"},
        {"before_card_order_id", "after_card_order_id"},
        {"before_card_order_id", "after_card_order_id"},
    ),
    OrganizationResponse: ({"id", "name", "settings"}, set(), set()),
    OrganizationSettings: (set(), {"enable_pr_creation", "enable_rules_detection"}, set()),
    UserResponse: (
        {"id", "github_user_id", "github_username"},
        {"email", "avatar_url", "full_name", "role", "is_admin"},
        {"email", "avatar_url", "full_name", "role", "is_admin"},
    ),
    RepoResponse: (
        {"id", "name", "full_name", "description", "github_id", "organization_id", "visibility", "archived",
         "setup_status", "language"},
        set(),
        {"description", "visibility", "archived", "language"},
    ),
    **{
        page_model: ({"items", "total", "page", "size", "pages"}, set(), set())
        for page_model in (PageAgentRunResponse, PageOrganizationResponse, PageRepoResponse, PageUserResponse)
    },
    AnalyzeLogsResponse: ({"agent_run_id", "status", "message"}, set(), set()),
    SetupCommandsResponse: ({"agent_run_id", "status", "url"}, set(), set()),
    CLIRulesResponse: (
        {"organization_rules", "user_custom_prompt"}, set(), {"organization_rules", "user_custom_prompt"}
    ),
    CheckSuiteSettingsRequest: (
        set(),
        {"check_retry_count", "ignored_checks", "check_retry_counts", "custom_prompts", "high_priority_apps"},
        {"check_retry_count", "ignored_checks", "check_retry_counts", "custom_prompts", "high_priority_apps"},
    ),
    CheckSuiteSettingsResponse: (
        {"check_retry_count", "ignored_checks", "check_retry_counts", "custom_prompts", "high_priority_apps",
         "available_check_suite_names"},
        set(),
        set(),
    ),
    EditPRInput: ({"state"}, set(), set()),
    EditPRResponse: (
        {"success"}, {"url", "number", "title", "state", "error"}, {"url", "number", "title", "state", "error"}
    ),
    GenerateSetupCommandsInput: ({"repo_id"}, {"prompt", "trigger_source"}, {"prompt"}),
    GenerateTokenRequest: ({"org_id"}, set(), set()),
    GenerateTokenResponse: ({"token", "message", "expires_in_minutes"}, set(), set()),
    IntegrationStatus: (
        {"integration_type", "active"},
        {"token_id", "installation_id", "metadata"},
        {"token_id", "installation_id", "metadata"},
    ),
    OAuthProviderResponse: (
        {"id", "name", "issuer", "authorization_endpoint", "token_endpoint", "default_scopes", "is_mcp"},
        {"meta"},
        {"default_scopes", "meta"},
    ),
    OrganizationIntegrationsResponse: (
        {"organization_id", "organization_name", "integrations", "total_active_integrations"}, set(), set()
    ),
    **{error: (set(), {"message", "status_code"}, set()) for error in ERRORS},
}


@pytest.mark.parametrize("model", list(CONTRACT), ids=lambda model: model.__name__)
def test_fields_match_the_contract(model: Any) -> None:
    required, optional, nullable = CONTRACT[model]
    fields = model.model_fields
    assert set(fields) == required | optional
    assert {name for name, info in fields.items() if info.is_required()} == required
    assert model._nullable_fields == nullable


def example(model: Any) -> Dict[str, Any]:
    return next(data for kind, data in EXAMPLES if kind is model)


def required_part(model: Any) -> Dict[str, Any]:
    required = CONTRACT[model][0]
    return {name: value for name, value in example(model).items() if name in required}


def defaults(model: Any) -> Dict[str, Any]:
    """The optional fields that have a default other than None, with it."""
    return {
        name: info.default for name, info in model.model_fields.items() if not info.is_required() and info.default is not None
    }


def all_nullable_none(model: Any) -> Dict[str, Any]:
    """What a generated client's `from_dict(required_part(model)).to_dict()` gives: every nullable field as None."""
    return {
        **required_part(model),
        **defaults(model),
        **{name: None for name in CONTRACT[model][2] if name not in CONTRACT[model][0]},
    }


@pytest.mark.parametrize("model", [model for model in CONTRACT if CONTRACT[model][2]], ids=lambda model: model.__name__)
def test_a_nullable_field_keeps_an_explicit_none(model: Any) -> None:
    for name in CONTRACT[model][2]:
        given = {**required_part(model), name: None}
        expected = {**defaults(model), **given}  # a default is sent, as generated clients send it
        assert model.model_validate(given).to_dict() == expected
        assert json.loads(model.model_validate_json(json.dumps(given)).to_json()) == expected
        built = model.model_validate(required_part(model))
        setattr(built, name, None)
        assert built.to_dict() == expected
        # from_dict sets every field, as generated, so the other nullable fields come out as None too.
        assert model.from_dict(given).to_dict() == {**all_nullable_none(model), name: None}


@pytest.mark.parametrize("model", [model for model in CONTRACT if model not in ERRORS], ids=lambda model: model.__name__)
def test_unset_optional_fields_are_left_out(model: Any) -> None:
    bare = required_part(model)
    expected = {**bare, **defaults(model)}
    assert model(**bare).to_dict() == expected
    assert model.model_validate(bare).to_dict() == expected
    # from_dict counts every field as set: the nullable ones are kept as None, the others still left out.
    assert model.from_dict(bare).to_dict() == {**expected, **all_nullable_none(model)}


@pytest.mark.parametrize("model", [model for model in CONTRACT if CONTRACT[model][0]], ids=lambda model: model.__name__)
def test_each_required_field_is_required(model: Any) -> None:
    for name in CONTRACT[model][0]:
        with pytest.raises(pydantic.ValidationError) as caught:
            model.from_dict({key: value for key, value in example(model).items() if key != name})
        assert caught.value.errors()[0]["loc"] == (name,)


# -- strict types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model, field, value",
    [
        (AgentRunResponse, "summary", 3),
        (AgentRunResponse, "source_type", 3),
        (AgentRunResponse, "github_pull_requests", [{"id": 1}]),
        (AgentRunResponse, "github_pull_requests", {"id": 1, "created_at": "x"}),
        (AgentRunResponse, "metadata", ["a"]),
        (GithubPullRequestResponse, "id", "2734419981"),
        (AgentRunLogResponse, "observation", 5),
        (AgentRunLogResponse, "observation", ["stdout"]),
        (AgentRunLogResponse, "tool_input", "ls"),
        (AgentRunWithLogsResponse, "logs", None),
        (AgentRunWithLogsResponse, "total_logs", "2"),
        (PageAgentRunResponse, "total", 1.0),
        (PageAgentRunResponse, "items", [{"id": 1}]),
        (PageRepoResponse, "items", [ORGANIZATION]),
        (OrganizationResponse, "settings", None),
        (OrganizationSettings, "enable_pr_creation", "true"),
        (OrganizationSettings, "enable_rules_detection", 1),
        (UserResponse, "github_user_id", 583231),
        (UserResponse, "is_admin", "yes"),
        (RepoResponse, "archived", 0),
        (RepoResponse, "github_id", 712003114),
        (CreateAgentRunInput, "images", "data:image/png;base64,AAAA"),
        (CreateAgentRunInput, "images", [b"AAAA"]),
        (CreateAgentRunInput, "metadata", "ticket=OPS-12"),
        (CreateAgentRunInput, "repo_id", "901"),
        (CreateAgentRunInput, "model", 4),
        (CreateAgentRunInput, "agent_type", 1),
        (ResumeAgentRunInput, "agent_run_id", "118342"),
        (ResumeAgentRunInput, "images", [1]),
        (StopAgentRunInput, "before_card_order_id", 3),
        (APIRateLimitErrorResponse, "status_code", "429"),
        (PermissionsErrorResponse, "message", ["no"]),
        (UserNotFoundErrorResponse, "status_code", "404"),
        (PageUserResponse, "items", [REPO]),
        (CheckSuiteSettingsResponse, "check_retry_counts", {"ci": "3"}),
        (CheckSuiteSettingsResponse, "available_check_suite_names", "ci"),
        (CheckSuiteSettingsRequest, "check_retry_count", -1),
        (CheckSuiteSettingsRequest, "check_retry_count", 11),
        (CheckSuiteSettingsRequest, "check_retry_count", True),
        (CheckSuiteSettingsRequest, "custom_prompts", {"ci": 1}),
        (CheckSuiteSettingsRequest, "ignored_checks", "ci"),
        (EditPRInput, "state", "merged"),
        (EditPRInput, "state", "OPEN"),
        (EditPRInput, "state", None),
        (EditPRResponse, "success", "true"),
        (EditPRResponse, "number", "1893"),
        (GenerateSetupCommandsInput, "repo_id", "901"),
        (GenerateSetupCommandsInput, "prompt", 5),
        (GenerateTokenRequest, "org_id", 4217.0),
        (GenerateTokenResponse, "expires_in_minutes", "10"),
        (IntegrationStatus, "active", "yes"),
        (IntegrationStatus, "metadata", ["app"]),
        (OAuthProviderResponse, "default_scopes", "read"),
        (OAuthProviderResponse, "is_mcp", None),
        (OrganizationIntegrationsResponse, "integrations", [{"active": True}]),
        (CLIRulesResponse, "organization_rules", 1),
        (AnalyzeLogsResponse, "agent_run_id", None),
        (SetupCommandsResponse, "url", None),
    ],
)
def test_a_wrong_type_is_refused_naming_the_field(model: Any, field: str, value: Any) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        model.from_dict({**example(model), field: value})
    assert caught.value.errors()[0]["loc"][0] == field
    instance = model.from_dict(example(model))
    with pytest.raises(pydantic.ValidationError):
        setattr(instance, field, value)


def test_a_request_body_of_the_wrong_type_is_refused_before_sending(
    agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    with pytest.raises(pydantic.ValidationError, match="repo_id"):
        agents_api.create_agent_run(emulator.org_id, {"prompt": "p", "repo_id": "901"})
    assert emulator.requests == []


def test_the_live_create_fields_are_sent(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    body = example(CreateAgentRunInput)
    agents_api.create_agent_run(emulator.org_id, CreateAgentRunInput.from_dict(body))
    # An agent type newer than this SDK goes out as given; the server decides (the emulator, as the contract, refuses it).
    with pytest.raises(UnprocessableEntityException):
        agents_api.create_agent_run(emulator.org_id, {"prompt": "p", "repo_id": None, "agent_type": "a_new_agent"})
    sent = [request.json() for request in emulator.requests if request.method == "POST"]
    assert sent == [body, {"prompt": "p", "repo_id": None, "agent_type": "a_new_agent"}]


# -- enums: a value the contract does not list stays a string -------------------------------


def test_source_type_enum() -> None:
    assert [member.value for member in ApiAgentRunSourceType] == [
        "LOCAL", "SLACK", "GITHUB", "GITHUB_CHECK_SUITE", "GITHUB_PR_REVIEW", "LINEAR",
        "API", "CHAT", "JIRA", "CLICKUP", "MONDAY", "SETUP_COMMANDS",
    ]
    assert ApiAgentRunSourceType.from_json('"SLACK"') is ApiAgentRunSourceType.SLACK
    assert ApiAgentRunSourceType.GITHUB == "GITHUB" and isinstance(ApiAgentRunSourceType.GITHUB, str)
    assert json.dumps(ApiAgentRunSourceType.JIRA) == '"JIRA"'
    with pytest.raises(ValueError):
        ApiAgentRunSourceType.from_json('"TELEPATHY"')


@pytest.mark.parametrize("source", ["API", "SETUP_COMMANDS", "GITHUB_PR_REVIEW"])
def test_a_listed_source_type_is_the_enum_member(source: str) -> None:
    run = AgentRunResponse.model_validate_json(json.dumps({**RUN, "source_type": source}))
    assert run.source_type is ApiAgentRunSourceType(source)
    assert AgentRunResponse(id=1, organization_id=2, source_type=source).source_type is ApiAgentRunSourceType(source)


@pytest.mark.parametrize("source", ["TELEPATHY", "api", "DISCORD", ""])
def test_an_unlisted_source_type_is_kept_as_a_plain_string(source: str) -> None:
    run = AgentRunResponse.model_validate_json(json.dumps({**RUN, "source_type": source}))
    assert run.source_type == source and type(run.source_type) is str
    assert run.to_dict() == {**RUN, "source_type": source}
    assert AgentRunResponse.from_json(run.to_json()) == run
    run.source_type = ApiAgentRunSourceType.CHAT
    assert run.source_type is ApiAgentRunSourceType.CHAT
    run.source_type = source
    assert type(run.source_type) is str


def test_an_unlisted_source_type_over_the_wire(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(json.dumps({**RUN, "source_type": "VOICE_CALL"}).encode()))
    run = agents_api.get_agent_run(RUN["id"], RUN["organization_id"])
    assert run.source_type == "VOICE_CALL"
    assert run.github_pull_requests is not None and run.github_pull_requests[0].head_branch_name == PR["head_branch_name"]


def test_a_source_type_of_the_wrong_type_is_a_decode_error(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(json.dumps({**RUN, "source_type": 7}).encode()))
    with pytest.raises(ResponseDecodeError, match="source_type"):
        agents_api.get_agent_run(RUN["id"], RUN["organization_id"])


def test_an_unlisted_agent_type_is_sent_as_it_is() -> None:
    body = CreateAgentRunInput(prompt="p", agent_type="gemini_cli")
    assert body.agent_type == "gemini_cli"
    assert CreateAgentRunInput(prompt="p", agent_type="codegen").to_dict() == {"prompt": "p", "agent_type": "codegen"}


# -- decoding pages over a real socket --------------------------------------------------------


def served(emulator: AgentApiEmulator, api_client: ApiClient, body: Any, type_name: str, status: int = 200) -> Any:
    """`body` served by the emulator and read back by the SDK's decoder as `type_name`."""
    emulator.inject(Fault.body(json.dumps(body).encode(), status=status))
    response = api_client.call_api("GET", f"{emulator.url}/anything")
    response.read()
    return api_client.response_deserialize(response, {str(status): type_name}).data


def test_a_page_of_100_runs_decodes(emulator: AgentApiEmulator, api_client: ApiClient) -> None:
    runs = [{**RUN, "id": n, "source_type": "API" if n % 2 else "NEW_SOURCE"} for n in range(100)]
    listing = {"items": runs, "total": 250, "page": 1, "size": 100, "pages": 3}
    decoded = served(emulator, api_client, listing, "PageAgentRunResponse")
    assert isinstance(decoded, PageAgentRunResponse)
    assert [run.id for run in decoded.items] == list(range(100))
    assert all(isinstance(run, AgentRunResponse) for run in decoded.items)
    assert decoded.items[1].source_type is ApiAgentRunSourceType.API and decoded.items[0].source_type == "NEW_SOURCE"
    assert (decoded.total, decoded.page, decoded.size, decoded.pages) == (250, 1, 100, 3)
    assert decoded.to_dict() == listing


@pytest.mark.parametrize(
    "model, body",
    [
        (PageOrganizationResponse, page([ORGANIZATION, {**ORGANIZATION, "id": 4218, "plan": "team"}])),
        (PageRepoResponse, page([REPO])),
        (UserResponse, USER),
        (AgentRunWithLogsResponse, WITH_LOGS),
    ],
)
def test_other_answers_decode(emulator: AgentApiEmulator, api_client: ApiClient, model: Any, body: Dict[str, Any]) -> None:
    decoded = served(emulator, api_client, body, model.__name__)
    assert isinstance(decoded, model)
    assert decoded.to_dict() == body


# -- Observation: an object or a string -----------------------------------------------------------


@pytest.mark.parametrize("log", [TOOL_LOG, TEXT_LOG], ids=["object", "string"])
def test_a_log_observation_is_an_observation(log: Dict[str, Any]) -> None:
    for decoded in (AgentRunLogResponse.model_validate_json(json.dumps(log)), AgentRunLogResponse.from_dict(log)):
        assert decoded is not None and isinstance(decoded.observation, Observation)
        assert decoded.observation.actual_instance == log["observation"]
        assert decoded.to_dict() == log


def test_observation_branches() -> None:
    as_object = Observation({"exit_code": 0})
    as_text = Observation(actual_instance="done")
    assert (as_object.anyof_schema_1_validator, as_object.anyof_schema_2_validator) == ({"exit_code": 0}, None)
    assert (as_text.anyof_schema_1_validator, as_text.anyof_schema_2_validator) == (None, "done")
    assert Observation.any_of_schemas == {"Dict[str, object]", "str"}
    for observation, value in ((as_object, {"exit_code": 0}), (as_text, "done")):
        assert observation.to_dict() == value
        assert observation.to_json() == json.dumps(value)
        assert Observation.from_json(observation.to_json()) == observation
        assert Observation.from_dict(value) == observation
        assert observation.to_str() == repr(value)
    empty = Observation()
    assert empty.actual_instance is None and empty.to_dict() is None and empty.to_json() == "null"


@pytest.mark.parametrize("value", [5, 1.5, True, ["a"], None])
def test_observation_refuses_other_json(value: Any) -> None:
    with pytest.raises(ValueError, match="Observation"):
        Observation.from_json(json.dumps(value))
    if value is None:
        return  # an empty Observation() is allowed; only JSON null is no observation
    with pytest.raises(pydantic.ValidationError):
        Observation(value)
    observation = Observation("x")
    with pytest.raises(pydantic.ValidationError):
        observation.actual_instance = value


def test_a_log_takes_an_observation_model() -> None:
    log = AgentRunLogResponse(agent_run_id=1, observation=Observation("ok"))
    assert log.to_dict() == {"agent_run_id": 1, "observation": "ok"}
    log.observation = {"lines": 3}  # type: ignore[assignment]
    assert log.observation == Observation({"lines": 3})


# -- error bodies ------------------------------------------------------------------------------------

DEFAULTS = [
    (AgentRunLimitReachedErrorResponse, 402, "Alloted agent runs for the current billing plan have been reached. "
     "Please upgrade your plan to continue."),
    (PermissionsErrorResponse, 403, "You do not have access to this organization."),
    (AgentRunNotFoundErrorResponse, 404, "Agent run not found."),
    (NoReposFoundInOrgErrorResponse, 404, "No repos found in the organization. Please add some repos and try again."),
    (APIRateLimitErrorResponse, 429, "Rate limit exceeded. Please try again later."),
    (UserNotFoundErrorResponse, 404, "User not found."),
]


@pytest.mark.parametrize("model, status, message", DEFAULTS)
def test_error_bodies_default_to_the_api_text(model: Any, status: int, message: str) -> None:
    expected = {"message": message, "status_code": status}
    assert model().to_dict() == expected
    assert model.from_dict({}).to_dict() == expected
    assert model.model_validate_json('{"message": null, "status_code": null}').to_dict() == expected
    assert model.from_dict({"message": "Slow down", "retry_in": 3}).to_dict() == {**expected, "message": "Slow down", "retry_in": 3}


def test_organization_settings_default_to_on() -> None:
    settings = OrganizationSettings.model_validate_json('{"enable_pr_creation": null}')
    assert (settings.enable_pr_creation, settings.enable_rules_detection) == (True, True)
    with pytest.raises(pydantic.ValidationError):
        settings.enable_pr_creation = None  # type: ignore[assignment]


@pytest.mark.parametrize("model, status, message", DEFAULTS)
def test_an_error_body_is_decoded_into_data(
    emulator: AgentApiEmulator, api_client: ApiClient, model: Any, status: int, message: str
) -> None:
    body = {"message": message, "status_code": status}
    with pytest.raises(ApiException) as caught:
        served(emulator, api_client, body, model.__name__, status=status)
    assert caught.value.status == status
    assert isinstance(caught.value.data, model) and caught.value.data.to_dict() == body


# -- registration and laziness -------------------------------------------------------------------

GENERATED_MODULES = {
    "APIRateLimitErrorResponse": "api_rate_limit_error_response",
    "AgentRunLimitReachedErrorResponse": "agent_run_limit_reached_error_response",
    "AgentRunLogResponse": "agent_run_log_response",
    "AgentRunNotFoundErrorResponse": "agent_run_not_found_error_response",
    "AgentRunResponse": "agent_run_response",
    "AgentRunWithLogsResponse": "agent_run_with_logs_response",
    "AnalyzeLogsResponse": "analyze_logs_response",
    "ApiAgentRunSourceType": "api_agent_run_source_type",
    "CLIRulesResponse": "cli_rules_response",
    "CheckSuiteSettingsRequest": "check_suite_settings_request",
    "CheckSuiteSettingsResponse": "check_suite_settings_response",
    "CreateAgentRunInput": "create_agent_run_input",
    "EditPRInput": "edit_pr_input",
    "EditPRResponse": "edit_pr_response",
    "GenerateSetupCommandsInput": "generate_setup_commands_input",
    "GenerateTokenRequest": "generate_token_request",
    "GenerateTokenResponse": "generate_token_response",
    "GithubPullRequestResponse": "github_pull_request_response",
    "HTTPValidationError": "http_validation_error",
    "IntegrationStatus": "integration_status",
    "NoReposFoundInOrgErrorResponse": "no_repos_found_in_org_error_response",
    "OAuthProviderResponse": "o_auth_provider_response",
    "Observation": "observation",
    "OrganizationIntegrationsResponse": "organization_integrations_response",
    "OrganizationResponse": "organization_response",
    "OrganizationSettings": "organization_settings",
    "PageAgentRunResponse": "page_agent_run_response",
    "PageOrganizationResponse": "page_organization_response",
    "PageRepoResponse": "page_repo_response",
    "PageUserResponse": "page_user_response",
    "PermissionsErrorResponse": "permissions_error_response",
    "RepoResponse": "repo_response",
    "ResumeAgentRunInput": "resume_agent_run_input",
    "SetupCommandsResponse": "setup_commands_response",
    "StopAgentRunInput": "stop_agent_run_input",
    "UserNotFoundErrorResponse": "user_not_found_error_response",
    "UserResponse": "user_response",
    "ValidationError": "validation_error",
    "ValidationErrorLocInner": "validation_error_loc_inner",
}


@pytest.mark.parametrize("name, module", sorted(GENERATED_MODULES.items()))
def test_every_schema_is_registered_under_its_generated_name(name: str, module: str) -> None:
    assert models.MODULES[name] == f"openapi_client.models.{module}"
    cls = getattr(openapi_client, name)
    assert cls is getattr(models, name) is models.model_type(name)
    assert cls.__module__ == f"openapi_client.models.{module}" and cls.__name__ == name
    assert name in openapi_client.__all__ and name in models.__all__


def test_every_model_is_registered() -> None:
    assert set(models.MODULES) == set(GENERATED_MODULES)


def test_importing_the_package_builds_no_model() -> None:
    code = "import sys, openapi_client; print(sorted(m for m in sys.modules if m.startswith('openapi_client.models.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
