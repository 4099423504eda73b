"""The body that creates an agent run."""

from __future__ import annotations

from typing import Any, ClassVar, Dict, FrozenSet, List, Literal, Optional, Union

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel
from openapi_client.models.common import Prompt

#: The agent types the contract lists; the API picks the organisation's default when none is given.
AgentType = Literal["codegen", "claude_code"]


class CreateAgentRunInput(ApiModel):
    """What the agent is asked to do, and optionally where and with what.

    `images` are base64 data URIs; `metadata` is any JSON object stored with
    the run; `repo_id` picks the repository; `model` and `agent_type` override
    the organisation's defaults. An `agent_type` the contract does not list
    is sent as it is (the API may know it already); a value of the wrong type
    is refused before anything is sent.
    """

    prompt: Prompt
    images: Optional[List[StrictStr]] = None
    metadata: Optional[Dict[str, Any]] = None
    repo_id: Optional[StrictInt] = None
    model: Optional[StrictStr] = None
    agent_type: Optional[Union[AgentType, StrictStr]] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"images", "metadata", "repo_id", "model", "agent_type"})

    @classmethod
    def agent_type_validate_enum(cls, value: Optional[str]) -> Optional[str]:
        """The generated check of `agent_type`, lenient here: a type newer than the SDK is kept, not refused."""
        return value
