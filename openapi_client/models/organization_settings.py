"""An organisation's switches."""

from __future__ import annotations

from typing import ClassVar, FrozenSet

from pydantic import StrictBool

from openapi_client.models.common import NullMeansDefault


class OrganizationSettings(NullMeansDefault):
    """Whether agents may open pull requests and detect repository rules; both default to on."""

    enable_pr_creation: StrictBool = True
    enable_rules_detection: StrictBool = True

    _defaulted: ClassVar[FrozenSet[str]] = frozenset({"enable_pr_creation", "enable_rules_detection"})
