"""The body that changes a repository's check-suite settings."""

from __future__ import annotations

from typing import ClassVar, Dict, FrozenSet, List, Optional

from pydantic import Field, StrictInt, StrictStr
from typing_extensions import Annotated

from openapi_client.models.base import ApiModel

#: The contract's bounds of `check_retry_count`.
MIN_RETRY_COUNT = 0
MAX_RETRY_COUNT = 10


class CheckSuiteSettingsRequest(ApiModel):
    """What to change in how agents treat a repository's failing checks; a field left out stays as it is.

    `check_retry_count` (0 to 10) is how often a failed check is retried,
    `check_retry_counts` the same per check name; `ignored_checks` are never
    acted on; `custom_prompts` give the agent a prompt per check; a failure
    of one of the `high_priority_apps` is handled at once. A retry count
    out of bounds is refused before anything is sent.
    """

    check_retry_count: Optional[Annotated[StrictInt, Field(ge=MIN_RETRY_COUNT, le=MAX_RETRY_COUNT)]] = None
    ignored_checks: Optional[List[StrictStr]] = None
    check_retry_counts: Optional[Dict[str, StrictInt]] = None
    custom_prompts: Optional[Dict[str, StrictStr]] = None
    high_priority_apps: Optional[List[StrictStr]] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset(
        {"check_retry_count", "ignored_checks", "check_retry_counts", "custom_prompts", "high_priority_apps"}
    )
