"""The body that asks for a Slack connect token."""

from __future__ import annotations

from pydantic import StrictInt

from openapi_client.models.base import ApiModel


class GenerateTokenRequest(ApiModel):
    """The organisation (`org_id`) whose Codegen Slack bot the account is connected to."""

    org_id: StrictInt
