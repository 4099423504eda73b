"""Realistic bodies of the live contract's schemas, shared by the model tests."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from openapi_client import (
    AgentRunLimitReachedErrorResponse,
    AgentRunLogResponse,
    AgentRunNotFoundErrorResponse,
    AgentRunResponse,
    AgentRunWithLogsResponse,
    AnalyzeLogsResponse,
    APIRateLimitErrorResponse,
    CheckSuiteSettingsRequest,
    CheckSuiteSettingsResponse,
    CLIRulesResponse,
    CreateAgentRunInput,
    EditPRInput,
    EditPRResponse,
    GenerateSetupCommandsInput,
    GenerateTokenRequest,
    GenerateTokenResponse,
    GithubPullRequestResponse,
    IntegrationStatus,
    NoReposFoundInOrgErrorResponse,
    OAuthProviderResponse,
    OrganizationIntegrationsResponse,
    OrganizationResponse,
    OrganizationSettings,
    PageAgentRunResponse,
    PageOrganizationResponse,
    PageRepoResponse,
    PageUserResponse,
    PermissionsErrorResponse,
    RepoResponse,
    ResumeAgentRunInput,
    SetupCommandsResponse,
    StopAgentRunInput,
    UserNotFoundErrorResponse,
    UserResponse,
)

PR: Dict[str, Any] = {
    "id": 2734419981,
    "title": "Add --dry-run to the deploy script",
    "url": "https://github.com/acme/platform/pull/1893",
    "created_at": "2025-11-28T21:29:52.103311",
    "head_branch_name": "codegen-bot/deploy-dry-run-1764364447",
}
RUN: Dict[str, Any] = {
    "id": 118342,
    "organization_id": 4217,
    "status": "COMPLETE",
    "created_at": "2025-11-28T21:14:07.518236",
    "web_url": "https://app.codegen.com/agent/trace/118342",
    "result": "Added a --dry-run flag to scripts/deploy.py.",
    "summary": "Added --dry-run to scripts/deploy.py, with tests.",
    "source_type": "API",
    "github_pull_requests": [PR],
    "metadata": {"repo": "acme/platform", "trigger": "api"},
}
PENDING_RUN: Dict[str, Any] = {
    "id": 118344,
    "organization_id": 4217,
    "status": "PENDING",
    "created_at": "2025-11-28T21:58:01.000001",
    "web_url": "https://app.codegen.com/agent/trace/118344",
    "result": None,
    "summary": None,
    "source_type": None,
    "github_pull_requests": None,
    "metadata": None,
}
TOOL_LOG: Dict[str, Any] = {
    "agent_run_id": 118342,
    "created_at": "2025-11-28T21:15:10.000000",
    "tool_name": "run_command",
    "message_type": "ACTION",
    "thought": "Run the deploy tests before changing the script.",
    "observation": {"exit_code": 0, "stdout": "12 passed"},
    "tool_input": {"command": "pytest tests/test_deploy.py"},
    "tool_output": {"exit_code": 0},
}
TEXT_LOG: Dict[str, Any] = {
    "agent_run_id": 118342,
    "created_at": "2025-11-28T21:16:02.000000",
    "tool_name": "view_file",
    "message_type": "ACTION",
    "thought": None,
    "observation": "def deploy(dry_run: bool = False) -> None: ...",
    "tool_input": {"path": "scripts/deploy.py"},
    "tool_output": None,
}
WITH_LOGS: Dict[str, Any] = {
    **{key: RUN[key] for key in ("id", "organization_id", "status", "created_at", "web_url", "result", "metadata")},
    "logs": [TOOL_LOG, TEXT_LOG],
    "total_logs": 2,
    "page": 1,
    "size": 100,
    "pages": 1,
}
SETTINGS: Dict[str, Any] = {"enable_pr_creation": True, "enable_rules_detection": False}
ORGANIZATION: Dict[str, Any] = {"id": 4217, "name": "Acme", "settings": SETTINGS}
USER: Dict[str, Any] = {
    "id": 77,
    "email": "ada@acme.dev",
    "github_user_id": "583231",
    "github_username": "ada",
    "avatar_url": "https://avatars.githubusercontent.com/u/583231",
    "full_name": "Ada Lovelace",
    "role": "ADMIN",
    "is_admin": True,
}
REPO: Dict[str, Any] = {
    "id": 901,
    "name": "platform",
    "full_name": "acme/platform",
    "description": None,
    "github_id": "712003114",
    "organization_id": 4217,
    "visibility": "PRIVATE",
    "archived": False,
    "setup_status": "COMPLETED",
    "language": "Python",
}

CHECK_SETTINGS: Dict[str, Any] = {
    "check_retry_count": 2,
    "ignored_checks": ["codecov/patch"],
    "check_retry_counts": {"ci/unit-tests": 3},
    "custom_prompts": {"ci/lint": "Fix lint errors only; do not reformat other files."},
    "high_priority_apps": ["github-actions"],
    "available_check_suite_names": ["ci/unit-tests", "ci/lint", "codecov/patch"],
}
CHECK_UPDATE: Dict[str, Any] = {
    "check_retry_count": 3,
    "ignored_checks": ["codecov/patch"],
    "check_retry_counts": {"ci/unit-tests": 5},
    "custom_prompts": {"ci/lint": "Run ruff --fix first."},
    "high_priority_apps": ["github-actions"],
}
PR_EDIT: Dict[str, Any] = {
    "success": True,
    "url": PR["url"],
    "number": 1893,
    "title": PR["title"],
    "state": "closed",
    "error": None,
}
INTEGRATIONS: Dict[str, Any] = {
    "organization_id": 4217,
    "organization_name": "Acme",
    "integrations": [
        {"integration_type": "github", "active": True, "token_id": None, "installation_id": 5550123,
         "metadata": {"app_name": "codegen-sh"}},
        {"integration_type": "slack", "active": True, "token_id": 88, "installation_id": None,
         "metadata": {"team_name": "acme"}},
        {"integration_type": "linear", "active": False, "token_id": None, "installation_id": None, "metadata": None},
    ],
    "total_active_integrations": 2,
}
SETUP_RUN: Dict[str, Any] = {
    "agent_run_id": 118400,
    "status": "ACTIVE",
    "url": "https://app.codegen.com/agent/trace/118400",
}
ANALYSIS_RUN: Dict[str, Any] = {
    "agent_run_id": 118401,
    "status": "ACTIVE",
    "message": "An agent is analysing the set-up logs of sandbox 3301.",
}
MCP_PROVIDER: Dict[str, Any] = {
    "id": 12,
    "name": "linear",
    "issuer": "https://mcp.linear.app",
    "authorization_endpoint": "https://mcp.linear.app/authorize",
    "token_endpoint": "https://mcp.linear.app/token",
    "default_scopes": ["read", "write"],
    "is_mcp": True,
    "meta": {"display_name": "Linear"},
}
CLI_RULES: Dict[str, Any] = {
    "organization_rules": "Run the test suite before opening a pull request.",
    "user_custom_prompt": None,
}
SLACK_TOKEN: Dict[str, Any] = {
    "token": "slk-3f9a27c1",
    "message": "Send \"Connect my account: slk-3f9a27c1\" to the Codegen bot in a Slack DM.",
    "expires_in_minutes": 10,
}


def page(items: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {"items": items, "total": len(items), "page": 1, "size": 100, "pages": 1}


EXAMPLES: List[Tuple[Any, Dict[str, Any]]] = [
    (AgentRunResponse, RUN),
    (AgentRunResponse, PENDING_RUN),
    (GithubPullRequestResponse, PR),
    (GithubPullRequestResponse, {"id": 1, "created_at": "2025-01-01T00:00:00", "title": None, "url": None}),
    (AgentRunLogResponse, TOOL_LOG),
    (AgentRunLogResponse, TEXT_LOG),
    (AgentRunLogResponse, {"agent_run_id": 1}),
    (AgentRunWithLogsResponse, WITH_LOGS),
    (AgentRunWithLogsResponse, {"id": 1, "organization_id": 2, "logs": [], "total_logs": None, "web_url": None}),
    (PageAgentRunResponse, page([RUN, PENDING_RUN])),
    (PageOrganizationResponse, page([ORGANIZATION])),
    (PageRepoResponse, page([REPO])),
    (PageRepoResponse, page([])),
    (OrganizationResponse, ORGANIZATION),
    (OrganizationSettings, SETTINGS),
    (UserResponse, USER),
    (UserResponse, {"id": 78, "github_user_id": "1", "github_username": "bob", "email": None, "role": None}),
    (RepoResponse, REPO),
    (
        CreateAgentRunInput,
        {
            "prompt": "Add --dry-run",
            "images": ["data:image/png;base64,iVBORw0KGgo="],
            "metadata": {"ticket": "OPS-12"},
            "repo_id": 901,
            "model": "claude-sonnet-4-5",
            "agent_type": "claude_code",
        },
    ),
    (CreateAgentRunInput, {"prompt": "p", "images": None, "metadata": None, "repo_id": None, "model": None}),
    (ResumeAgentRunInput, {"agent_run_id": 118342, "prompt": "Also update the README", "images": None}),
    (StopAgentRunInput, {"agent_run_id": 118342, "before_card_order_id": "a0", "after_card_order_id": None}),
    (AgentRunLimitReachedErrorResponse, {"message": "Alloted agent runs reached.", "status_code": 402}),
    (PermissionsErrorResponse, {"message": "You do not have access to this organization.", "status_code": 403}),
    (AgentRunNotFoundErrorResponse, {"message": "Agent run not found.", "status_code": 404}),
    (NoReposFoundInOrgErrorResponse, {"message": "No repos found.", "status_code": 404}),
    (APIRateLimitErrorResponse, {"message": "Rate limit exceeded.", "status_code": 429}),
    (UserNotFoundErrorResponse, {"message": "User not found.", "status_code": 404}),
    (PageUserResponse, page([USER])),
    (CheckSuiteSettingsResponse, CHECK_SETTINGS),
    (CheckSuiteSettingsRequest, CHECK_UPDATE),
    (CheckSuiteSettingsRequest, {"check_retry_count": None, "ignored_checks": None, "check_retry_counts": None,
                                 "custom_prompts": None, "high_priority_apps": None}),
    (EditPRInput, {"state": "ready_for_review"}),
    (EditPRResponse, PR_EDIT),
    (EditPRResponse, {"success": False, "error": "Pull request #1893 is already merged."}),
    (OrganizationIntegrationsResponse, INTEGRATIONS),
    (IntegrationStatus, INTEGRATIONS["integrations"][0]),
    (GenerateSetupCommandsInput, {"repo_id": 901, "prompt": "Use uv, not pip.", "trigger_source": "setup-commands"}),
    (GenerateSetupCommandsInput, {"repo_id": 901, "prompt": None, "trigger_source": "dashboard"}),
    (SetupCommandsResponse, SETUP_RUN),
    (AnalyzeLogsResponse, ANALYSIS_RUN),
    (OAuthProviderResponse, MCP_PROVIDER),
    (OAuthProviderResponse, {**MCP_PROVIDER, "default_scopes": None, "meta": None}),
    (CLIRulesResponse, CLI_RULES),
    (GenerateTokenRequest, {"org_id": 4217}),
    (GenerateTokenResponse, SLACK_TOKEN),
]
