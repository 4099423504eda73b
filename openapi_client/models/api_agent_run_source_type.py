"""Where an agent run was started from."""

from __future__ import annotations

import json
from enum import Enum
from typing import Union

from typing_extensions import Self


class ApiAgentRunSourceType(str, Enum):
    """The sources the contract lists; a member compares equal to its string.

    Models that hold a source type keep a value the contract does not list
    (a source added after this SDK) as a plain ``str`` instead of refusing it.
    """

    LOCAL = "LOCAL"
    SLACK = "SLACK"
    GITHUB = "GITHUB"
    GITHUB_CHECK_SUITE = "GITHUB_CHECK_SUITE"
    GITHUB_PR_REVIEW = "GITHUB_PR_REVIEW"
    LINEAR = "LINEAR"
    API = "API"
    CHAT = "CHAT"
    JIRA = "JIRA"
    CLICKUP = "CLICKUP"
    MONDAY = "MONDAY"
    SETUP_COMMANDS = "SETUP_COMMANDS"

    @classmethod
    def from_json(cls, json_str: Union[str, bytes]) -> Self:
        """The member named by a JSON string; `ValueError` for a value the contract does not list."""
        return cls(json.loads(json_str))
