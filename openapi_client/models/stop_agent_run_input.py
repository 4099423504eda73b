"""The body that names an agent run for ban, unban and remove-from-PR."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, Optional

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class StopAgentRunInput(ApiModel):
    """The run (`agent_run_id`); the card order ids place it in the CANCELLED column of Codegen's kanban board."""

    agent_run_id: StrictInt
    before_card_order_id: Optional[StrictStr] = None
    after_card_order_id: Optional[StrictStr] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"before_card_order_id", "after_card_order_id"})
