"""One integration of an organisation, and whether it is on."""

from __future__ import annotations

from typing import Any, ClassVar, Dict, FrozenSet, Optional

from pydantic import StrictBool, StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class IntegrationStatus(ApiModel):
    """Status information for a single integration.

    `integration_type` names it (``github``, ``slack``, ``linear``... kept as
    the string the API sends, so new kinds read fine); `active` says whether
    it is on. `token_id` and `installation_id` are the token or app
    installation behind it, when there is one; `metadata` holds the rest
    (app name, workspace name...).
    """

    integration_type: StrictStr
    active: StrictBool
    token_id: Optional[StrictInt] = None
    installation_id: Optional[StrictInt] = None
    metadata: Optional[Dict[str, Any]] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"token_id", "installation_id", "metadata"})
