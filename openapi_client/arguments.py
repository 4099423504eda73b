"""The checks of an operation's arguments, all made before anything is sent.

Each raises a `pydantic.ValidationError` that names the operation and the
argument, as a generated client's validated call does, so that a bad value
never costs a request (nor, for a create, one of the 10 a minute).
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Dict, List, Optional, Tuple, Union

import pydantic
from pydantic_core import PydanticCustomError

from openapi_client import models

def argument_error(
    operation: str, argument: str, value: Any, error_type: Union[str, PydanticCustomError], **ctx: Any
) -> pydantic.ValidationError:
    """The `pydantic.ValidationError` for a bad argument of `operation`."""
    detail: Dict[str, Any] = {"type": error_type, "loc": (argument,), "input": value}
    if ctx:
        detail["ctx"] = ctx
    return pydantic.ValidationError.from_exception_data(operation, [detail])  # type: ignore[list-item]


def check_int(operation: str, argument: str, value: Any) -> None:
    """A strict int, as the generated client wants: no bool, float or numeric string."""
    if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
        raise argument_error(operation, argument, value, "int_type")


def check_query_int(
    operation: str, argument: str, value: Any, minimum: Optional[int] = None, maximum: Optional[int] = None
) -> None:
    """An optional strict int within the contract's bounds; None is not sent."""
    if value is None:
        return
    check_int(operation, argument, value)
    if minimum is not None and value < minimum:
        raise argument_error(operation, argument, value, "greater_than_equal", ge=minimum)
    if maximum is not None and value > maximum:
        raise argument_error(operation, argument, value, "less_than_equal", le=maximum)


#: The most items a paged operation gives per request: its `limit` at most.
MAX_PAGE_SIZE = 100


def check_page(operation: str, skip: Any, limit: Any) -> None:
    """The paging parameters every list operation takes: ``skip >= 0``, ``1 <= limit <= MAX_PAGE_SIZE``."""
    check_query_int(operation, "skip", skip, 0)
    check_query_int(operation, "limit", limit, 1, MAX_PAGE_SIZE)


def check_bool(operation: str, argument: str, value: Any) -> None:
    """An optional strict bool; None is not sent."""
    if value is not None and type(value) is not bool:
        raise argument_error(operation, argument, value, "bool_type")


def check_enum_or_str(operation: str, argument: str, value: Any, enum_name: str) -> None:
    """An optional member of a string enum, or a plain str (for values newer than the SDK)."""
    if value is not None and not isinstance(value, str) and not (isinstance(value, Enum) and isinstance(value.value, str)):
        raise argument_error(
            operation, argument, value,
            PydanticCustomError("enum_or_str", "Input should be a {enum} or a str", {"enum": enum_name}),
        )


def query_params(**values: Any) -> List[Tuple[str, Any]]:
    """The query parameters that were given, in order: one left at None is not sent."""
    return [(name, value) for name, value in values.items() if value is not None]


def check_body(operation: str, argument: str, model_name: str, body: Any) -> Any:
    """`body` as the model `model_name`: the model itself, or a dict it validates.

    Errors name the argument and the field, as ``create_agent_run_input.prompt``.
    """
    model = models.model_type(model_name)
    if isinstance(body, model):
        return body
    if isinstance(body, dict):
        try:
            return model.model_validate(body)
        except pydantic.ValidationError as error:
            details = [
                {
                    "type": e["type"], "loc": (argument, *e["loc"]), "input": e["input"],
                    **({"ctx": e["ctx"]} if "ctx" in e else {}),
                }
                for e in error.errors()
            ]
            raise pydantic.ValidationError.from_exception_data(operation, details) from None  # type: ignore[arg-type]
    raise argument_error(operation, argument, body, "model_type", class_name=model_name)
