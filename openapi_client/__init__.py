"""Python SDK for the agent-run endpoints of the Codegen Developer API.

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
from openapi_client.api.organizations_api import OrganizationsApi
from openapi_client.api.repositories_api import RepositoriesApi
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
    from openapi_client.models.agent_run_limit_reached_error_response import AgentRunLimitReachedErrorResponse as AgentRunLimitReachedErrorResponse
    from openapi_client.models.agent_run_log_response import AgentRunLogResponse as AgentRunLogResponse
    from openapi_client.models.agent_run_not_found_error_response import AgentRunNotFoundErrorResponse as AgentRunNotFoundErrorResponse
    from openapi_client.models.agent_run_response import AgentRunResponse as AgentRunResponse
    from openapi_client.models.agent_run_with_logs_response import AgentRunWithLogsResponse as AgentRunWithLogsResponse
    from openapi_client.models.api_agent_run_source_type import ApiAgentRunSourceType as ApiAgentRunSourceType
    from openapi_client.models.api_rate_limit_error_response import APIRateLimitErrorResponse as APIRateLimitErrorResponse
    from openapi_client.models.create_agent_run_input import CreateAgentRunInput as CreateAgentRunInput
    from openapi_client.models.github_pull_request_response import GithubPullRequestResponse as GithubPullRequestResponse
    from openapi_client.models.http_validation_error import HTTPValidationError as HTTPValidationError
    from openapi_client.models.no_repos_found_in_org_error_response import NoReposFoundInOrgErrorResponse as NoReposFoundInOrgErrorResponse
    from openapi_client.models.observation import Observation as Observation
    from openapi_client.models.organization_response import OrganizationResponse as OrganizationResponse
    from openapi_client.models.organization_settings import OrganizationSettings as OrganizationSettings
    from openapi_client.models.page_agent_run_response import PageAgentRunResponse as PageAgentRunResponse
    from openapi_client.models.page_organization_response import PageOrganizationResponse as PageOrganizationResponse
    from openapi_client.models.page_repo_response import PageRepoResponse as PageRepoResponse
    from openapi_client.models.permissions_error_response import PermissionsErrorResponse as PermissionsErrorResponse
    from openapi_client.models.repo_response import RepoResponse as RepoResponse
    from openapi_client.models.resume_agent_run_input import ResumeAgentRunInput as ResumeAgentRunInput
    from openapi_client.models.stop_agent_run_input import StopAgentRunInput as StopAgentRunInput
    from openapi_client.models.user_response import UserResponse as UserResponse
    from openapi_client.models.validation_error import ValidationError as ValidationError
    from openapi_client.models.validation_error_loc_inner import ValidationErrorLocInner as ValidationErrorLocInner
    from openapi_client.watching import AgentRunEvent as AgentRunEvent

# Built on first use: see openapi_client.models.
_LAZY = {**_MODEL_MODULES, "ApiResponse": "openapi_client.api_response", "AgentRunEvent": "openapi_client.watching"}


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
    "APIRateLimitErrorResponse",
    "AgentRunLimitReachedErrorResponse",
    "AgentRunLogResponse",
    "AgentRunNotFoundErrorResponse",
    "AgentRunResponse",
    "AgentRunWithLogsResponse",
    "ApiAgentRunSourceType",
    "CreateAgentRunInput",
    "GithubPullRequestResponse",
    "HTTPValidationError",
    "NoReposFoundInOrgErrorResponse",
    "Observation",
    "OrganizationResponse",
    "OrganizationSettings",
    "PageAgentRunResponse",
    "PageOrganizationResponse",
    "PageRepoResponse",
    "PermissionsErrorResponse",
    "RepoResponse",
    "ResumeAgentRunInput",
    "StopAgentRunInput",
    "UserResponse",
    "ValidationError",
    "ValidationErrorLocInner",
]
