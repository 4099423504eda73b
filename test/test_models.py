"""The models (round trips, strictness, the to_dict null rules, unknown fields) and the exceptions module."""

from __future__ import annotations

import json
from typing import Any, Dict

import pydantic
import pytest

from openapi_client import (
    AgentRunResponse,
    AgentsApi,
    ApiAttributeError,
    ApiException,
    ApiKeyError,
    ApiTypeError,
    ApiValueError,
    Configuration,
    CreateAgentRunInput,
    GithubPullRequestResponse,
    HTTPValidationError,
    Observation,
    OpenApiException,
    ValidationError,
    ValidationErrorLocInner,
)
from openapi_client import exceptions
from openapi_client.exceptions import render_path
from openapi_client.rest import RESTClientObject
from openapi_client.testing import AgentApiEmulator, Fault
from test.model_examples import EXAMPLES as LIVE_EXAMPLES

FULL_RUN: Dict[str, Any] = {
    "id": 10001,
    "organization_id": 1,
    "status": "COMPLETE",
    "created_at": "2024-01-15T10:30:00Z",
    "web_url": "https://app.codegen.com/agent/trace/10001",
    "result": "Done.",
}
VALIDATION_BODY: Dict[str, Any] = {
    "detail": [
        {"loc": ["path", "org_id"], "msg": "Input should be a valid integer", "type": "int_parsing"},
        {"loc": ["body", 0], "msg": "JSON decode error", "type": "json_invalid"},
    ]
}

EXAMPLES = [
    (AgentRunResponse, FULL_RUN),
    (AgentRunResponse, {"id": 1, "organization_id": 2}),
    (CreateAgentRunInput, {"prompt": "Fix the bug"}),
    (HTTPValidationError, VALIDATION_BODY),
    (HTTPValidationError, {}),
    (ValidationError, {"loc": ["body", "prompt"], "msg": "Field required", "type": "missing"}),
]


# -- round trips -----------------------------------------------------------------------


@pytest.mark.parametrize("model, data", EXAMPLES + LIVE_EXAMPLES)
def test_round_trips(model: Any, data: Dict[str, Any]) -> None:
    instance = model.from_dict(data)
    assert isinstance(instance, model)
    # from_dict sets every field, as generated: what `data` lacks comes back only as a nullable None.
    full = instance.to_dict()
    assert {key: value for key, value in full.items() if key in data} == data
    assert all(full[key] is None and key in model._nullable_fields for key in full.keys() - data.keys())
    # Decoded as the API methods decode an answer, it gives back exactly what it was given.
    assert model.model_validate_json(json.dumps(data)) == instance
    assert model.model_validate_json(json.dumps(data)).to_dict() == data
    assert json.loads(instance.to_json()) == full
    again = model.from_json(instance.to_json())
    assert again == instance
    assert again.to_dict() == full
    assert model.from_json(json.dumps(data).encode()) == instance
    text = instance.to_str()
    assert isinstance(text, str)
    for key in data:
        assert repr(key) in text


@pytest.mark.parametrize("model", [AgentRunResponse, CreateAgentRunInput, HTTPValidationError, ValidationError])
def test_from_dict_of_none_is_none(model: Any) -> None:
    assert model.from_dict(None) is None
    assert model.from_json("null") is None


def test_attribute_access() -> None:
    run = AgentRunResponse.from_dict(FULL_RUN)
    assert run is not None
    assert (run.id, run.organization_id, run.status, run.result) == (10001, 1, "COMPLETE", "Done.")
    assert run.web_url == "https://app.codegen.com/agent/trace/10001"
    assert run.created_at == "2024-01-15T10:30:00Z"


def test_from_dict_accepts_a_model() -> None:
    # As in a generated client, the model itself comes back, with only the fields it had.
    run = AgentRunResponse(id=1, organization_id=2)
    assert AgentRunResponse.from_dict(run) is run  # type: ignore[arg-type]
    assert run.to_dict() == {"id": 1, "organization_id": 2}


def test_from_dict_leaves_a_nested_model_it_was_given_as_it_is() -> None:
    pr = GithubPullRequestResponse(id=3, created_at="c")
    run = AgentRunResponse.from_dict({"id": 1, "organization_id": 2, "github_pull_requests": [pr]})
    assert run is not None and run.github_pull_requests == [pr]
    assert run.to_dict()["github_pull_requests"] == [{"id": 3, "created_at": "c"}]
    assert pr.to_dict() == {"id": 3, "created_at": "c"}


def test_a_server_answer_round_trips(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    response = agents_api.create_agent_run_with_http_info(emulator.org_id, {"prompt": "p"})
    assert response.data.to_dict() == json.loads(response.raw_data)


# -- strictness -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"id": "5", "organization_id": 1},
        {"id": 5, "organization_id": "1"},
        {"id": 5.0, "organization_id": 1},
        {"id": True, "organization_id": 1},
        {"id": 5, "organization_id": 1, "status": 3},
        {"id": 5, "organization_id": 1, "web_url": b"https://x"},
        {"organization_id": 1},
        {"id": 5},
    ],
)
def test_agent_run_response_is_strict(data: Dict[str, Any]) -> None:
    with pytest.raises(pydantic.ValidationError):
        AgentRunResponse.from_dict(data)


@pytest.mark.parametrize("data", [{}, {"prompt": 5}, {"prompt": None}, {"prompt": ["a"]}])
def test_create_agent_run_input_is_strict(data: Dict[str, Any]) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        CreateAgentRunInput.from_dict(data)
    assert caught.value.errors()[0]["loc"] == ("prompt",)


@pytest.mark.parametrize(
    "data",
    [
        {"loc": ["body"], "msg": "m"},
        {"loc": ["body"], "msg": 1, "type": "t"},
        {"loc": "body", "msg": "m", "type": "t"},
        {"loc": [1.5], "msg": "m", "type": "t"},
    ],
)
def test_validation_error_is_strict(data: Dict[str, Any]) -> None:
    with pytest.raises((pydantic.ValidationError, ValueError)):
        ValidationError.from_dict(data)


def test_http_validation_error_is_strict() -> None:
    with pytest.raises(pydantic.ValidationError):
        HTTPValidationError.from_dict({"detail": "wrong"})


def test_assignment_is_validated() -> None:
    run = AgentRunResponse(id=1, organization_id=2)
    with pytest.raises(pydantic.ValidationError):
        run.id = "5"  # type: ignore[assignment]
    run.status = "ACTIVE"
    assert run.status == "ACTIVE"


def test_from_json_of_bad_json() -> None:
    with pytest.raises(ValueError):
        AgentRunResponse.from_json("{not json")


# -- the to_dict null rules ------------------------------------------------------------------

# What a generated client's `AgentRunResponse.from_dict({"id": 1, "organization_id": 2, ...}).to_dict()` gives
# when the input has no other values: every nullable field, as None.
ALL_NULL_RUN: Dict[str, Any] = {
    "id": 1,
    "organization_id": 2,
    "status": None,
    "created_at": None,
    "web_url": None,
    "result": None,
    "summary": None,
    "source_type": None,
    "github_pull_requests": None,
    "metadata": None,
}


def test_unset_optional_fields_are_left_out() -> None:
    assert AgentRunResponse(id=1, organization_id=2).to_dict() == {"id": 1, "organization_id": 2}
    assert AgentRunResponse.model_validate({"id": 1, "organization_id": 2}).to_dict() == {"id": 1, "organization_id": 2}
    assert HTTPValidationError().to_dict() == {}


def test_from_dict_sets_every_field_so_every_nullable_one_is_kept() -> None:
    parsed = AgentRunResponse.from_dict({"id": 1, "organization_id": 2})
    assert parsed is not None and parsed.to_dict() == ALL_NULL_RUN
    assert json.loads(parsed.to_json()) == ALL_NULL_RUN
    # A non-nullable field is still left out when None, as generated.
    assert HTTPValidationError.from_dict({}).to_dict() == {}  # type: ignore[union-attr]


@pytest.mark.parametrize("field", ["status", "created_at", "web_url", "result"])
def test_a_nullable_field_set_to_none_is_kept(field: str) -> None:
    run = AgentRunResponse(id=1, organization_id=2, **{field: None})
    assert run.to_dict() == {"id": 1, "organization_id": 2, field: None}
    assert json.loads(run.to_json()) == {"id": 1, "organization_id": 2, field: None}
    decoded = AgentRunResponse.model_validate_json(json.dumps({"id": 1, "organization_id": 2, field: None}))
    assert decoded.to_dict() == {"id": 1, "organization_id": 2, field: None}
    from_dict = AgentRunResponse.from_dict({"id": 1, "organization_id": 2, field: None})
    assert from_dict is not None and from_dict.to_dict() == ALL_NULL_RUN


def test_web_url_is_nullable_as_the_contract_says() -> None:
    assert "web_url" in AgentRunResponse._nullable_fields
    run = AgentRunResponse(id=1, organization_id=2, web_url=None)
    assert run.to_dict() == {"id": 1, "organization_id": 2, "web_url": None}
    parsed = AgentRunResponse.from_dict({"id": 1, "organization_id": 2, "web_url": None})
    assert parsed is not None and parsed.web_url is None and parsed.to_dict()["web_url"] is None


def test_a_nullable_field_set_after_construction_is_kept() -> None:
    run = AgentRunResponse(id=1, organization_id=2)
    run.result = None
    assert run.to_dict() == {"id": 1, "organization_id": 2, "result": None}


def test_http_validation_error_detail_none() -> None:
    # `detail` is optional but not nullable.
    assert HTTPValidationError(detail=None).to_dict() == {}


def test_the_pending_answer_of_the_api() -> None:
    answer = {
        "id": 7,
        "organization_id": 1,
        "status": "PENDING",
        "created_at": "2024-01-15T10:30:00Z",
        "web_url": "https://app.codegen.com/agent/trace/7",
        "result": None,
    }
    run = AgentRunResponse.from_dict(answer)
    assert run is not None and run.result is None
    assert run.to_dict() == {**answer, "summary": None, "source_type": None, "github_pull_requests": None, "metadata": None}
    assert AgentRunResponse.model_validate(answer).to_dict() == answer


# -- unknown fields -----------------------------------------------------------------------


def test_unknown_fields_are_kept() -> None:
    data = {**FULL_RUN, "summary": "Fixed it", "cost": {"usd": 0.4}, "reviewers": [{"id": 3}], "parent_run_id": None}
    run = AgentRunResponse.from_dict(data)
    assert run is not None
    assert run.summary == "Fixed it"
    assert run.reviewers == [{"id": 3}]  # type: ignore[attr-defined]
    assert run.parent_run_id is None  # type: ignore[attr-defined]
    # Kept beside the nullable fields from_dict adds; a generated client would drop them.
    full = {**data, "source_type": None, "github_pull_requests": None, "metadata": None}
    assert run.to_dict() == full
    assert json.loads(run.to_json()) == full
    assert AgentRunResponse.from_json(run.to_json()) == run
    assert AgentRunResponse.model_validate(data).to_dict() == data


def test_unknown_null_fields_in_nested_models_are_kept() -> None:
    body = {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]}
    parsed = HTTPValidationError.from_dict(body)
    assert parsed is not None and parsed.to_dict() == body


def test_unknown_fields_in_nested_models_are_kept() -> None:
    body = {"detail": [{"type": "missing", "loc": ["body", "prompt"], "msg": "Field required", "input": {}}]}
    parsed = HTTPValidationError.from_dict(body)
    assert parsed is not None and parsed.to_dict() == body
    assert parsed.detail is not None and parsed.detail[0].input == {}  # type: ignore[attr-defined]


# -- ValidationErrorLocInner: anyOf string | integer ------------------------------------------------


@pytest.mark.parametrize("value", ["body", "org_id", 0, 42])
def test_loc_inner_holds_its_value(value: Any) -> None:
    for inner in (ValidationErrorLocInner(value), ValidationErrorLocInner(actual_instance=value)):
        assert inner.actual_instance == value
        assert type(inner.actual_instance) is type(value)
        assert inner.to_dict() == value
        assert inner.to_json() == json.dumps(value)
        assert inner.to_str() == repr(value)
        assert ValidationErrorLocInner.from_json(json.dumps(value)) == inner
        assert ValidationErrorLocInner.from_dict(value) == inner  # type: ignore[arg-type]


def test_loc_inner_empty() -> None:
    inner = ValidationErrorLocInner()
    assert inner.actual_instance is None
    assert inner.to_dict() is None


@pytest.mark.parametrize("value", [1.5, True, None, [1], {"a": 1}])
def test_loc_inner_from_json_refuses_other_types(value: Any) -> None:
    with pytest.raises(ValueError, match="ValidationErrorLocInner"):
        ValidationErrorLocInner.from_json(json.dumps(value))


@pytest.mark.parametrize("value", [1.5, b"body", ["body"]])
def test_loc_inner_refuses_other_types(value: Any) -> None:
    with pytest.raises(pydantic.ValidationError):
        ValidationErrorLocInner(value)
    inner = ValidationErrorLocInner("body")
    with pytest.raises(pydantic.ValidationError):
        inner.actual_instance = value


@pytest.mark.parametrize("wrapper", [ValidationErrorLocInner, Observation])
def test_any_of_wrappers_take_one_value(wrapper: Any) -> None:
    with pytest.raises(ValueError, match=wrapper.__name__):
        wrapper("a", "b")
    with pytest.raises(ValueError, match=wrapper.__name__):
        wrapper("a", actual_instance="b")


def test_loc_inner_in_a_validation_error() -> None:
    error = ValidationError.from_dict({"loc": ["body", 0], "msg": "m", "type": "t"})
    assert error is not None
    assert all(isinstance(part, ValidationErrorLocInner) for part in error.loc)
    assert [part.actual_instance for part in error.loc] == ["body", 0]
    built = ValidationError(loc=[ValidationErrorLocInner("body"), 0], msg="m", type="t")  # type: ignore[list-item]
    assert built.to_dict() == {"loc": ["body", 0], "msg": "m", "type": "t"}


# -- exceptions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, rendered",
    [
        (["detail", 0, "loc"], "['detail'][0]['loc']"),
        (("received_data",), "['received_data']"),
        ([3], "[3]"),
        ([], ""),
        (None, ""),
    ],
)
def test_render_path(path: Any, rendered: str) -> None:
    assert render_path(path) == rendered


def test_api_type_error() -> None:
    error = ApiTypeError("Invalid type", path_to_item=["detail", 0], valid_classes=(str,), key_type=False)
    assert str(error) == "Invalid type at ['detail'][0]"
    assert error.path_to_item == ["detail", 0]
    assert error.valid_classes == (str,)
    assert error.key_type is False
    assert isinstance(error, TypeError) and isinstance(error, OpenApiException)
    assert str(ApiTypeError("plain")) == "plain"
    assert ApiTypeError("plain").path_to_item is None


@pytest.mark.parametrize("exc_type, builtin", [(ApiValueError, ValueError), (ApiAttributeError, AttributeError), (ApiKeyError, KeyError)])
def test_path_errors(exc_type: Any, builtin: type) -> None:
    error = exc_type("Bad thing", path_to_item=["a", 1])
    assert isinstance(error, builtin) and isinstance(error, OpenApiException)
    assert error.path_to_item == ["a", 1]
    assert "Bad thing at ['a'][1]" in str(error)
    plain = exc_type("Just this")
    assert plain.path_to_item is None
    assert "Just this" in str(plain)
    with pytest.raises(builtin):
        raise exc_type("raised")


def test_api_exception_from_arguments() -> None:
    data = HTTPValidationError(detail=[])
    error = ApiException(status=418, reason="I'm a teapot", body='{"x": 1}', data=data)
    assert (error.status, error.reason, error.body, error.data, error.headers) == (418, "I'm a teapot", '{"x": 1}', data, None)
    text = str(error)
    assert "(418)" in text and "I'm a teapot" in text
    assert "HTTP response body" in text
    empty = ApiException()
    assert (empty.status, empty.reason, empty.body, empty.data, empty.headers) == (None, None, None, None, None)
    assert "HTTP response body" not in str(empty)


def test_api_exception_from_a_response(emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(409, {"message": "busy", "status_code": 409}, {"X-Why": "conflict"}))
    response = RESTClientObject(Configuration(retries=0)).request("GET", f"{emulator.url}/anything")
    error = ApiException(http_resp=response)
    assert (error.status, error.reason) == (409, "Conflict")
    assert error.body == '{"message":"busy","status_code":409}'
    assert error.headers is not None and error.headers["X-Why"] == "conflict"
    assert "X-Why" in str(error) and "busy" in str(error)
    overridden = ApiException(status=500, reason="mine", http_resp=response, body="given")
    assert (overridden.status, overridden.reason, overridden.body) == (500, "mine", "given")
    # It raises the subclass, as in generated clients, with or without `raise` in front.
    with pytest.raises(exceptions.ConflictException) as raised:
        ApiException.from_response(http_resp=response, body="b", data=None)
    assert (raised.value.status, raised.value.body) == (409, "b")
    with pytest.raises(exceptions.ConflictException):
        raise ApiException.from_response(http_resp=response, body="b", data=None)


def test_too_many_requests_carries_retry_after(emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.rate_limited(retry_after=7))
    response = RESTClientObject(Configuration(retries=0)).request("GET", f"{emulator.url}/anything")
    with pytest.raises(exceptions.TooManyRequestsException) as raised:
        ApiException.from_response(http_resp=response, body=None, data=None)
    error = raised.value
    assert error.status == 429
    assert error.retry_after == 7.0
    assert exceptions.TooManyRequestsException().retry_after is None


def test_agent_run_timeout_error() -> None:
    run = AgentRunResponse(id=5, organization_id=1, status="ACTIVE", web_url="https://app.codegen.com/agent/trace/5")
    error = exceptions.AgentRunTimeoutError(run, 2.5)
    assert error.run is run and error.timeout == 2.5
    assert isinstance(error, TimeoutError) and isinstance(error, OpenApiException)
    assert "5" in str(error) and "ACTIVE" in str(error) and "2.5" in str(error) and run.web_url in str(error)
