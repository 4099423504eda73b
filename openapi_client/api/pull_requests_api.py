"""The state of a pull request an agent opened: open, closed, draft or ready for review."""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

EditBody = Union["models.EditPRInput", Dict[str, Any]]

_EDIT_SIMPLE = Endpoint(
    "edit_pull_request_simple", "PATCH", "/v1/organizations/{org_id}/prs/{pr_id}", responses("EditPRResponse"),
    body="EditPRInput",
)
_EDIT = Endpoint(
    "edit_pull_request", "PATCH", "/v1/organizations/{org_id}/repos/{repo_id}/prs/{pr_id}", responses("EditPRResponse"),
    body="EditPRInput",
)


class PullRequestsApi(ApiBase):
    """Change a pull request's state: `edit_pull_request_simple` (by PR id) or `edit_pull_request` (repository too).

    The PR id is the `id` of an `AgentRunResponse.github_pull_requests` item.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _edit_pull_request_simple(
        self, org_id: int, pr_id: int, edit_pr_input: EditBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.EditPRResponse]:
        """Edit Pull Request Simple (PATCH /v1/organizations/{org_id}/prs/{pr_id}): set pull request `pr_id`'s state.

        `edit_pr_input.state` is one of open, closed, draft, ready_for_review;
        anything else is refused before sending. The token's user needs write
        access to the repository. Limited to 30 per minute. A 5xx or a
        connection lost after sending is not retried. Takes the same per-call
        keywords as `AgentsApi.create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _EDIT_SIMPLE.prepare(self, options, path={"org_id": org_id, "pr_id": pr_id}, body=edit_pr_input)

    (edit_pull_request_simple, edit_pull_request_simple_with_http_info,
     edit_pull_request_simple_without_preload_content) = public_methods(_edit_pull_request_simple)

    def _edit_pull_request(
        self, org_id: int, repo_id: int, pr_id: int, edit_pr_input: EditBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.EditPRResponse]:
        """Edit Pull Request (PATCH /v1/organizations/{org_id}/repos/{repo_id}/prs/{pr_id}).

        The same as `edit_pull_request_simple`, with the pull request's
        repository in the path as well.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        path = {"org_id": org_id, "repo_id": repo_id, "pr_id": pr_id}
        return _EDIT.prepare(self, options, path=path, body=edit_pr_input)

    (edit_pull_request, edit_pull_request_with_http_info,
     edit_pull_request_without_preload_content) = public_methods(_edit_pull_request)

    # -- the generated names: the same methods under the names the contract gives them

    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch = edit_pull_request_simple
    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch_with_http_info = edit_pull_request_simple_with_http_info
    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch_without_preload_content = edit_pull_request_simple_without_preload_content
    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch_0 = edit_pull_request_simple
    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch_0_with_http_info = edit_pull_request_simple_with_http_info
    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch_0_without_preload_content = edit_pull_request_simple_without_preload_content
    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch_1 = edit_pull_request_simple
    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch_1_with_http_info = edit_pull_request_simple_with_http_info
    edit_pull_request_simple_v1_organizations_org_id_prs_pr_id_patch_1_without_preload_content = edit_pull_request_simple_without_preload_content
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch = edit_pull_request
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch_with_http_info = edit_pull_request_with_http_info
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch_without_preload_content = edit_pull_request_without_preload_content
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch_0 = edit_pull_request
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch_0_with_http_info = edit_pull_request_with_http_info
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch_0_without_preload_content = edit_pull_request_without_preload_content
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch_1 = edit_pull_request
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch_1_with_http_info = edit_pull_request_with_http_info
    edit_pull_request_v1_organizations_org_id_repos_repo_id_prs_pr_id_patch_1_without_preload_content = edit_pull_request_without_preload_content
