"""The body of a 422 answer."""

from __future__ import annotations

from typing import List, Optional

from openapi_client.models.base import ApiModel
from openapi_client.models.validation_error import ValidationError


class HTTPValidationError(ApiModel):
    """Why the server rejected a request: one `ValidationError` per problem."""

    detail: Optional[List[ValidationError]] = None
