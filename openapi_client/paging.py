"""Every run of an organisation, page after page: the iterator behind `AgentsApi.iter_agent_runs`.

The list is newest first and counted by position (``skip``), so a run
created while the pages are read pushes every older run one place down:
the next page then starts with a run already given. Runs are therefore
de-duplicated by id, and none is skipped (a run can be skipped only when
runs are deleted meanwhile, which the API does not do to agent runs).
Pages are read only when the caller asks for more, so taking the first
few runs costs one request; the last page is the one that comes back
short, or that reaches the total the server gave with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional, Set

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.agent_run_helpers import SourceType
    from openapi_client.api.agents_api import AgentsApi
    from openapi_client.models.agent_run_response import AgentRunResponse

def iter_runs(
    api: AgentsApi, org_id: int, user_id: Optional[int], source_type: Optional[SourceType], page_size: int,
    limit: Optional[int],
) -> Iterator[AgentRunResponse]:
    """Yield the org's runs newest first, each once, `limit` at most (arguments checked by the caller)."""
    size = page_size if limit is None else min(page_size, limit)
    given: Set[int] = set()
    skip = 0
    while limit is None or len(given) < limit:
        page = api.list_agent_runs(org_id, user_id=user_id, source_type=source_type, skip=skip, limit=size)
        for run in page.items:
            if run.id in given:
                continue  # pushed down a page by runs created since the last one
            given.add(run.id)
            yield run
            if limit is not None and len(given) >= limit:
                return
        skip += len(page.items)
        if len(page.items) < size or skip >= page.total:
            return
