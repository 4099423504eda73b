"""One step of an agent run's log."""

from __future__ import annotations

from typing import Any, ClassVar, Dict, FrozenSet, Optional

from pydantic import StrictInt, StrictStr, field_validator

from openapi_client.models.base import ApiModel
from openapi_client.models.observation import Observation


class AgentRunLogResponse(ApiModel):
    """Represents an agent run log in API responses.

    `message_type` says what the step is; a tool call has `tool_name`,
    `tool_input` and `tool_output`, and its `observation` (an `Observation`,
    holding an object or a string); `thought` is the agent's reasoning.
    """

    agent_run_id: StrictInt
    created_at: Optional[StrictStr] = None
    tool_name: Optional[StrictStr] = None
    message_type: Optional[StrictStr] = None
    thought: Optional[StrictStr] = None
    observation: Optional[Observation] = None
    tool_input: Optional[Dict[str, Any]] = None
    tool_output: Optional[Dict[str, Any]] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset(
        {"created_at", "tool_name", "message_type", "thought", "observation", "tool_input", "tool_output"}
    )

    @field_validator("observation", mode="before")
    @classmethod
    def _wrap_plain_observation(cls, value: Any) -> Any:
        """Accept the JSON form: an object or a string, wrapped into an `Observation`."""
        if value is None or isinstance(value, Observation):
            return value
        return Observation(actual_instance=value)
