"""A decoded response together with its HTTP status, headers and raw bytes."""

from __future__ import annotations

from typing import Generic, Mapping, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, StrictBytes, StrictInt

T = TypeVar("T")


class ApiResponse(BaseModel, Generic[T]):
    """What the ``*_with_http_info`` methods return."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    status_code: StrictInt
    headers: Optional[Mapping[str, str]] = None
    data: T
    raw_data: StrictBytes
