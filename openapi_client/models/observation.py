"""What a tool call of an agent run gave back: a JSON object or a string."""

from __future__ import annotations

from typing import Any, ClassVar, Dict, Optional, Set, Tuple, Type, Union

from pydantic import StrictStr

from openapi_client.models.any_of import AnyOfModel


class Observation(AnyOfModel[Union[Dict[str, Any], StrictStr]]):
    """``anyOf`` object | string; the value is in `actual_instance`.

    ``Observation("ok")``, ``Observation({"exit_code": 0})`` and
    ``Observation(actual_instance=...)`` all work. A log's `observation`
    accepts the plain JSON value too.
    """

    any_of_schemas: ClassVar[Set[str]] = {"Dict[str, object]", "str"}
    _json_types: ClassVar[Tuple[Type[Any], ...]] = (dict, str)

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # spelled out so type checkers allow the positional form
        super().__init__(*args, **kwargs)

    @property
    def anyof_schema_1_validator(self) -> Optional[Dict[str, Any]]:
        """The value when it is an object, else ``None`` (the generated client's first branch)."""
        return self.actual_instance if isinstance(self.actual_instance, dict) else None

    @property
    def anyof_schema_2_validator(self) -> Optional[str]:
        """The value when it is a string, else ``None`` (the generated client's second branch)."""
        return self.actual_instance if isinstance(self.actual_instance, str) else None
