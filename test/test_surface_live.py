"""The surface of the live contract: every method a generated client has, with its parameters.

The expected names and parameters below were read from a client that OpenAPI
Generator (python, 7.12.0) makes from the live contract, with
`inspect.signature`, and are written here as data. Each operation has a
generated base name, its ``_0``/``_1`` repeats (the contract lists most tags
three times, some twice; the logs operation twice under ``agents-alpha`` and
once under ``agents-beta``; the check-suite settings once under
``repositories`` and once under ``check-suite-settings``), each in three
variants, and a short name with the same parameters.
"""

from __future__ import annotations

import inspect
import typing
from typing import Any, Dict, List, Tuple

import pytest
import urllib3

import openapi_client
import openapi_client.api
from openapi_client import ApiResponse, exceptions, models
from openapi_client.api.agents_alpha_api import AgentsAlphaApi
from openapi_client.api.agents_api import AgentsApi
from openapi_client.api.agents_beta_api import AgentsBetaApi
from openapi_client.api.check_suite_settings_api import CheckSuiteSettingsApi
from openapi_client.api.cli_rules_api import CliRulesApi
from openapi_client.api.integrations_api import IntegrationsApi
from openapi_client.api.organizations_api import OrganizationsApi
from openapi_client.api.pull_requests_api import PullRequestsApi
from openapi_client.api.repositories_api import RepositoriesApi
from openapi_client.api.sandbox_api import SandboxApi
from openapi_client.api.setup_commands_api import SetupCommandsApi
from openapi_client.api.slack_connect_api import SlackConnectApi
from openapi_client.api.users_api import UsersApi

#: Every generated method ends with these, in this order.
PER_CALL = "authorization=None, _request_timeout=None, _request_auth=None, _content_type=None, _headers=None, _host_index=0"
#: The operations whose contract declares no `authorization` header: their methods have no such parameter.
NO_AUTHORIZATION = ("get_check_suite_settings", "update_check_suite_settings")
_CHECK_SUITE: Dict[str, Tuple[Tuple[str, ...], str, str, str]] = {
    "get_check_suite_settings_v1_organizations_org_id_repos_check_suite_settings_get": (
        ("",), "get_check_suite_settings", "org_id, repo_id", "CheckSuiteSettingsResponse"),
    "update_check_suite_settings_v1_organizations_org_id_repos_check_suite_settings_put": (
        ("",), "update_check_suite_settings", "org_id, repo_id, check_suite_settings_request", "Dict[str, object]"),
}
_THRICE = ("", "_0", "_1")
_TWICE = ("", "_0")

#: class -> generated base name -> (repeats, short name, parameters before PER_CALL, model of a 2xx)
GENERATED: Dict[type, Dict[str, Tuple[Tuple[str, ...], str, str, str]]] = {
    AgentsApi: {
        "ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post": (
            ("", "_0", "_1"), "ban_all_checks_for_agent_run", "org_id, stop_agent_run_input", "object"),
        "create_agent_run_v1_organizations_org_id_agent_run_post": (
            ("", "_0", "_1"), "create_agent_run", "org_id, create_agent_run_input", "AgentRunResponse"),
        "get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get": (
            ("", "_0", "_1"), "get_agent_run", "agent_run_id, org_id", "AgentRunResponse"),
        "list_agent_runs_v1_organizations_org_id_agent_runs_get": (
            ("", "_0", "_1"), "list_agent_runs",
            "org_id, user_id=None, source_type=None, skip=None, limit=None", "PageAgentRunResponse"),
        "remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post": (
            ("", "_0", "_1"), "remove_codegen_from_pr", "org_id, stop_agent_run_input", "object"),
        "resume_agent_run_v1_organizations_org_id_agent_run_resume_post": (
            ("", "_0", "_1"), "resume_agent_run", "org_id, resume_agent_run_input", "AgentRunResponse"),
        "unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post": (
            ("", "_0", "_1"), "unban_all_checks_for_agent_run", "org_id, stop_agent_run_input", "object"),
    },
    AgentsAlphaApi: {
        "get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get": (
            ("", "_0"), "get_agent_run_logs",
            "agent_run_id, org_id, skip=None, limit=None, reverse=None", "AgentRunWithLogsResponse"),
    },
    AgentsBetaApi: {
        "get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get": (
            ("",), "get_agent_run_logs",
            "agent_run_id, org_id, skip=None, limit=None, reverse=None", "AgentRunWithLogsResponse"),
    },
    OrganizationsApi: {
        "get_organizations_v1_organizations_get": (
            ("", "_0", "_1"), "get_organizations", "skip=None, limit=None", "PageOrganizationResponse"),
        "get_mcp_providers_v1_mcp_providers_get": (_TWICE, "get_mcp_providers", "", "List[OAuthProviderResponse]"),
        "get_oauth_token_status_v1_oauth_tokens_status_get": (_TWICE, "get_oauth_token_status", "org_id", "object"),
        "revoke_oauth_token_v1_oauth_tokens_revoke_post": (_TWICE, "revoke_oauth_token", "provider, org_id", "object"),
    },
    UsersApi: {
        "get_current_user_info_v1_users_me_get": (("", "_0", "_1"), "get_current_user_info", "", "UserResponse"),
        "get_users_v1_organizations_org_id_users_get": (
            _THRICE, "get_users", "org_id, skip=None, limit=None", "PageUserResponse"),
        "get_user_v1_organizations_org_id_users_user_id_get": (_THRICE, "get_user", "org_id, user_id", "UserResponse"),
    },
    RepositoriesApi: {
        "get_repositories_v1_organizations_org_id_repos_get": (
            ("", "_0", "_1"), "get_repositories", "org_id, skip=None, limit=None", "PageRepoResponse"),
        **_CHECK_SUITE,
    },
    CheckSuiteSettingsApi: _CHECK_SUITE,
    CliRulesApi: {
        "get_cli_rules_v1_organizations_org_id_cli_rules_get": (_THRICE, "get_cli_rules", "org_id", "CLIRulesResponse"),
    },
    IntegrationsApi: {
        "get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get": (
            _THRICE, "get_organization_integrations_endpoint", "org_id", "OrganizationIntegrationsResponse"),
    },
    PullRequestsApi: {
        "edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch": (
            _THRICE, "edit_pull_request_simple", "org_id, pr_id, edit_pr_input", "EditPRResponse"),
        "edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch": (
            _THRICE, "edit_pull_request", "org_id, repo_id, pr_id, edit_pr_input", "EditPRResponse"),
    },
    SandboxApi: {
        "analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post": (
            _THRICE, "analyze_sandbox_logs", "sandbox_id, org_id", "AnalyzeLogsResponse"),
    },
    SetupCommandsApi: {
        "generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post": (
            _THRICE, "generate_setup_commands", "org_id, generate_setup_commands_input", "SetupCommandsResponse"),
    },
    SlackConnectApi: {
        "generate_slack_connect_token_endpoint_v1_slack_connect_generate_token_post": (
            _TWICE, "generate_slack_connect_token_endpoint", "generate_token_request", "GenerateTokenResponse"),
    },
}
#: The friendlier names the SDK adds, each the same method as a short name.
FRIENDLY = {
    IntegrationsApi: ("get_organization_integrations", "get_organization_integrations_endpoint"),
    SlackConnectApi: ("generate_slack_connect_token", "generate_slack_connect_token_endpoint"),
}

#: How many public methods the generated client has in each class.
GENERATED_COUNTS = {
    AgentsApi: 63, AgentsAlphaApi: 6, AgentsBetaApi: 3, OrganizationsApi: 27, UsersApi: 27, RepositoriesApi: 15,
    CheckSuiteSettingsApi: 6, CliRulesApi: 9, IntegrationsApi: 9, PullRequestsApi: 18, SandboxApi: 9,
    SetupCommandsApi: 9, SlackConnectApi: 6,
}

MODULES = {
    AgentsApi: "agents_api",
    AgentsAlphaApi: "agents_alpha_api",
    AgentsBetaApi: "agents_beta_api",
    OrganizationsApi: "organizations_api",
    UsersApi: "users_api",
    RepositoriesApi: "repositories_api",
    CheckSuiteSettingsApi: "check_suite_settings_api",
    CliRulesApi: "cli_rules_api",
    IntegrationsApi: "integrations_api",
    PullRequestsApi: "pull_requests_api",
    SandboxApi: "sandbox_api",
    SetupCommandsApi: "setup_commands_api",
    SlackConnectApi: "slack_connect_api",
}

VARIANTS = ("", "_with_http_info", "_without_preload_content")


def _generated_names(cls: type) -> List[Tuple[str, str, str, str]]:
    """(generated name, short name with the same variant, parameters, 2xx model) of every generated method."""
    rows = []
    for base, (repeats, short, params, model) in GENERATED[cls].items():
        for repeat in repeats:
            for variant in VARIANTS:
                rows.append((base + repeat + variant, short + variant, params, model))
    return rows


ALL_NAMES = [(cls, *row) for cls in GENERATED for row in _generated_names(cls)]
SHORT_NAMES = sorted(
    {(cls, short + variant, params, model) for cls in GENERATED for _, (_, short, params, model) in GENERATED[cls].items()
     for variant in VARIANTS},
    key=lambda row: (row[0].__name__, row[1]),
)


def _expected(params: str, bound: bool, per_call: str = PER_CALL) -> List[Tuple[str, Any, Any]]:
    namespace: Dict[str, Any] = {}
    exec(f"def expected({'' if bound else 'self, '}{params + ', ' if params else ''}{per_call}): pass", namespace)
    return [(p.name, p.kind, p.default) for p in inspect.signature(namespace["expected"]).parameters.values()]


def _check_parameters(func: Any, params: str, bound: bool = False) -> None:
    no_authorization = func.__name__.startswith(NO_AUTHORIZATION)
    expected = _expected(params, bound, PER_CALL.replace("authorization=None, ", "") if no_authorization else PER_CALL)
    actual = list(inspect.signature(func).parameters.values())
    assert [(p.name, p.kind, p.default) for p in actual[: len(expected)]] == expected, inspect.signature(func)
    for extra in actual[len(expected):]:  # only per-call keywords the generated client lacks, after its own
        assert extra.kind == inspect.Parameter.KEYWORD_ONLY and extra.default is not inspect.Parameter.empty, extra


@pytest.mark.parametrize("cls", list(GENERATED), ids=lambda cls: cls.__name__)
def test_every_generated_method_exists(cls: type) -> None:
    names = [row[0] for row in _generated_names(cls)]
    assert len(set(names)) == GENERATED_COUNTS[cls]
    missing = [name for name in names if not callable(getattr(cls, name, None))]
    assert not missing


@pytest.mark.parametrize(
    "cls, name, short, params, model", ALL_NAMES, ids=[f"{row[0].__name__}.{row[1]}" for row in ALL_NAMES]
)
def test_generated_method_signature(cls: type, name: str, short: str, params: str, model: str) -> None:
    _check_parameters(getattr(cls, name), params)
    # One definition: the generated name is the short door itself.
    assert getattr(cls, name) is getattr(cls, short)


@pytest.mark.parametrize(
    "cls, short, params, model", SHORT_NAMES, ids=[f"{row[0].__name__}.{row[1]}" for row in SHORT_NAMES]
)
def test_short_name_signature_and_return_type(cls: type, short: str, params: str, model: str) -> None:
    method = getattr(cls, short)
    _check_parameters(method, params)
    _check_parameters(getattr(cls(openapi_client.ApiClient()), short), params, bound=True)
    data = _type_of(model)
    if short.endswith("_with_http_info"):
        expected: Any = ApiResponse[data]  # type: ignore[valid-type]
    elif short.endswith("_without_preload_content"):
        if not hasattr(urllib3, "BaseHTTPResponse"):
            pytest.skip(f"urllib3 {urllib3.__version__} has no BaseHTTPResponse")
        expected = urllib3.BaseHTTPResponse
    else:
        expected = data
    assert typing.get_type_hints(method)["return"] == expected
    assert method.__name__ == short
    assert method.__doc__


def _type_of(model: str) -> Any:
    """The type a return-type name of the reference stands for: a model, ``List[Model]``, ``Dict[str, object]``, object."""
    if model == "object":
        return object
    if model == "Dict[str, object]":
        return Dict[str, object]
    if model.startswith("List["):
        return List[getattr(models, model[5:-1])]  # type: ignore[misc]
    return getattr(models, model)


@pytest.mark.parametrize("cls", list(FRIENDLY), ids=lambda cls: cls.__name__)
def test_the_friendlier_names_are_the_short_names(cls: type) -> None:
    friendly, short = FRIENDLY[cls]
    for variant in VARIANTS:
        assert getattr(cls, friendly + variant) is getattr(cls, short + variant)


def test_the_check_suite_operations_are_defined_once_for_both_classes() -> None:
    for short in NO_AUTHORIZATION:
        for variant in VARIANTS:
            assert getattr(RepositoriesApi, short + variant) is getattr(CheckSuiteSettingsApi, short + variant)
        assert "authorization" not in inspect.signature(getattr(CheckSuiteSettingsApi, short)).parameters
    assert not issubclass(RepositoriesApi, CheckSuiteSettingsApi) and not issubclass(CheckSuiteSettingsApi, RepositoriesApi)


@pytest.mark.parametrize("cls", list(GENERATED), ids=lambda cls: cls.__name__)
def test_request_serialized_is_importable_from_each_api_module(cls: type) -> None:
    module = __import__(f"openapi_client.api.{MODULES[cls]}", fromlist=["RequestSerialized"])
    assert module.RequestSerialized is openapi_client.api_client.RequestSerialized


def test_the_logs_operation_is_defined_once_for_both_classes() -> None:
    for variant in VARIANTS:
        assert getattr(AgentsAlphaApi, "get_agent_run_logs" + variant) is getattr(AgentsBetaApi, "get_agent_run_logs" + variant)
    assert not issubclass(AgentsBetaApi, AgentsAlphaApi) and not issubclass(AgentsAlphaApi, AgentsBetaApi)


@pytest.mark.parametrize("cls", list(GENERATED), ids=lambda cls: cls.__name__)
def test_api_classes_are_exported(cls: type) -> None:
    module = __import__(f"openapi_client.api.{MODULES[cls]}", fromlist=[cls.__name__])
    assert getattr(module, cls.__name__) is cls
    assert getattr(openapi_client.api, cls.__name__) is cls
    assert getattr(openapi_client, cls.__name__) is cls
    assert cls.__name__ in openapi_client.__all__ and cls.__name__ in openapi_client.api.__all__


@pytest.mark.parametrize("cls", list(GENERATED), ids=lambda cls: cls.__name__)
def test_api_classes_take_the_default_client(cls: type) -> None:
    previous = openapi_client.ApiClient._default
    try:
        client = openapi_client.ApiClient(openapi_client.Configuration(host="http://127.0.0.1:9"))
        openapi_client.ApiClient.set_default(client)
        assert cls().api_client is client  # type: ignore[attr-defined]
        assert cls(client).api_client is client  # type: ignore[attr-defined]
    finally:
        openapi_client.ApiClient.set_default(previous)


def test_payment_required_is_a_typed_api_exception() -> None:
    assert openapi_client.PaymentRequiredException is exceptions.PaymentRequiredException
    assert "PaymentRequiredException" in openapi_client.__all__
    assert issubclass(exceptions.PaymentRequiredException, exceptions.ApiException)


def test_public_methods_refuse_an_operation_that_does_not_say_what_it_prepares() -> None:
    from openapi_client.api.operation import ApiBase, public_methods

    def _untyped(self: ApiBase, org_id: int) -> None:  # a prepared request of no known model
        pass

    with pytest.raises(TypeError, match="must be annotated '-> Prepared"):
        public_methods(_untyped)  # type: ignore[arg-type]
