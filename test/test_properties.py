"""Property-based tests of the models and the decoder (hypothesis).

Any valid model survives ``from_dict(to_dict(m))``; any JSON value (or any
bytes) a server might send decodes to a model or raises the documented
exception - over a real socket, as users meet it.
"""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openapi_client import (
    AgentRunResponse,
    ApiAgentRunSourceType,
    AgentsApi,
    CreateAgentRunInput,
    HTTPValidationError,
    ResponseDecodeError,
    ValidationError,
)
from openapi_client.exceptions import UnprocessableEntityException
from openapi_client.testing import AgentApiEmulator, Fault

FAST_SETTINGS = settings(max_examples=200, deadline=None, database=None)
WIRE_SETTINGS = settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

RUN_FIELDS = ("id", "organization_id", "status", "created_at", "web_url", "result")
LIVE_RUN_FIELDS = ("summary", "source_type", "github_pull_requests", "metadata")
# Typed fields an unknown extra must not collide with.
KNOWN_FIELDS = RUN_FIELDS + LIVE_RUN_FIELDS + ("prompt", "images", "repo_id", "model", "agent_type")

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=15,
)
extra_fields = st.dictionaries(
    st.text(max_size=12).filter(lambda name: name not in KNOWN_FIELDS), json_values, max_size=4
)
optional_text = st.none() | st.text()


@st.composite
def run_dicts(draw: st.DrawFn) -> Dict[str, Any]:
    """A valid AgentRunResponse as JSON: required ids, any optional field present or not, unknown extras."""
    data: Dict[str, Any] = {"id": draw(st.integers()), "organization_id": draw(st.integers())}
    for name in ("status", "created_at", "web_url", "result", "summary"):
        if draw(st.booleans()):
            data[name] = draw(optional_text)
    if draw(st.booleans()):  # a listed source or any other string: both are kept
        data["source_type"] = draw(st.none() | st.sampled_from([s.value for s in ApiAgentRunSourceType]) | st.text())
    if draw(st.booleans()):
        data["metadata"] = draw(st.none() | st.dictionaries(st.text(max_size=10), json_values, max_size=4))
    data.update(draw(extra_fields))
    return data


@st.composite
def near_runs(draw: st.DrawFn) -> Dict[str, Any]:
    """Dicts shaped like a run whose known fields may hold any JSON value: valid or not."""
    data = {name: draw(json_values) for name in RUN_FIELDS + LIVE_RUN_FIELDS if draw(st.booleans())}
    data.update(draw(extra_fields))
    return data


locations = st.lists(st.text(max_size=10) | st.integers(min_value=0, max_value=10**6), min_size=1, max_size=4)
validation_errors = st.builds(
    lambda loc, msg, kind, extra: {"loc": loc, "msg": msg, "type": kind, **extra},
    locations, st.text(), st.text(max_size=20),
    st.dictionaries(st.text(max_size=8).filter(lambda n: n not in ("loc", "msg", "type")), json_values, max_size=3),
)


# -- the models round-trip ----------------------------------------------------------------


@FAST_SETTINGS
@given(run_dicts())
def test_any_valid_run_survives_from_dict_of_to_dict(data: Dict[str, Any]) -> None:
    run = AgentRunResponse.from_dict(data)
    assert run is not None
    again = AgentRunResponse.from_dict(run.to_dict())
    assert again == run and again.to_dict() == run.to_dict()
    # Nothing is lost; from_dict sets every field, so each optional one the data lacks comes back as None.
    assert run.to_dict() == {**{name: None for name in RUN_FIELDS + LIVE_RUN_FIELDS if name not in data}, **data}
    assert AgentRunResponse.model_validate(data).to_dict() == data
    assert AgentRunResponse.from_json(run.to_json()) == run


@FAST_SETTINGS
@given(st.text().filter(str.strip), extra_fields)  # a blank prompt is refused: not a valid input
def test_any_valid_create_input_survives_from_dict_of_to_dict(prompt: str, extra: Dict[str, Any]) -> None:
    body = CreateAgentRunInput.from_dict({"prompt": prompt, **extra})
    assert body is not None
    assert CreateAgentRunInput.from_dict(body.to_dict()) == body
    nulls = {"images": None, "metadata": None, "repo_id": None, "model": None, "agent_type": None}
    assert body.to_dict() == {"prompt": prompt, **nulls, **extra}
    assert CreateAgentRunInput.model_validate({"prompt": prompt, **extra}).to_dict() == {"prompt": prompt, **extra}


@FAST_SETTINGS
@given(st.lists(validation_errors, max_size=3))
def test_any_valid_validation_error_survives_from_dict_of_to_dict(detail: Any) -> None:
    parsed = HTTPValidationError.from_dict({"detail": detail})
    assert parsed is not None
    assert HTTPValidationError.from_dict(parsed.to_dict()) == parsed
    assert parsed.to_dict() == {"detail": detail}
    assert all(isinstance(item, ValidationError) for item in parsed.detail or [])


# -- the decoder, over the wire -----------------------------------------------------------


def decode(api: AgentsApi, emulator: AgentApiEmulator, body: bytes) -> Any:
    """What `get_agent_run` makes of a 200 answer with `body`: a run, or the exception it raised."""
    emulator.inject(Fault.body(body))
    try:
        return api.get_agent_run(1, 1)
    except ResponseDecodeError as error:
        return error


@WIRE_SETTINGS
@given(json_values | near_runs() | run_dicts())
def test_any_json_value_decodes_to_a_run_or_a_response_decode_error(
    agents_api: AgentsApi, emulator: AgentApiEmulator, value: Any
) -> None:
    body = json.dumps(value).encode()
    outcome = decode(agents_api, emulator, body)
    if isinstance(outcome, ResponseDecodeError):
        assert outcome.status == 200
        assert outcome.body == body.decode()
        assert outcome.problem
    else:
        assert isinstance(outcome, AgentRunResponse)
        assert isinstance(value, dict)
        assert (outcome.id, outcome.organization_id) == (value["id"], value["organization_id"])
        assert outcome.to_dict() == value  # decoded as given: unset fields left out, nulls kept


@WIRE_SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_decode_to_a_run_or_a_response_decode_error(
    agents_api: AgentsApi, emulator: AgentApiEmulator, body: bytes
) -> None:
    outcome = decode(agents_api, emulator, body)
    assert isinstance(outcome, (AgentRunResponse, ResponseDecodeError))


@WIRE_SETTINGS
@given(json_values | st.builds(lambda d: {"detail": d}, st.lists(validation_errors, max_size=2)))
def test_any_422_body_raises_unprocessable_entity(
    agents_api: AgentsApi, emulator: AgentApiEmulator, value: Any
) -> None:
    body = json.dumps(value).encode()
    emulator.inject(Fault.status(422, body))
    with pytest.raises(UnprocessableEntityException) as caught:
        agents_api.create_agent_run(1, {"prompt": "p"})
    assert caught.value.body == body.decode()
    data = caught.value.data
    assert data is None or isinstance(data, HTTPValidationError)
