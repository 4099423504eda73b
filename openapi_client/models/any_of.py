"""What the ``anyOf`` wrappers share: one value, in `actual_instance`, that is one of a few JSON types."""

from __future__ import annotations

import json
from typing import Any, ClassVar, Generic, Optional, Set, Tuple, Type, TypeVar, Union

from pydantic import BaseModel, ConfigDict, model_serializer
from typing_extensions import Self

ValueT = TypeVar("ValueT")


class AnyOfModel(BaseModel, Generic[ValueT]):
    """A wrapper in the generated client's shape: ``Wrapper(value)`` or ``Wrapper(actual_instance=value)``.

    It serialises as the bare value, so a model holding it dumps plain JSON.
    """

    model_config = ConfigDict(validate_assignment=True, protected_namespaces=())

    actual_instance: Optional[ValueT] = None
    #: The schema names, as the generated client lists them.
    any_of_schemas: ClassVar[Set[str]] = set()
    #: The Python types a decoded JSON value must have (``bool`` never counts as ``int``).
    _json_types: ClassVar[Tuple[Type[Any], ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) > 1 or kwargs:
                raise ValueError(f"give {type(self).__name__} one positional value, or actual_instance=")
            kwargs = {"actual_instance": args[0]}
        super().__init__(**kwargs)

    @classmethod
    def actual_instance_must_validate_anyof(cls, value: Any) -> Any:
        """The value if it is of one of the schemas (None: not set yet); `ValueError` naming them otherwise.

        The generated check, kept for callers; pydantic's strict union already refuses other values.
        """
        if value is None or (not isinstance(value, bool) and isinstance(value, cls._json_types)):
            return value
        raise ValueError(
            f"No match found when setting the actual object in {cls.__name__}"
            f" with anyOf schemas: {', '.join(sorted(cls.any_of_schemas))}. Got: {value!r}"
        )

    @model_serializer
    def _serialize(self) -> Optional[ValueT]:
        return self.actual_instance

    @classmethod
    def from_dict(cls, obj: Any) -> Self:
        return cls.from_json(json.dumps(obj))

    @classmethod
    def from_json(cls, json_str: Union[str, bytes]) -> Self:
        """The wrapper of a JSON value of one of the schemas; `ValueError` names the schemas otherwise."""
        value = json.loads(json_str)
        if isinstance(value, bool) or not isinstance(value, cls._json_types):
            raise ValueError(
                f"No match found when deserializing the JSON string into {cls.__name__}"
                f" with anyOf schemas: {', '.join(sorted(cls.any_of_schemas))}. Got: {value!r}"
            )
        return cls(actual_instance=value)

    def to_json(self) -> str:
        return json.dumps(self.actual_instance)

    def to_dict(self) -> Optional[ValueT]:
        return self.actual_instance

    def to_str(self) -> str:
        import pprint

        return pprint.pformat(self.actual_instance)
