"""The API's models.

Each is built the first time it is used rather than at import, because
building pydantic models is most of what importing this package would cost.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, List, Type

if TYPE_CHECKING:
    from pydantic import BaseModel

    from openapi_client.models.agent_run_response import AgentRunResponse as AgentRunResponse
    from openapi_client.models.create_agent_run_input import CreateAgentRunInput as CreateAgentRunInput
    from openapi_client.models.http_validation_error import HTTPValidationError as HTTPValidationError
    from openapi_client.models.validation_error import ValidationError as ValidationError
    from openapi_client.models.validation_error_loc_inner import ValidationErrorLocInner as ValidationErrorLocInner

MODULES = {
    "AgentRunResponse": "openapi_client.models.agent_run_response",
    "CreateAgentRunInput": "openapi_client.models.create_agent_run_input",
    "HTTPValidationError": "openapi_client.models.http_validation_error",
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
