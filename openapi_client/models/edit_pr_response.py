"""The answer to a pull-request edit."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, Optional

from pydantic import StrictBool, StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class EditPRResponse(ApiModel):
    """Whether the edit worked (`success`), the pull request as it now is, or the `error` that stopped it.

    `url`, `number`, `title` and `state` describe the pull request after the
    edit; `state` is GitHub's word for it, kept as the string the API sends.
    """

    success: StrictBool
    url: Optional[StrictStr] = None
    number: Optional[StrictInt] = None
    title: Optional[StrictStr] = None
    state: Optional[StrictStr] = None
    error: Optional[StrictStr] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"url", "number", "title", "state", "error"})
