"""The rules an organisation and a user give their agents."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, Optional

from pydantic import StrictStr

from openapi_client.models.base import ApiModel


class CLIRulesResponse(ApiModel):
    """The organisation's rules and the user's own custom prompt, as agents are given them.

    Both fields are always present and ``None`` when nothing is set.
    """

    organization_rules: Optional[StrictStr]
    user_custom_prompt: Optional[StrictStr]

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"organization_rules", "user_custom_prompt"})
