"""Forward compatibility over real sockets: what the API adds later is kept, not dropped or refused.

The live API returns `summary`, `source_type`, `github_pull_requests` and
`metadata`, which the first contract did not list; they are typed fields now,
and whatever the API adds next is kept the same way they once were.
"""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from openapi_client import AgentRunResponse, AgentsApi, ApiAgentRunSourceType, HTTPValidationError
from openapi_client.exceptions import UnprocessableEntityException
from openapi_client.testing import AgentApiEmulator, Fault

LIVE_EXTRAS = ("summary", "source_type", "github_pull_requests", "metadata")


def test_fields_the_live_api_adds_are_readable_and_in_to_dict(
    agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    created = agents_api.create_agent_run(emulator.org_id, {"prompt": "Write the changelog"})
    done = agents_api.get_agent_run(created.id, emulator.org_id)
    done = agents_api.get_agent_run(created.id, emulator.org_id)
    assert done.status == "COMPLETE"
    assert done.summary == "Completed: Write the changelog"
    assert done.source_type is ApiAgentRunSourceType.API
    assert done.github_pull_requests == []
    assert done.metadata is None
    as_dict = done.to_dict()
    for name in LIVE_EXTRAS:
        assert name in as_dict
    assert as_dict["summary"] == "Completed: Write the changelog" and as_dict["metadata"] is None
    assert json.loads(done.to_json()) == as_dict
    assert AgentRunResponse.from_dict(as_dict) == done


def test_fields_added_in_the_future_survive_with_any_json_value(
    agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    future: Dict[str, Any] = {
        "id": 42,
        "organization_id": 1,
        "status": "COMPLETE",
        "cost": {"usd": 1.25, "tokens": {"in": 1200, "out": 300}},
        "labels": ["ci", None, 3],
        "priority": 2,
        "archived": False,
        "parent_run_id": None,
        "json": "a field named like a pydantic method",
        "model_config": {"odd": True},
    }
    emulator.inject(Fault.body(json.dumps(future).encode()))
    run = agents_api.get_agent_run(42, 1)
    assert run.cost == {"usd": 1.25, "tokens": {"in": 1200, "out": 300}}  # type: ignore[attr-defined]
    assert run.labels == ["ci", None, 3]  # type: ignore[attr-defined]
    assert run.model_extra is not None and run.model_extra["json"] == future["json"]
    assert run.to_dict() == future
    assert AgentRunResponse.from_json(run.to_json()) == run


@pytest.mark.parametrize("status", ["QUEUED", "PAUSED", "NEEDS_REVIEW", "completed", "failed", "STOPPED", ""])
def test_new_status_strings_are_accepted_as_they_are(
    agents_api: AgentsApi, emulator: AgentApiEmulator, status: str
) -> None:
    emulator.script_next_run(statuses=["PENDING", status])
    created = agents_api.create_agent_run(emulator.org_id, {"prompt": "p"})
    assert agents_api.get_agent_run(created.id, emulator.org_id).status == status


def test_a_whole_lifecycle_of_unknown_statuses(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.script_next_run(statuses=["QUEUED", "WARMING_UP", "THINKING", "DONE_WITH_WARNINGS"])
    created = agents_api.create_agent_run(emulator.org_id, {"prompt": "p"})
    seen = [created.status] + [agents_api.get_agent_run(created.id, emulator.org_id).status for _ in range(3)]
    assert seen == ["QUEUED", "WARMING_UP", "THINKING", "DONE_WITH_WARNINGS"]


def test_fields_may_be_missing_or_null(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(b'{"id": 5, "organization_id": 1}'))
    bare = agents_api.get_agent_run(5, 1)
    assert (bare.status, bare.result, bare.web_url) == (None, None, None)
    assert bare.to_dict() == {"id": 5, "organization_id": 1}
    nulls = {"id": 5, "organization_id": 1, "status": None, "created_at": None, "web_url": None, "result": None}
    emulator.inject(Fault.body(json.dumps(nulls).encode()))
    assert agents_api.get_agent_run(5, 1).to_dict() == nulls  # web_url too: nullable, as the contract says


def test_new_fields_in_a_422_body_are_kept(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    # What FastAPI with pydantic 2 sends: `input`, `ctx` and `url`, beyond the contract's loc/msg/type.
    body = {
        "detail": [
            {"type": "missing", "loc": ["body", "prompt"], "msg": "Field required", "input": None,
             "url": "https://errors.pydantic.dev/2/v/missing"},
            {"type": "string_too_long", "loc": ["body", "prompt", 0], "msg": "too long", "input": "x" * 3,
             "ctx": {"max_length": 2}},
        ],
        "request_id": "abc",
    }
    emulator.inject(Fault.status(422, body))
    with pytest.raises(UnprocessableEntityException) as caught:
        agents_api.create_agent_run(emulator.org_id, {"prompt": "p"})
    parsed = caught.value.data
    assert isinstance(parsed, HTTPValidationError)
    assert parsed.to_dict() == body
    assert parsed.detail is not None and parsed.detail[1].ctx == {"max_length": 2}  # type: ignore[attr-defined]
