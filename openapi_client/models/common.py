"""Shapes several schemas share: a run's core fields, the page envelope, the error body, a prompt."""

from __future__ import annotations

from typing import Any, ClassVar, FrozenSet, Generic, List, Optional, TypeVar

from pydantic import AfterValidator, StrictInt, StrictStr, model_validator
from typing_extensions import Annotated

from openapi_client.models.base import ApiModel

ItemT = TypeVar("ItemT")


def refuse_blank(text: str) -> str:
    """`text` unchanged, or a `ValueError` if it holds nothing but white space.

    An empty prompt would still create a run (and spend one of the 10 creates a
    minute), so it is refused before anything is sent.
    """
    if not text.strip():
        raise ValueError("is empty or blank: say what the agent should do")
    return text


#: A prompt for an agent: a string with something in it (any input that carries a prompt uses it).
Prompt = Annotated[StrictStr, AfterValidator(refuse_blank)]


class RunFields(ApiModel):
    """The fields every agent-run schema starts with."""

    id: StrictInt
    organization_id: StrictInt
    status: Optional[StrictStr] = None
    created_at: Optional[StrictStr] = None
    web_url: Optional[StrictStr] = None
    result: Optional[StrictStr] = None


class Page(ApiModel, Generic[ItemT]):
    """One page of a listing: `items`, and where it sits (`page` of `pages`, `size` each, `total` in all)."""

    items: List[ItemT]
    total: StrictInt
    page: StrictInt
    size: StrictInt
    pages: StrictInt


class NullMeansDefault(ApiModel):
    """A model whose fields with a default take that default when the API sends ``null``.

    The contract gives these fields a default but no ``null``; generated
    clients read a ``null`` as the default too, rather than refusing the body.
    """

    #: The fields that fall back to their default on ``null``.
    _defaulted: ClassVar[FrozenSet[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _drop_nulls_of_defaulted_fields(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(data.get(name, 0) is None for name in cls._defaulted):
            return {key: value for key, value in data.items() if not (value is None and key in cls._defaulted)}
        return data


class ErrorBody(NullMeansDefault):
    """The JSON body of an API error: a `message` and the HTTP `status_code`; each schema sets its defaults."""

    message: StrictStr
    status_code: StrictInt

    _defaulted: ClassVar[FrozenSet[str]] = frozenset({"message", "status_code"})
