"""The API's models."""

from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.models.create_agent_run_input import CreateAgentRunInput
from openapi_client.models.http_validation_error import HTTPValidationError
from openapi_client.models.validation_error import ValidationError
from openapi_client.models.validation_error_loc_inner import ValidationErrorLocInner

__all__ = [
    "AgentRunResponse",
    "CreateAgentRunInput",
    "HTTPValidationError",
    "ValidationError",
    "ValidationErrorLocInner",
]
