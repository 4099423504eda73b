"""The API's models.

Each is built the first time it is used rather than at import, because
building pydantic models is most of what importing this package would cost.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, List, Type

if TYPE_CHECKING:
    from pydantic import BaseModel

    from openapi_client.models.agent_run_limit_reached_error_response import AgentRunLimitReachedErrorResponse as AgentRunLimitReachedErrorResponse
    from openapi_client.models.agent_run_log_response import AgentRunLogResponse as AgentRunLogResponse
    from openapi_client.models.agent_run_not_found_error_response import AgentRunNotFoundErrorResponse as AgentRunNotFoundErrorResponse
    from openapi_client.models.agent_run_response import AgentRunResponse as AgentRunResponse
    from openapi_client.models.agent_run_with_logs_response import AgentRunWithLogsResponse as AgentRunWithLogsResponse
    from openapi_client.models.analyze_logs_response import AnalyzeLogsResponse as AnalyzeLogsResponse
    from openapi_client.models.api_agent_run_source_type import ApiAgentRunSourceType as ApiAgentRunSourceType
    from openapi_client.models.api_rate_limit_error_response import APIRateLimitErrorResponse as APIRateLimitErrorResponse
    from openapi_client.models.check_suite_settings_request import CheckSuiteSettingsRequest as CheckSuiteSettingsRequest
    from openapi_client.models.check_suite_settings_response import CheckSuiteSettingsResponse as CheckSuiteSettingsResponse
    from openapi_client.models.cli_rules_response import CLIRulesResponse as CLIRulesResponse
    from openapi_client.models.create_agent_run_input import CreateAgentRunInput as CreateAgentRunInput
    from openapi_client.models.edit_pr_input import EditPRInput as EditPRInput
    from openapi_client.models.edit_pr_response import EditPRResponse as EditPRResponse
    from openapi_client.models.generate_setup_commands_input import GenerateSetupCommandsInput as GenerateSetupCommandsInput
    from openapi_client.models.generate_token_request import GenerateTokenRequest as GenerateTokenRequest
    from openapi_client.models.generate_token_response import GenerateTokenResponse as GenerateTokenResponse
    from openapi_client.models.github_pull_request_response import GithubPullRequestResponse as GithubPullRequestResponse
    from openapi_client.models.http_validation_error import HTTPValidationError as HTTPValidationError
    from openapi_client.models.integration_status import IntegrationStatus as IntegrationStatus
    from openapi_client.models.no_repos_found_in_org_error_response import NoReposFoundInOrgErrorResponse as NoReposFoundInOrgErrorResponse
    from openapi_client.models.o_auth_provider_response import OAuthProviderResponse as OAuthProviderResponse
    from openapi_client.models.observation import Observation as Observation
    from openapi_client.models.organization_integrations_response import OrganizationIntegrationsResponse as OrganizationIntegrationsResponse
    from openapi_client.models.organization_response import OrganizationResponse as OrganizationResponse
    from openapi_client.models.organization_settings import OrganizationSettings as OrganizationSettings
    from openapi_client.models.page_agent_run_response import PageAgentRunResponse as PageAgentRunResponse
    from openapi_client.models.page_organization_response import PageOrganizationResponse as PageOrganizationResponse
    from openapi_client.models.page_repo_response import PageRepoResponse as PageRepoResponse
    from openapi_client.models.page_user_response import PageUserResponse as PageUserResponse
    from openapi_client.models.permissions_error_response import PermissionsErrorResponse as PermissionsErrorResponse
    from openapi_client.models.repo_response import RepoResponse as RepoResponse
    from openapi_client.models.resume_agent_run_input import ResumeAgentRunInput as ResumeAgentRunInput
    from openapi_client.models.setup_commands_response import SetupCommandsResponse as SetupCommandsResponse
    from openapi_client.models.stop_agent_run_input import StopAgentRunInput as StopAgentRunInput
    from openapi_client.models.user_not_found_error_response import UserNotFoundErrorResponse as UserNotFoundErrorResponse
    from openapi_client.models.user_response import UserResponse as UserResponse
    from openapi_client.models.validation_error import ValidationError as ValidationError
    from openapi_client.models.validation_error_loc_inner import ValidationErrorLocInner as ValidationErrorLocInner

MODULES = {
    "APIRateLimitErrorResponse": "openapi_client.models.api_rate_limit_error_response",
    "AgentRunLimitReachedErrorResponse": "openapi_client.models.agent_run_limit_reached_error_response",
    "AgentRunLogResponse": "openapi_client.models.agent_run_log_response",
    "AgentRunNotFoundErrorResponse": "openapi_client.models.agent_run_not_found_error_response",
    "AgentRunResponse": "openapi_client.models.agent_run_response",
    "AgentRunWithLogsResponse": "openapi_client.models.agent_run_with_logs_response",
    "AnalyzeLogsResponse": "openapi_client.models.analyze_logs_response",
    "ApiAgentRunSourceType": "openapi_client.models.api_agent_run_source_type",
    "CLIRulesResponse": "openapi_client.models.cli_rules_response",
    "CheckSuiteSettingsRequest": "openapi_client.models.check_suite_settings_request",
    "CheckSuiteSettingsResponse": "openapi_client.models.check_suite_settings_response",
    "CreateAgentRunInput": "openapi_client.models.create_agent_run_input",
    "EditPRInput": "openapi_client.models.edit_pr_input",
    "EditPRResponse": "openapi_client.models.edit_pr_response",
    "GenerateSetupCommandsInput": "openapi_client.models.generate_setup_commands_input",
    "GenerateTokenRequest": "openapi_client.models.generate_token_request",
    "GenerateTokenResponse": "openapi_client.models.generate_token_response",
    "GithubPullRequestResponse": "openapi_client.models.github_pull_request_response",
    "HTTPValidationError": "openapi_client.models.http_validation_error",
    "IntegrationStatus": "openapi_client.models.integration_status",
    "NoReposFoundInOrgErrorResponse": "openapi_client.models.no_repos_found_in_org_error_response",
    "OAuthProviderResponse": "openapi_client.models.o_auth_provider_response",
    "Observation": "openapi_client.models.observation",
    "OrganizationIntegrationsResponse": "openapi_client.models.organization_integrations_response",
    "OrganizationResponse": "openapi_client.models.organization_response",
    "OrganizationSettings": "openapi_client.models.organization_settings",
    "PageAgentRunResponse": "openapi_client.models.page_agent_run_response",
    "PageOrganizationResponse": "openapi_client.models.page_organization_response",
    "PageRepoResponse": "openapi_client.models.page_repo_response",
    "PageUserResponse": "openapi_client.models.page_user_response",
    "PermissionsErrorResponse": "openapi_client.models.permissions_error_response",
    "RepoResponse": "openapi_client.models.repo_response",
    "ResumeAgentRunInput": "openapi_client.models.resume_agent_run_input",
    "SetupCommandsResponse": "openapi_client.models.setup_commands_response",
    "StopAgentRunInput": "openapi_client.models.stop_agent_run_input",
    "UserNotFoundErrorResponse": "openapi_client.models.user_not_found_error_response",
    "UserResponse": "openapi_client.models.user_response",
    "ValidationError": "openapi_client.models.validation_error",
    "ValidationErrorLocInner": "openapi_client.models.validation_error_loc_inner",
}

__all__ = list(MODULES)


def load(name: str, modules: dict[str, str], namespace: dict[str, Any]) -> Any:
    """Import `name` from its module on first access and keep it in `namespace`."""
    module = modules.get(name)
    if module is None:
        raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    namespace[name] = value
    return value


def model_type(name: str) -> Type[BaseModel]:
    """A model class by its name, for decoding responses; `KeyError` if there is none."""
    found = globals().get(name)
    if found is None:
        if name not in MODULES:
            raise KeyError(name)
        found = load(name, MODULES, globals())
    return found  # type: ignore[no-any-return]


def __getattr__(name: str) -> Any:
    return load(name, MODULES, globals())


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
