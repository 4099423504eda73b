"""The body that changes the state of a pull request."""

from __future__ import annotations

from typing import Any, Literal, Tuple, get_args

from pydantic import field_validator

from openapi_client.models.base import ApiModel

#: The states a pull request can be put in.
PullRequestState = Literal["open", "closed", "draft", "ready_for_review"]
PR_STATES: Tuple[str, ...] = get_args(PullRequestState)


class EditPRInput(ApiModel):
    """The `state` to put the pull request in: ``open``, ``closed``, ``draft`` or ``ready_for_review``.

    Any other value is refused before anything is sent: the API would
    refuse it too, and a typo should not cost a request.
    """

    state: PullRequestState

    @field_validator("state", mode="before")
    @classmethod
    def state_validate_enum(cls, value: Any) -> Any:
        """Refuse a state the API does not know, naming it and the ones it does."""
        if value not in PR_STATES:
            raise ValueError(f"state must be one of {', '.join(map(repr, PR_STATES))}, not {value!r}")
        return value
