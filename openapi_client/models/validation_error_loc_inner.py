"""One step of a `ValidationError` location: a name or an index."""

from __future__ import annotations

from typing import Any, ClassVar, Set, Tuple, Type, Union

from pydantic import StrictInt, StrictStr

from openapi_client.models.any_of import AnyOfModel


class ValidationErrorLocInner(AnyOfModel[Union[StrictStr, StrictInt]]):
    """``anyOf`` string | integer; the value is in `actual_instance`.

    ``ValidationErrorLocInner("body")`` and
    ``ValidationErrorLocInner(actual_instance=0)`` both work.
    """

    any_of_schemas: ClassVar[Set[str]] = {"int", "str"}
    _json_types: ClassVar[Tuple[Type[Any], ...]] = (str, int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # spelled out so type checkers allow the positional form
        super().__init__(*args, **kwargs)
