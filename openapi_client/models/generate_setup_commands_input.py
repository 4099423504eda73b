"""The body that starts an agent run writing a repository's set-up commands."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, Optional

from pydantic import StrictInt, StrictStr

from openapi_client.models.common import NullMeansDefault, Prompt


class GenerateSetupCommandsInput(NullMeansDefault):
    """The repository (`repo_id`), an optional `prompt` to guide the agent, and a `trigger_source` label.

    A `prompt` that is empty or blank is refused before anything is sent; leave it out instead.

    `trigger_source` defaults to ``"setup-commands"``, also when given as None.
    """

    repo_id: StrictInt
    prompt: Optional[Prompt] = None
    trigger_source: StrictStr = "setup-commands"

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"prompt"})
    _defaulted: ClassVar[FrozenSet[str]] = frozenset({"trigger_source"})
