"""A decoded response together with its HTTP status, headers and raw bytes."""

from __future__ import annotations

from typing import Generic, Mapping, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, SkipValidation, StrictBytes, StrictInt

T = TypeVar("T")


class ApiResponse(BaseModel, Generic[T]):
    """What the ``*_with_http_info`` methods return."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    status_code: StrictInt
    # Kept as given: urllib3's headers, whose lookup ignores case, would become a plain dict.
    headers: SkipValidation[Optional[Mapping[str, str]]] = None
    data: T
    raw_data: StrictBytes
