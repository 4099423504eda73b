"""Every error the SDK raises.

`OpenApiException` is the root. Bad arguments raise `ApiTypeError` /
`ApiValueError` (or pydantic's `ValidationError`) before anything is sent;
everything that goes wrong on the wire raises an `ApiException`, so
``except ApiException`` catches every failure of a call.
"""

from __future__ import annotations

import datetime
import json
import math
import time
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Sequence, Union
from urllib.parse import urlsplit

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.models.agent_run_response import AgentRunResponse

PathItem = Union[str, int]

#: The Codegen Developer API.
CODEGEN_API_URL = "https://api.codegen.com"

#: How many bytes of a response body an error message quotes.
BODY_EXCERPT_BYTES = 500

#: How many characters of the server's message `ApiException.message` keeps.
MESSAGE_CHARS = 300

#: How many of a 422's problems `ApiException.message` names.
MESSAGE_PROBLEMS = 3

#: Bodies longer than this are not searched for a message (it would not be a short one).
_MESSAGE_BODY_LIMIT = 65536

#: Said of a request that reached the server and was not retried because
#: sending it again could start a second agent run.
MAY_HAVE_ACTED_NOTE = (
    "The request reached the server, which may have acted on it: the agent run may"
    " have been created. It was not retried; check your organisation's recent agent"
    " runs (https://app.codegen.com) before creating it again."
)
#: The operations that start an agent run, for which `MAY_HAVE_ACTED_NOTE` is said.
STARTS_A_RUN = frozenset({"create_agent_run", "generate_setup_commands", "analyze_sandbox_logs"})
#: Said instead for the other operations that are not safe to repeat.
MAY_HAVE_ACTED_OTHER_NOTE = (
    "The request reached the server, which may have acted on it. It was not retried,"
    " since sending it twice may not be safe; check its effect before sending it again."
)


def may_have_acted_note(operation: Optional[str]) -> str:
    """What to tell about a request that may have been acted on: a run may exist, unless `operation` starts none."""
    return MAY_HAVE_ACTED_OTHER_NOTE if operation is not None and operation not in STARTS_A_RUN else MAY_HAVE_ACTED_NOTE


def api_message(body: Optional[str]) -> Optional[str]:
    """The server's own words in an error body, on one line: ``message``, else ``detail``.

    A FastAPI 422 ``detail`` (a list of problems) is summarised as
    ``body.prompt: Field required``. None when the body says nothing readable.
    """
    if not body or len(body) > _MESSAGE_BODY_LIMIT or not body.lstrip().startswith("{"):
        return None
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: a body nested thousands deep
        return None
    if not isinstance(parsed, dict):
        return None
    text = parsed.get("message")
    if not isinstance(text, str) or not text.strip():
        detail = parsed.get("detail")
        text = detail if isinstance(detail, str) else _problems(detail) if isinstance(detail, list) else None
    if text is None or not text.strip():
        return None
    from openapi_client.display import printable

    text = printable(" ".join(text.split()))
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 3] + "..."


def _problems(detail: Sequence[Any]) -> Optional[str]:
    """``loc: msg`` of the first problems of a FastAPI validation error."""
    named = []
    for item in detail[:MESSAGE_PROBLEMS]:
        msg = item.get("msg") if isinstance(item, dict) else item
        if not isinstance(msg, str):
            continue
        loc = item.get("loc") if isinstance(item, dict) else None
        where = ".".join(str(part) for part in loc) if isinstance(loc, list) else ""
        named.append(f"{where}: {msg}" if where else msg)
    if not named:
        return None
    more = len(detail) - MESSAGE_PROBLEMS
    return "; ".join(named) + (f" (and {more} more)" if more > 0 else "")


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date).

    ``None`` when there is no header or it cannot be read; a date in the past
    is 0. HTTP-dates are GMT, also in the obsolete forms without a zone.
    """
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:  # pragma: no cover - Python < 3.10 returns None for junk
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def render_path(path_to_item: Optional[Sequence[PathItem]]) -> str:
    """Render ``["detail", 0, "loc"]`` as ``['detail'][0]['loc']``."""
    return "".join(f"[{p}]" if isinstance(p, int) else f"['{p}']" for p in path_to_item or ())


class OpenApiException(Exception):
    """The base of every exception raised by this SDK."""


class _PathError(OpenApiException):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[PathItem]] = None) -> None:
        self.path_to_item = path_to_item
        full_msg = f"{msg} at {render_path(path_to_item)}" if path_to_item else msg
        super().__init__(full_msg)


class ApiTypeError(_PathError, TypeError):
    """A value of the wrong type was given to the SDK."""

    def __init__(
        self,
        msg: str,
        path_to_item: Optional[Sequence[PathItem]] = None,
        valid_classes: Optional[Sequence[type]] = None,
        key_type: Optional[bool] = None,
    ) -> None:
        self.valid_classes = valid_classes
        self.key_type = key_type
        super().__init__(msg, path_to_item)


class ApiValueError(_PathError, ValueError):
    """A value of the right type but an unusable content was given to the SDK."""


class ApiAttributeError(_PathError, AttributeError):
    """An attribute that does not exist was read or set."""


class ApiKeyError(_PathError, KeyError):
    """A key that does not exist was looked up."""


class ApiException(OpenApiException):
    """The server answered with an error, or could not be reached.

    `status`, `reason`, `body` (text), `data` (the parsed error model, when
    the contract declares one) and `headers` describe the response;
    `message` is the server's own explanation (see `api_message`), or None;
    `attempts` counts the requests made, retries included, and
    `may_have_acted` says that a request which is not safe to repeat
    reached a server that may have acted on it; `operation` names the SDK
    operation, where the transport knew it.
    """

    def __init__(
        self,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        http_resp: Any = None,
        *,
        body: Optional[str] = None,
        data: Any = None,
    ) -> None:
        self.status = status
        self.reason = reason
        self.body = body
        self.data = data
        self.headers: Optional[Mapping[str, str]] = None
        self.attempts = 1
        self.may_have_acted = False
        self.operation: Optional[str] = None
        if http_resp is not None:
            if self.status is None:
                self.status = http_resp.status
            if self.reason is None:
                self.reason = http_resp.reason
            if self.body is None:
                data = http_resp.data
                if data is None and callable(getattr(http_resp, "read", None)):
                    data = http_resp.read()  # a RESTResponse not read yet
                self.body = _decode(data)
            self.headers = http_resp.getheaders()
            # Set by the transport on error responses (RESTResponse slots).
            self.attempts = getattr(http_resp, "attempts", 1)
            self.may_have_acted = getattr(http_resp, "may_have_acted", False)
            self.operation = getattr(http_resp, "operation", None)
        self.message: Optional[str] = api_message(self.body)
        super().__init__(self.status, self.reason)

    @classmethod
    def from_response(cls, *, http_resp: Any, body: Optional[str], data: Any) -> ApiException:
        """Raise the exception of the subclass that matches the status.

        It raises rather than returns, as in generated clients, so that both
        ``ApiException.from_response(...)`` and ``raise ApiException.from_response(...)``
        raise the subclass.
        """
        raise error_for_response(http_resp, body, data)

    def _first_line(self) -> str:
        """The first line of `str(e)`: ``(401) Unauthorized: Invalid API token.``"""
        said = ": ".join(part for part in (self.reason, self.message) if part)
        return f"({self.status}) {said}" if said else f"({self.status})"

    def __str__(self) -> str:
        # The generated client's lines follow the headline, for code that reads them.
        text = f"{self._first_line()}\nReason: {self.reason}\n"
        if self.headers:
            text += f"HTTP response headers: {dict(self.headers)}\n"
        if self.data is not None or self.body:
            text += f"HTTP response body: {self.body if self.data is None else self.data}\n"
        if self.attempts > 1:
            text += f"Attempts: {self.attempts}\n"
        if self.may_have_acted:
            text += may_have_acted_note(self.operation) + "\n"
        return text


def error_for_response(http_resp: Any, body: Optional[str], data: Any) -> ApiException:
    """The exception of the `ApiException` subclass that matches the response's status."""
    status = http_resp.status
    exc_class = _BY_STATUS.get(status)
    if exc_class is None:
        exc_class = ServiceException if 500 <= status <= 599 else ApiException
    return exc_class(http_resp=http_resp, body=body, data=data)


class BadRequestException(ApiException):
    """400."""


class UnauthorizedException(ApiException):
    """401: the token is missing or unknown."""


class PaymentRequiredException(ApiException):
    """402: the organisation's agent-run limit for its billing plan is reached.

    `.data` is the `AgentRunLimitReachedErrorResponse` when the body fits it.
    """


class ForbiddenException(ApiException):
    """403: the token's user is not a member of the organisation."""


class NotFoundException(ApiException):
    """404: no such agent run in that organisation."""


class ConflictException(ApiException):
    """409."""


class UnprocessableEntityException(ApiException):
    """422: the server rejected the request; `.data` is the `HTTPValidationError`."""


class TooManyRequestsException(ApiException):
    """429: rate limited. `retry_after` is the server's wait in seconds, if it gave one."""

    def __init__(
        self,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        http_resp: Any = None,
        *,
        body: Optional[str] = None,
        data: Any = None,
    ) -> None:
        super().__init__(status, reason, http_resp, body=body, data=data)
        self.retry_after: Optional[float] = parse_retry_after(
            (self.headers or {}).get("Retry-After")
        )


class ServiceException(ApiException):
    """5xx: the server failed."""


_BY_STATUS: dict[int, type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    402: PaymentRequiredException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    422: UnprocessableEntityException,
    429: TooManyRequestsException,
}


class ApiTransportError(ApiException):
    """No usable HTTP response: status is 0 and the message says what was tried.

    `method`, `url` (without query or user info), `host`, `operation` and
    `attempts` say what was tried; `may_have_acted` that it was not retried
    because the server may have acted on it.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        url: str,
        attempts: int,
        operation: Optional[str] = None,
        may_have_acted: bool = False,
    ) -> None:
        super().__init__(status=0, reason=message)
        self.method = method
        self.url = url
        self.attempts = attempts
        self.operation = operation
        self.may_have_acted = may_have_acted

    @property
    def host(self) -> str:
        """``host:port`` of the server the request went to."""
        return urlsplit(self.url).netloc

    def __str__(self) -> str:
        what = f"{self.operation} ({self.method} {self.url})" if self.operation else f"{self.method} {self.url}"
        tries = "1 attempt" if self.attempts == 1 else f"{self.attempts} attempts"
        text = f"{what} failed after {tries}: {self.reason}"
        if self.may_have_acted:
            text += ". " + may_have_acted_note(self.operation)
        if _is_default_host(self.url):
            text += (
                f". http://localhost is the default host of Configuration(), kept from the generated"
                f' client; for the Codegen API set Configuration(host="{CODEGEN_API_URL}", access_token=...)'
            )
        return text


class ApiConnectionError(ApiTransportError):
    """The connection failed or broke before a complete response arrived."""


class ApiTimeoutError(ApiTransportError):
    """Connecting or waiting for the response took longer than the timeout."""


class ApiRedirectError(ApiTransportError):
    """The server redirected too often, or to a URL the SDK will not follow."""


class ResponseDecodeError(ApiException):
    """A 2xx response whose body is not JSON or does not fit the declared model.

    `expected` names what the body should have been, `problem` what did not
    fit; `status` and `body` are the response's.
    """

    def __init__(self, *, http_resp: Any, expected: str, problem: str) -> None:
        super().__init__(http_resp=http_resp)
        self.expected = expected
        self.problem = problem

    def _headline(self) -> str:
        return f"the response body is not a valid {self.expected}: {self.problem}"

    def __str__(self) -> str:
        raw = self.body or ""
        excerpt = raw[:BODY_EXCERPT_BYTES] + ("..." if len(raw) > BODY_EXCERPT_BYTES else "")
        return f"({self.status}) {self._headline()}\nBody starts with: {excerpt!r}"


class ResponseTooLargeError(ResponseDecodeError):
    """A body over `Configuration.max_response_bytes`: only its first bytes were read.

    `limit` is the setting, `size` the declared ``Content-Length`` (None when
    the server did not say).
    """

    def __init__(self, *, http_resp: Any, limit: int, size: Optional[int]) -> None:
        self.limit = limit
        self.size = size
        super().__init__(
            http_resp=http_resp,
            expected=f"response of at most {limit} bytes",
            problem="body too large" if size is None else f"body of {size} bytes",
        )

    def _headline(self) -> str:
        size = "" if self.size is None else f" ({self.size} bytes)"
        return (
            f"the response body{size} is larger than Configuration.max_response_bytes"
            f" ({self.limit}) and was not read; raise that setting if such answers are expected"
        )


class AgentRunTimeoutError(OpenApiException, TimeoutError):
    """Waiting for an agent run took longer than the timeout; the run itself goes on.

    `run` is the last state seen. A wait on several runs sets `runs` to the
    last state of each (by id), and `run` to the first one still open.
    """

    def __init__(
        self, run: AgentRunResponse, timeout: float, runs: Optional[Dict[int, AgentRunResponse]] = None
    ) -> None:
        self.run = run
        self.timeout = timeout
        self.runs: Dict[int, AgentRunResponse] = {run.id: run} if runs is None else dict(runs)
        where = f" ({run.web_url})" if run.web_url else ""
        others = ""
        if runs is not None:
            still = sum(1 for each in runs.values() if not _ends_wait(each.status))
            others = f" ({still} of {len(runs)} runs not finished)" if still > 1 else ""
        super().__init__(
            f"agent run {run.id} is still {run.status or 'without a status'} after {timeout:g} s{others};"
            f" it goes on running{where}"
        )


def _ends_wait(status: Optional[str]) -> bool:
    from openapi_client import run_status

    return run_status.ends_wait(status)


def _is_default_host(url: str) -> bool:
    """Whether `url` goes to ``http://localhost``, what `Configuration()` uses when given no host."""
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.netloc == "localhost"


def _decode(data: Optional[bytes]) -> Optional[str]:
    if data is None:
        return None
    return data.decode("utf-8", errors="replace")


class CheckoutError(OpenApiException):
    """`checkout_pull_request` refused or git failed; the message is one line saying why and what to do.

    When it refuses, nothing in the repository was changed.
    """
