"""What a tool call of an agent run gave back: a JSON object or a string."""

from __future__ import annotations

import json
from typing import Any, ClassVar, Dict, Optional, Set, Union

from pydantic import BaseModel, ConfigDict, StrictStr, model_serializer
from typing_extensions import Self

_NO_MATCH = "No match found when deserializing the JSON string into Observation with anyOf schemas: Dict[str, object], str."


class Observation(BaseModel):
    """``anyOf`` object | string; the value is in `actual_instance`.

    ``Observation("ok")``, ``Observation({"exit_code": 0})`` and
    ``Observation(actual_instance=...)`` all work. A log's `observation`
    accepts the plain JSON value too.
    """

    model_config = ConfigDict(validate_assignment=True, protected_namespaces=())

    actual_instance: Optional[Union[Dict[str, Any], StrictStr]] = None
    any_of_schemas: ClassVar[Set[str]] = {"Dict[str, object]", "str"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) > 1 or kwargs:
                raise ValueError("give Observation one positional value, or actual_instance=")
            kwargs = {"actual_instance": args[0]}
        super().__init__(**kwargs)

    @property
    def anyof_schema_1_validator(self) -> Optional[Dict[str, Any]]:
        """The value when it is an object, else ``None`` (the generated client's first branch)."""
        return self.actual_instance if isinstance(self.actual_instance, dict) else None

    @property
    def anyof_schema_2_validator(self) -> Optional[str]:
        """The value when it is a string, else ``None`` (the generated client's second branch)."""
        return self.actual_instance if isinstance(self.actual_instance, str) else None

    @model_serializer
    def _serialize(self) -> Union[Dict[str, Any], str, None]:
        return self.actual_instance

    @classmethod
    def from_dict(cls, obj: Union[Dict[str, Any], str, None]) -> Self:
        return cls.from_json(json.dumps(obj))

    @classmethod
    def from_json(cls, json_str: Union[str, bytes]) -> Self:
        """The observation from JSON; ``null`` gives an empty one, as in generated clients."""
        value = json.loads(json_str)
        if value is not None and not isinstance(value, (dict, str)):
            raise ValueError(f"{_NO_MATCH} Got: {value!r}")
        return cls(actual_instance=value)

    def to_json(self) -> str:
        return json.dumps(self.actual_instance)

    def to_dict(self) -> Union[Dict[str, Any], str, None]:
        return self.actual_instance

    def to_str(self) -> str:
        import pprint

        return pprint.pformat(self.actual_instance)
