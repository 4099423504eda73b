"""A Slack connect token: short-lived, single-use."""

from __future__ import annotations

from pydantic import Field, StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class GenerateTokenResponse(ApiModel):
    """The `token`, a `message` saying how to use it, and how many minutes it stays valid.

    Send the token to Codegen's Slack bot in a direct message, as
    ``Connect my account: <token>``, before `expires_in_minutes` (10) run
    out; it works once. It is left out of the model's repr, and so is the
    message, which may quote it, so that neither ends up in logs.
    """

    token: StrictStr = Field(repr=False)
    message: StrictStr = Field(repr=False)
    expires_in_minutes: StrictInt
