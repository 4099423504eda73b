"""One problem the server found in a request."""

from __future__ import annotations

from typing import Any, List

from pydantic import StrictStr, field_validator

from openapi_client.models.base import ApiModel
from openapi_client.models.validation_error_loc_inner import ValidationErrorLocInner


class ValidationError(ApiModel):
    """Where (`loc`, e.g. ``["path", "org_id"]``), what (`msg`) and which kind (`type`)."""

    loc: List[ValidationErrorLocInner]
    msg: StrictStr
    type: StrictStr

    @field_validator("loc", mode="before")
    @classmethod
    def _wrap_plain_locations(cls, value: Any) -> Any:
        """Accept the JSON form, a list of strings and integers."""
        if isinstance(value, list):
            return [
                item if isinstance(item, ValidationErrorLocInner) else ValidationErrorLocInner(item)
                for item in value
            ]
        return value
