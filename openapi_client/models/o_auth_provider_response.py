"""An OAuth provider Codegen can connect to, such as an MCP server."""

from __future__ import annotations

from typing import Any, ClassVar, Dict, FrozenSet, List, Optional

from pydantic import StrictBool, StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class OAuthProviderResponse(ApiModel):
    """A provider: its `id` and `name`, its OAuth `issuer` and endpoints, and the scopes asked by default.

    `is_mcp` says whether it is an MCP server. `default_scopes` is always
    present and may be ``None``; `meta` holds whatever else the API knows.
    """

    id: StrictInt
    name: StrictStr
    issuer: StrictStr
    authorization_endpoint: StrictStr
    token_endpoint: StrictStr
    default_scopes: Optional[List[StrictStr]]
    is_mcp: StrictBool
    meta: Optional[Dict[str, Any]] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"default_scopes", "meta"})
