"""One step of a `ValidationError` location: a name or an index."""

from __future__ import annotations

import json
from typing import Any, ClassVar, Dict, Optional, Set, Union

from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr, model_serializer
from typing_extensions import Self


class ValidationErrorLocInner(BaseModel):
    """``anyOf`` string | integer; the value is in `actual_instance`.

    ``ValidationErrorLocInner("body")`` and
    ``ValidationErrorLocInner(actual_instance=0)`` both work.
    """

    model_config = ConfigDict(validate_assignment=True, protected_namespaces=())

    actual_instance: Optional[Union[StrictStr, StrictInt]] = None
    any_of_schemas: ClassVar[Set[str]] = {"int", "str"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) > 1 or kwargs:
                raise ValueError("give ValidationErrorLocInner one positional value, or actual_instance=")
            kwargs = {"actual_instance": args[0]}
        super().__init__(**kwargs)

    @model_serializer
    def _serialize(self) -> Union[str, int, None]:
        return self.actual_instance

    @classmethod
    def from_dict(cls, obj: Union[str, int, Dict[str, Any]]) -> Self:
        return cls.from_json(json.dumps(obj))

    @classmethod
    def from_json(cls, json_str: Union[str, bytes]) -> Self:
        value = json.loads(json_str)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(
                "No match found when deserializing the JSON string into ValidationErrorLocInner"
                f" with anyOf schemas: int, str. Got: {value!r}"
            )
        return cls(actual_instance=value)

    def to_json(self) -> str:
        return json.dumps(self.actual_instance)

    def to_dict(self) -> Union[str, int, None]:
        return self.actual_instance

    def to_str(self) -> str:
        return repr(self.actual_instance)
