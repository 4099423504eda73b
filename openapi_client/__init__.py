"""Python SDK for the Codegen Developer API: agent runs, and every other operation of the API.

    import openapi_client
    config = openapi_client.Configuration(host="https://api.codegen.com", access_token=TOKEN)
    with openapi_client.ApiClient(config) as client:
        run = openapi_client.AgentsApi(client).create_agent_run(ORG_ID, {"prompt": "..."})
"""

__version__ = "1.0.0"

from typing import TYPE_CHECKING, Any, List

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
from openapi_client.api_client import ApiClient
from openapi_client.checkout import checkout_pull_request
from openapi_client.configuration import Configuration
from openapi_client.exceptions import (
    AgentRunTimeoutError,
    ApiAttributeError,
    ApiConnectionError,
    ApiException,
    ApiKeyError,
    ApiRedirectError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    CheckoutError,
    OpenApiException,
    PaymentRequiredException,
    ResponseDecodeError,
    ResponseTooLargeError,
    TooManyRequestsException,
)
from openapi_client.retry import RetryPolicy
from openapi_client.models import MODULES as _MODEL_MODULES
from openapi_client.models import load as _load

if TYPE_CHECKING:
    from openapi_client.api_response import ApiResponse as ApiResponse
    from openapi_client.models.agent_run_list import AgentRunList as AgentRunList
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
    from openapi_client.watching import AgentRunEvent as AgentRunEvent

# Built on first use: see openapi_client.models.
_LAZY = {
    **_MODEL_MODULES, "ApiResponse": "openapi_client.api_response", "AgentRunList": "openapi_client.models.agent_run_list",
    "AgentRunEvent": "openapi_client.watching",
}


def __getattr__(name: str) -> Any:
    return _load(name, _LAZY, globals())


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "__version__",
    "AgentsApi",
    "AgentsAlphaApi",
    "AgentsBetaApi",
    "OrganizationsApi",
    "UsersApi",
    "RepositoriesApi",
    "CheckSuiteSettingsApi",
    "CliRulesApi",
    "IntegrationsApi",
    "PullRequestsApi",
    "SandboxApi",
    "SetupCommandsApi",
    "SlackConnectApi",
    "ApiClient",
    "ApiResponse",
    "Configuration",
    "OpenApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiKeyError",
    "ApiAttributeError",
    "ApiException",
    "ApiConnectionError",
    "ApiTimeoutError",
    "ApiRedirectError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "PaymentRequiredException",
    "TooManyRequestsException",
    "AgentRunTimeoutError",
    "checkout_pull_request",
    "CheckoutError",
    "AgentRunEvent",
    "AgentRunList",
    "APIRateLimitErrorResponse",
    "AgentRunLimitReachedErrorResponse",
    "AgentRunLogResponse",
    "AgentRunNotFoundErrorResponse",
    "AgentRunResponse",
    "AgentRunWithLogsResponse",
    "AnalyzeLogsResponse",
    "ApiAgentRunSourceType",
    "CLIRulesResponse",
    "CheckSuiteSettingsRequest",
    "CheckSuiteSettingsResponse",
    "CreateAgentRunInput",
    "EditPRInput",
    "EditPRResponse",
    "GenerateSetupCommandsInput",
    "GenerateTokenRequest",
    "GenerateTokenResponse",
    "GithubPullRequestResponse",
    "HTTPValidationError",
    "IntegrationStatus",
    "NoReposFoundInOrgErrorResponse",
    "OAuthProviderResponse",
    "Observation",
    "OrganizationIntegrationsResponse",
    "OrganizationResponse",
    "OrganizationSettings",
    "PageAgentRunResponse",
    "PageOrganizationResponse",
    "PageRepoResponse",
    "PageUserResponse",
    "PermissionsErrorResponse",
    "RepoResponse",
    "ResumeAgentRunInput",
    "SetupCommandsResponse",
    "StopAgentRunInput",
    "UserNotFoundErrorResponse",
    "UserResponse",
    "ValidationError",
    "ValidationErrorLocInner",
]
