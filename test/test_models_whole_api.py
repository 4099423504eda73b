"""The models of the whole API: random valid bodies of every schema decode, and the generated validators.

The bodies are drawn from `openapi.json` itself by `contract_mock.Contract.sample`
(every optional field present or not, nulls where allowed, odd strings and
bounds), so a model that is stricter than the contract, or that loses part
of a body, fails here.
"""

from __future__ import annotations

import json
import random
from typing import Any, Dict, List

import pydantic
import pytest

import openapi_client
from openapi_client import (
    CheckSuiteSettingsRequest,
    CreateAgentRunInput,
    EditPRInput,
    GenerateTokenResponse,
    Observation,
    ValidationErrorLocInner,
)
from openapi_client import models
from test.contract_mock import Contract
from test.model_examples import SLACK_TOKEN

CONTRACT = Contract()
SCHEMAS: List[str] = sorted(CONTRACT.document["components"]["schemas"])
#: Enums are classes of their own, not models with fields.
MODEL_SCHEMAS = [name for name in SCHEMAS if "enum" not in CONTRACT.document["components"]["schemas"][name]]


def model_of(schema: str) -> Any:
    """The model of a schema: ``Page_UserResponse_`` is `PageUserResponse`, as generated."""
    return models.model_type(schema.replace("Page_", "Page").rstrip("_"))


def test_every_schema_of_the_contract_has_its_model() -> None:
    assert len(SCHEMAS) == 37
    names = {model_of(name).__name__ for name in SCHEMAS}
    assert names <= set(models.MODULES)
    # The two anyOf wrappers have no schema of their own in the contract.
    assert set(models.MODULES) - names == {"Observation", "ValidationErrorLocInner"}


@pytest.mark.parametrize("schema", MODEL_SCHEMAS)
def test_random_valid_bodies_decode_and_come_back_whole(schema: str) -> None:
    model = model_of(schema)
    rng = random.Random(schema)
    for _ in range(40):
        body = CONTRACT.sample({"$ref": f"urn:contract#/components/schemas/{schema}"}, rng)
        if isinstance(body.get("prompt"), str) and not body["prompt"].strip():
            body["prompt"] += "Fix it"  # the SDK refuses a blank prompt, which would waste a run
        body["field_added_later"] = {"nested": [1, "two", None]}  # the API may add fields; they are kept
        decoded = model.model_validate_json(json.dumps(body))
        assert decoded.to_dict() == body
        assert model.from_dict(body) == decoded
        assert decoded.field_added_later == {"nested": [1, "two", None]}


def test_the_samples_cover_nulls_and_absent_fields() -> None:
    """Guards the test above: the drawn bodies do leave fields out and do set them to null."""
    rng = random.Random(0)
    schema = {"$ref": "urn:contract#/components/schemas/EditPRResponse"}
    bodies = [CONTRACT.sample(schema, rng) for _ in range(50)]
    assert any("url" not in body for body in bodies)
    assert any(body.get("url", "") is None for body in bodies)
    assert any(isinstance(body.get("url"), str) for body in bodies)


# -- the generated validators ---------------------------------------------------------------


@pytest.mark.parametrize("state", ["open", "closed", "draft", "ready_for_review"])
def test_a_pr_state_the_api_knows_is_taken(state: str) -> None:
    assert EditPRInput(state=state).to_dict() == {"state": state}  # type: ignore[arg-type]
    assert EditPRInput.state_validate_enum(state) == state


@pytest.mark.parametrize("state", ["merged", "Open", "ready-for-review", "", 1, None])
def test_any_other_pr_state_is_refused_naming_it(state: Any) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        EditPRInput(state=state)
    (error,) = caught.value.errors()
    assert error["loc"] == ("state",)
    assert f"not {state!r}" in error["msg"] and "'ready_for_review'" in error["msg"]
    with pytest.raises(ValueError, match="state must be one of 'open', 'closed', 'draft', 'ready_for_review'"):
        EditPRInput.state_validate_enum(state)
    edit = EditPRInput(state="open")
    with pytest.raises(pydantic.ValidationError):
        edit.state = state


def test_agent_type_validate_enum_is_lenient() -> None:
    """The generated check refuses agent types it does not list; the SDK keeps them for newer agents."""
    assert CreateAgentRunInput.agent_type_validate_enum("claude_code") == "claude_code"
    assert CreateAgentRunInput.agent_type_validate_enum("gemini_cli") == "gemini_cli"
    assert CreateAgentRunInput.agent_type_validate_enum(None) is None
    with pytest.raises(pydantic.ValidationError, match="agent_type"):
        CreateAgentRunInput(prompt="p", agent_type=3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "wrapper, good, bad", [(ValidationErrorLocInner, ["body", 0], [1.5, True, ["x"]]), (Observation, ["ok", {"a": 1}], [1, True, ["x"]])]
)
def test_actual_instance_must_validate_anyof(wrapper: Any, good: List[Any], bad: List[Any]) -> None:
    for value in good:
        assert wrapper.actual_instance_must_validate_anyof(value) == value
    assert wrapper.actual_instance_must_validate_anyof(None) is None
    for value in bad:
        with pytest.raises(ValueError, match=f"No match found when setting the actual object in {wrapper.__name__}"):
            wrapper.actual_instance_must_validate_anyof(value)


def test_check_retry_count_bounds_are_checked() -> None:
    assert CheckSuiteSettingsRequest(check_retry_count=0).check_retry_count == 0
    assert CheckSuiteSettingsRequest(check_retry_count=10).check_retry_count == 10
    for count in (-1, 11):
        with pytest.raises(pydantic.ValidationError, match="check_retry_count"):
            CheckSuiteSettingsRequest(check_retry_count=count)


def test_a_slack_token_stays_out_of_the_repr() -> None:
    answer = GenerateTokenResponse.from_dict(SLACK_TOKEN)
    assert answer is not None and answer.token == SLACK_TOKEN["token"]
    for text in (repr(answer), str(answer)):
        assert SLACK_TOKEN["token"] not in text
        assert "expires_in_minutes=10" in text  # the message quotes the token: it is left out too
    assert answer.to_dict() == SLACK_TOKEN  # the token is the data: to_dict() has it


def test_new_models_are_exported_lazily() -> None:
    for name in ("PageUserResponse", "UserNotFoundErrorResponse", "EditPRInput", "OAuthProviderResponse"):
        assert name in openapi_client.__all__ and getattr(openapi_client, name) is models.model_type(name)


def examples_of(model: Any) -> List[Dict[str, Any]]:
    from test.model_examples import EXAMPLES

    return [data for kind, data in EXAMPLES if kind is model]


NEW_SCHEMAS = [
    "AnalyzeLogsResponse", "CLIRulesResponse", "CheckSuiteSettingsRequest", "CheckSuiteSettingsResponse", "EditPRInput",
    "EditPRResponse", "GenerateSetupCommandsInput", "GenerateTokenRequest", "GenerateTokenResponse", "IntegrationStatus",
    "OAuthProviderResponse", "OrganizationIntegrationsResponse", "Page_UserResponse_", "SetupCommandsResponse",
    "UserNotFoundErrorResponse",
]


def test_every_new_model_has_a_realistic_example() -> None:
    assert set(NEW_SCHEMAS) <= set(SCHEMAS)
    for schema in NEW_SCHEMAS:
        assert examples_of(model_of(schema)), schema


# -- types, as a user's mypy sees them -------------------------------------------------------------

WHOLE_API_USER_CODE = """
from typing import Dict, List

import openapi_client
from openapi_client import ApiClient, EditPRInput, EditPRResponse, OAuthProviderResponse, PageUserResponse

def use(client: ApiClient, org_id: int) -> List[str]:
    users: PageUserResponse = openapi_client.UsersApi(client).get_users(org_id, limit=10)
    providers: List[OAuthProviderResponse] = openapi_client.OrganizationsApi(client).get_mcp_providers()
    edited: EditPRResponse = openapi_client.PullRequestsApi(client).edit_pull_request_simple(
        org_id, 5, EditPRInput(state="closed")
    )
    answer: Dict[str, object] = openapi_client.CheckSuiteSettingsApi(client).update_check_suite_settings(org_id, 1, {})
    found = openapi_client.IntegrationsApi(client).get_organization_integrations(org_id)
    token: str = openapi_client.SlackConnectApi(client).generate_slack_connect_token({"org_id": org_id}).token
    run_id: int = openapi_client.SetupCommandsApi(client).generate_setup_commands(org_id, {"repo_id": 1}).agent_run_id
    return [u.github_username for u in users.items] + [p.name for p in providers] + [
        str(edited.state), str(answer), found.organization_name, token, str(run_id)
    ]
"""


def test_user_code_over_the_new_operations_type_checks(tmp_path: Any) -> None:
    from test.test_typing import mypy_strict

    (tmp_path / "good.py").write_text(WHOLE_API_USER_CODE)
    (tmp_path / "bad.py").write_text(
        "from openapi_client import EditPRInput\n"
        "EditPRInput(state='merged')\n"
    )
    result = mypy_strict(tmp_path, str(tmp_path / "good.py"), str(tmp_path / "bad.py"))
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    # A PR state outside the four is caught before the program even runs.
    assert len(errors) == 1 and "bad.py:2" in errors[0] and "merged" in errors[0], result.stdout + result.stderr
