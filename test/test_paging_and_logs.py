"""`iter_agent_runs` (every page, lazily, each run once) and `follow_agent_run_logs` (each entry once, as written)."""

from __future__ import annotations

import itertools
import threading
import time
from typing import Dict, Iterator, List
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import ValidationError

from openapi_client import AgentRunTimeoutError, AgentsApi, ApiClient, Configuration, waiting
from openapi_client.exceptions import NotFoundException
from openapi_client.testing import AgentApiEmulator

FAST = 0.01


def query(path: str) -> Dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(urlsplit(path).query).items()}


def lists(emu: AgentApiEmulator) -> List[Dict[str, str]]:
    return [query(r.path) for r in emu.requests if urlsplit(r.path).path.endswith("/agent/runs")]


@pytest.fixture(scope="module")
def crowd() -> Iterator[AgentApiEmulator]:
    """An emulator whose org has 250 runs."""
    with AgentApiEmulator(rate_limits=False) as emu:
        for n in range(250):
            emu.create_run(f"task {n}")
        yield emu


@pytest.fixture
def crowd_api(crowd: AgentApiEmulator) -> Iterator[AgentsApi]:
    crowd.clear_requests()
    with ApiClient(Configuration(host=crowd.url, access_token=crowd.token, retries=0)) as client:
        yield AgentsApi(client)


# -- iter_agent_runs ----------------------------------------------------------------------


def test_iter_agent_runs_gives_all_250_runs_newest_first_in_3_requests(
    crowd: AgentApiEmulator, crowd_api: AgentsApi
) -> None:
    ids = [run.id for run in crowd_api.iter_agent_runs(crowd.org_id)]

    assert ids == sorted(crowd.runs, reverse=True)[: len(ids)] and len(ids) == len(crowd.runs)
    assert lists(crowd) == [{"skip": "0", "limit": "100"}, {"skip": "100", "limit": "100"}, {"skip": "200", "limit": "100"}]


def test_the_first_5_runs_cost_one_request(crowd: AgentApiEmulator, crowd_api: AgentsApi) -> None:
    runs = crowd_api.iter_agent_runs(crowd.org_id)
    assert crowd.requests == []  # nothing is sent before the first run is asked for

    first = list(itertools.islice(runs, 5))

    assert len(first) == 5 and len(crowd.requests) == 1


def test_limit_asks_for_no_more_than_it_needs(crowd: AgentApiEmulator, crowd_api: AgentsApi) -> None:
    runs = list(crowd_api.iter_agent_runs(crowd.org_id, page_size=20, limit=45))

    assert len(runs) == 45
    assert lists(crowd) == [{"skip": str(skip), "limit": "20"} for skip in (0, 20, 40)]
    assert len(list(crowd_api.iter_agent_runs(crowd.org_id, limit=7))) == 7
    assert lists(crowd)[-1] == {"skip": "0", "limit": "7"}


def test_runs_created_while_paging_are_neither_repeated_nor_skipped(
    crowd: AgentApiEmulator, crowd_api: AgentsApi
) -> None:
    before = sorted(crowd.runs, reverse=True)
    seen = []
    for run in crowd_api.iter_agent_runs(crowd.org_id, page_size=50):
        seen.append(run.id)
        if len(seen) in (50, 120):  # between pages, and in the middle of one
            for n in range(7):
                crowd.create_run(f"meanwhile {n}")

    assert seen == before  # the same runs, once each, in order; the new ones came after the start
    assert len(lists(crowd)) == 6  # 250 runs + 14 pushed down: 6 pages of 50


def test_filters_are_sent_and_the_last_page_ends_it(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run(source_type="SLACK")
    slack = emulator.create_run("from slack", user_id=emulator.user["id"])

    runs = list(agents_api.iter_agent_runs(emulator.org_id, user_id=emulator.user["id"], source_type="SLACK"))

    assert [run.id for run in runs] == [slack.id]
    assert lists(emulator) == [{"user_id": str(emulator.user["id"]), "source_type": "SLACK", "skip": "0", "limit": "100"}]


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [({"page_size": 0}, "page_size"), ({"page_size": 101}, "page_size"), ({"limit": 0}, "limit"),
     ({"user_id": "me"}, "user_id"), ({"page_size": None}, "page_size")],
)
def test_iter_agent_runs_checks_its_arguments_before_sending(
    emulator: AgentApiEmulator, agents_api: AgentsApi, kwargs: Dict[str, object], argument: str
) -> None:
    with pytest.raises(ValidationError, match=argument):
        agents_api.iter_agent_runs(emulator.org_id, **kwargs)  # type: ignore[arg-type]
    assert emulator.requests == []


# -- follow_agent_run_logs ---------------------------------------------------------------


@pytest.fixture
def timed() -> Iterator[AgentApiEmulator]:
    """Runs that take about a second; no rate limits."""
    with AgentApiEmulator(rate_limits=False, seconds_to_complete=1.0) as emu:
        yield emu


def api_for(emu: AgentApiEmulator) -> AgentsApi:
    return AgentsApi(ApiClient(Configuration(host=emu.url, access_token=emu.token, retries=0)))


def logs_requests(emu: AgentApiEmulator) -> List[Dict[str, str]]:
    return [query(r.path) for r in emu.requests if urlsplit(r.path).path.endswith("/logs")]


def test_a_log_that_grows_while_followed_comes_once_each_in_order(timed: AgentApiEmulator) -> None:
    api = api_for(timed)
    timed.script_next_run(pull_request=True)
    run = api.create_agent_run(timed.org_id, {"prompt": "Fix the parser"})
    arrivals = []

    for entry in api.follow_agent_run_logs(run.id, timed.org_id, poll_interval=0.05):
        arrivals.append((len(logs_requests(timed)), entry))

    entries = [entry.to_dict() for _, entry in arrivals]
    assert entries == list(timed.runs[run.id].logs)  # all of them, once each, oldest first
    assert [e["tool_name"] for e in entries if e["tool_name"]][-1] == "create_pr"
    assert len({request for request, _ in arrivals}) >= 3  # they came over several requests, as written
    asked = [int(q["skip"]) for q in logs_requests(timed)]
    assert asked == sorted(asked) and asked[0] == 0  # only ever the entries not seen yet
    got = [sum(1 for request, _ in arrivals if request <= n) for n in range(1, len(asked) + 1)]
    assert asked[1:] == got[:-1]
    assert timed.runs[run.id].status == "COMPLETE"


def test_following_a_finished_run_gives_its_log_in_one_request(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Done already", poll_interval=FAST)
    emulator.clear_requests()

    entries = list(agents_api.follow_agent_run_logs(run.id, emulator.org_id))

    assert [e.to_dict() for e in entries] == list(emulator.runs[run.id].logs)
    assert len(emulator.requests) == 1


def test_the_404_of_a_new_runs_logs_is_waited_out(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run(logs_not_found=2)
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": "Brand new"})

    entries = list(agents_api.follow_agent_run_logs(run.id, emulator.org_id, poll_interval=FAST))

    assert [e.to_dict() for e in entries] == list(emulator.runs[run.id].logs) and entries
    statuses = [(urlsplit(r.path).path.endswith("/logs"), r.method) for r in emulator.requests]
    assert statuses.count((False, "GET")) == 1  # one look at the run itself: it exists, its logs are not there yet


def test_following_a_run_that_does_not_exist_raises_its_404(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    with pytest.raises(NotFoundException):
        list(agents_api.follow_agent_run_logs(987_654, emulator.org_id, poll_interval=FAST))


def test_following_times_out_with_the_last_state(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": "Never ends"})
    started = time.monotonic()

    with pytest.raises(AgentRunTimeoutError) as caught:
        for _ in agents_api.follow_agent_run_logs(run.id, emulator.org_id, timeout=0.3, poll_interval=FAST):
            pass

    assert 0.3 <= time.monotonic() - started < 2
    assert (caught.value.run.id, caught.value.run.status) == (run.id, "ACTIVE")


def test_followers_share_the_process_logs_budget(timed: AgentApiEmulator) -> None:
    waiting.set_poll_budget(3, 0.5, group="logs")
    api = api_for(timed)
    runs = [api.create_agent_run(timed.org_id, {"prompt": f"Slowly {n}"}) for n in range(2)]
    arrived: List[float] = []  # when each logs request reached the emulator, to 5 ms
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            arrived.extend([time.monotonic()] * (len(logs_requests(timed)) - len(arrived)))
            time.sleep(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    followers = [
        threading.Thread(target=lambda run_id=run.id: list(api.follow_agent_run_logs(run_id, timed.org_id, poll_interval=0.01)))
        for run in runs
    ]
    for follower in followers:
        follower.start()
    for follower in followers:
        follower.join(20)
    stop.set()
    watcher.join()

    assert len(arrived) >= 6
    # Two followers, one budget: never a 4th logs request within 0.5 s of the 1st. The times
    # are when the watcher thread saw each request, so a loaded machine blurs them by a few
    # tens of ms; without a shared budget the gaps would be about 0.01 s.
    assert all(later - first >= 0.4 for first, later in zip(arrived, arrived[3:]))


def test_follow_checks_its_arguments_before_sending(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    from openapi_client import ApiValueError

    with pytest.raises(ValidationError):
        agents_api.follow_agent_run_logs("1", emulator.org_id)  # type: ignore[arg-type]
    with pytest.raises(ApiValueError):
        agents_api.follow_agent_run_logs(1, emulator.org_id, timeout=-1)
    assert emulator.requests == []


def test_a_429_on_the_logs_pauses_the_follower_and_it_goes_on(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    from openapi_client.testing import Fault

    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Limited", poll_interval=FAST)
    emulator.inject(Fault.rate_limited(retry_after="1"), method="GET")
    started = time.monotonic()

    entries = list(agents_api.follow_agent_run_logs(run.id, emulator.org_id))

    assert [e.to_dict() for e in entries] == list(emulator.runs[run.id].logs)
    assert time.monotonic() - started >= 1


def test_a_log_longer_than_a_page_is_read_page_after_page(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    from openapi_client import log_following

    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Long", poll_interval=FAST)
    for n in range(3):  # each follow-up adds its steps to the log
        agents_api.resume_agent_run_and_wait(emulator.org_id, run.id, f"More {n}", poll_interval=FAST)
    total = len(emulator.runs[run.id].logs)
    emulator.clear_requests()
    original = log_following.PAGE_SIZE
    log_following.PAGE_SIZE = 4
    try:
        entries = list(agents_api.follow_agent_run_logs(run.id, emulator.org_id))
    finally:
        log_following.PAGE_SIZE = original

    assert [e.to_dict() for e in entries] == list(emulator.runs[run.id].logs)
    assert total > 8 and [int(q["skip"]) for q in logs_requests(emulator)] == list(range(0, total, 4))
