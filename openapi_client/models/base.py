"""What every model shares: the generated client's conversion methods.

`to_dict()` follows the generated rules: ``None`` is left out, except in a
nullable field that was set, if only to ``None``; unset fields are left out.
What counts as set also follows the generated client: `from_dict` passes
every field, nested models' too, so ``from_dict(d).to_dict()`` has every
nullable field, ``None`` where `d` had none. A model built directly, or by
`model_validate` (as the API methods check a dict body and decode an
answer), has only the fields it was given. Fields the API adds after this
SDK was written are kept, readable as attributes and present in `to_dict()`.
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

        From a dict, every field counts as set, nested models' too, as in
        generated clients; a model instance comes back as it is.
        """
        if obj is None:
            return None
        model = cls.model_validate(obj)
        _set_every_field(model, obj)
        return model


def _set_every_field(value: Any, source: Any) -> None:
    """Mark as set every field of the models `value` built from the dicts in `source`.

    A generated `from_dict` passes each field; a model instance inside
    `source` is kept as it is, as there, and is not changed.
    """
    if isinstance(value, ApiModel) and isinstance(source, dict):
        fields = type(value).model_fields
        value.__pydantic_fields_set__.update(fields)
        for name, info in fields.items():
            key = info.alias or name
            _set_every_field(value.__dict__.get(name), source.get(key, source.get(name)))
    elif isinstance(value, list) and isinstance(source, (list, tuple)):
        for item, given in zip(value, source):
            _set_every_field(item, given)
    elif isinstance(value, dict) and isinstance(source, dict):
        for key, item in value.items():
            _set_every_field(item, source.get(key))


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

