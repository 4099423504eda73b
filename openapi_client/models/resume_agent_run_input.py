"""The body that resumes an agent run with a follow-up prompt."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, List, Optional

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel
from openapi_client.models.common import Prompt


class ResumeAgentRunInput(ApiModel):
    """Which run (`agent_run_id`) to take back to work, with what `prompt` and optional `images` (data URIs)."""

    agent_run_id: StrictInt
    prompt: Prompt
    images: Optional[List[StrictStr]] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"images"})
