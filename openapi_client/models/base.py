"""What every model shares: the generated client's conversion methods.

`to_dict()` follows the generated rules: unset optional fields are left out,
and so is ``None``, except in a nullable field that was set, if only to
``None``. `from_dict` sets every field, as generated clients do, so
``from_dict(...).to_dict()`` has every nullable field, ``None`` where the input
had none. Fields the API adds after this SDK was written are kept, readable
as attributes and present in `to_dict()`.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Dict, FrozenSet, Optional, Union

from pydantic import BaseModel, ConfigDict
from typing_extensions import Self


class ApiModel(BaseModel):
    """Base of the API's models (pydantic v2, strict field types)."""

    model_config = ConfigDict(
        populate_by_name=True,
        validate_assignment=True,
        protected_namespaces=(),
        extra="allow",
    )

    #: Fields whose explicit ``None`` `to_dict()` keeps.
    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset()

    def to_str(self) -> str:
        """The model as a pretty-printed dict."""
        import pprint

        return pprint.pformat(self.model_dump(by_alias=True))

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, json_str: Union[str, bytes]) -> Optional[Self]:
        return cls.from_dict(json.loads(json_str))

    def to_dict(self) -> Dict[str, Any]:
        """The model as the API's JSON object, with the generated client's null rules.

        Nested models convert through their own `to_dict`, so that fields the
        API added to them survive too, null ones included.
        """
        result: Dict[str, Any] = {}
        fields_set = self.model_fields_set
        values = self.__dict__  # also right for a model_construct() missing a field
        for name, info in type(self).model_fields.items():
            value = values.get(name)
            if value is None:
                if name in self._nullable_fields and name in fields_set:
                    result[info.alias or name] = None
            else:
                result[info.alias or name] = _plain(value)
        extra = self.__pydantic_extra__
        if extra:
            result.update(extra)
        return result

    @classmethod
    def from_dict(cls, obj: Optional[Dict[str, Any]]) -> Optional[Self]:
        """The model from a dict (or a model instance); ``None`` gives ``None``.

        Every field counts as set, nested models' too, as in generated clients.
        """
        if obj is None:
            return None
        if isinstance(obj, BaseModel):
            obj = obj.model_dump(by_alias=True)
        model = cls.model_validate(obj)
        _set_every_field(model)
        return model


def _set_every_field(value: Any) -> None:
    if isinstance(value, ApiModel):
        value.__pydantic_fields_set__.update(type(value).model_fields)
        for name in type(value).model_fields:
            _set_every_field(value.__dict__.get(name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            _set_every_field(item)
    elif isinstance(value, dict):
        for item in value.values():
            _set_every_field(item)


def _plain(value: Any) -> Any:
    """A field's value as JSON-ready data."""
    if isinstance(value, ApiModel):
        return value.to_dict()
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value

