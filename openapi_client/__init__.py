"""Python SDK for the agent-run endpoints of the Codegen Developer API.

    import openapi_client
    config = openapi_client.Configuration(host="https://api.codegen.com", access_token=TOKEN)
    with openapi_client.ApiClient(config) as client:
        run = openapi_client.AgentsApi(client).create_agent_run(ORG_ID, {"prompt": "..."})
"""

__version__ = "1.0.0"

from typing import TYPE_CHECKING, Any, List

from openapi_client.api.agents_api import AgentsApi
from openapi_client.api_client import ApiClient
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
    OpenApiException,
    ResponseDecodeError,
    ResponseTooLargeError,
    TooManyRequestsException,
)
from openapi_client.retry import RetryPolicy
from openapi_client.models import MODULES as _MODEL_MODULES
from openapi_client.models import load as _load

if TYPE_CHECKING:
    from openapi_client.api_response import ApiResponse as ApiResponse
    from openapi_client.models.agent_run_response import AgentRunResponse as AgentRunResponse
    from openapi_client.models.create_agent_run_input import CreateAgentRunInput as CreateAgentRunInput
    from openapi_client.models.http_validation_error import HTTPValidationError as HTTPValidationError
    from openapi_client.models.validation_error import ValidationError as ValidationError
    from openapi_client.models.validation_error_loc_inner import ValidationErrorLocInner as ValidationErrorLocInner

# Built on first use: see openapi_client.models.
_LAZY = {**_MODEL_MODULES, "ApiResponse": "openapi_client.api_response"}


def __getattr__(name: str) -> Any:
    return _load(name, _LAZY, globals())


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "__version__",
    "AgentsApi",
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
    "TooManyRequestsException",
    "AgentRunTimeoutError",
    "AgentRunResponse",
    "CreateAgentRunInput",
    "HTTPValidationError",
    "ValidationError",
    "ValidationErrorLocInner",
]
