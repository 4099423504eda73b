"""A repository's check-suite settings: how agents treat its failing checks."""

from __future__ import annotations

from typing import Dict, List

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class CheckSuiteSettingsResponse(ApiModel):
    """The settings `CheckSuiteSettingsRequest` changes, and the check suites the repository has.

    `available_check_suite_names` are the names `ignored_checks`,
    `check_retry_counts` and `custom_prompts` can refer to. Every field is
    always present.
    """

    check_retry_count: StrictInt
    ignored_checks: List[StrictStr]
    check_retry_counts: Dict[str, StrictInt]
    custom_prompts: Dict[str, StrictStr]
    high_priority_apps: List[StrictStr]
    available_check_suite_names: List[StrictStr]
