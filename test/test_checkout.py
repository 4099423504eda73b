"""`checkout_pull_request` and `codegen-agents pull`, with the real git and a local bare repository as the remote.

Each test builds a remote (a bare repository) holding ``main`` and the agent's
branch, and a clone of it where the user works. Whenever a check refuses,
the test compares the clone's branches, HEAD, files and status before and
after: nothing may have changed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from openapi_client import (
    AgentsApi,
    ApiClient,
    CheckoutError,
    Configuration,
    GithubPullRequestResponse,
    checkout_pull_request,
)
from openapi_client.testing import AgentApiEmulator

from test.test_cli import child_env, finish, one_error_line

BRANCH = "codegen-bot/fix-the-login-bug-10001"

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="needs git")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(repo: Path, name: str, text: str, message: str) -> str:
    (repo / name).write_text(text)
    git(repo, "add", name)
    git(repo, "commit", "--quiet", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Commits need an author; the user's own git settings stay out of the tests."""
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "test@example.com")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def repos(tmp_path: Path) -> Iterator[Tuple[Path, Path, str]]:
    """(the user's clone on main, the agent's clone, the agent's latest commit on BRANCH)."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(remote)], check=True)
    agent = tmp_path / "agent"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(agent)], check=True, capture_output=True)
    git(agent, "checkout", "--quiet", "-b", "main")
    commit(agent, "README", "hello\n", "first")
    git(agent, "push", "--quiet", "origin", "main")
    git(agent, "checkout", "--quiet", "-b", BRANCH)
    head = commit(agent, "login.py", "fixed = True\n", "Fix the login bug")
    git(agent, "push", "--quiet", "origin", BRANCH)
    user = tmp_path / "user"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(user)], check=True, capture_output=True)
    yield user, agent, head


def pr(branch: str = BRANCH) -> GithubPullRequestResponse:
    return GithubPullRequestResponse(id=7, created_at="2026-01-01T00:00:00Z", head_branch_name=branch,
                                     url="https://github.com/acme/app/pull/1")


def snapshot(repo: Path) -> Dict[str, str]:
    """Everything of the user's that a refusal must leave alone."""
    files = {str(p.relative_to(repo)): p.read_text() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    return {
        "HEAD": git(repo, "symbolic-ref", "--quiet", "HEAD"),
        "branches": git(repo, "for-each-ref", "refs/heads", "--format=%(refname) %(objectname)"),
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "files": json.dumps(files, sort_keys=True),
    }


def test_checks_out_a_new_local_branch_that_tracks_the_remote_one(repos: Tuple[Path, Path, str]) -> None:
    user, _, head = repos
    assert checkout_pull_request(pr(), repo_dir=str(user)) == BRANCH
    assert git(user, "symbolic-ref", "--short", "HEAD") == BRANCH
    assert git(user, "rev-parse", "HEAD") == head
    assert git(user, "rev-parse", "--abbrev-ref", "@{upstream}") == f"origin/{BRANCH}"
    assert (user / "login.py").read_text() == "fixed = True\n"
    assert git(user, "status", "--porcelain") == ""


def test_an_existing_local_branch_is_fast_forwarded(repos: Tuple[Path, Path, str]) -> None:
    user, agent, _ = repos
    checkout_pull_request(pr(), repo_dir=str(user))
    git(user, "checkout", "--quiet", "main")
    newer = commit(agent, "login.py", "fixed = True\ntested = True\n", "Add a test")
    git(agent, "push", "--quiet", "origin", BRANCH)
    assert checkout_pull_request(pr(), repo_dir=str(user)) == BRANCH
    assert git(user, "symbolic-ref", "--short", "HEAD") == BRANCH
    assert git(user, "rev-parse", "HEAD") == newer
    assert "tested = True" in (user / "login.py").read_text()


def test_a_local_branch_with_commits_the_remote_lacks_is_refused_and_left_alone(
    repos: Tuple[Path, Path, str]
) -> None:
    user, agent, _ = repos
    checkout_pull_request(pr(), repo_dir=str(user))
    mine = commit(user, "notes.txt", "my work\n", "My own work")
    commit(agent, "login.py", "fixed = 2\n", "The agent goes on")
    git(agent, "push", "--quiet", "origin", BRANCH)
    before = snapshot(user)
    with pytest.raises(CheckoutError) as refused:
        checkout_pull_request(pr(), repo_dir=str(user))
    message = str(refused.value)
    assert "commits that origin/" in message and "cannot be fast-forwarded" in message
    assert f"git push origin {BRANCH}" in message  # says what to do
    assert snapshot(user) == before
    assert git(user, "rev-parse", BRANCH) == mine


@pytest.mark.parametrize("change", ["modified", "untracked", "staged"])
def test_a_work_tree_with_uncommitted_changes_is_refused_and_left_alone(
    repos: Tuple[Path, Path, str], change: str
) -> None:
    user, agent, head = repos
    commit(agent, "login.py", "fixed = 2\n", "The agent goes on")
    git(agent, "push", "--quiet", "origin", BRANCH)
    if change == "modified":
        (user / "README").write_text("edited\n")
    elif change == "untracked":
        (user / "scratch").mkdir()
        (user / "scratch" / "idea.txt").write_text("unsaved\n")
    else:
        (user / "new.py").write_text("x = 1\n")
        git(user, "add", "new.py")
    before = snapshot(user)
    with pytest.raises(CheckoutError, match="uncommitted changes"):
        checkout_pull_request(pr(), repo_dir=str(user))
    assert snapshot(user) == before
    assert git(user, "rev-parse", f"refs/remotes/origin/{BRANCH}") == head  # not even fetched


def test_a_directory_that_is_not_a_repository_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(CheckoutError, match="is not a git repository"):
        checkout_pull_request(pr(), repo_dir=str(plain))
    assert list(plain.iterdir()) == []


def test_a_branch_that_is_not_on_the_remote_is_refused(repos: Tuple[Path, Path, str]) -> None:
    user, _, _ = repos
    before = snapshot(user)
    with pytest.raises(CheckoutError, match="branch codegen-bot/gone is not on remote origin"):
        checkout_pull_request(pr("codegen-bot/gone"), repo_dir=str(user))
    assert snapshot(user) == before


def test_an_unknown_remote_and_a_pr_without_branch_are_refused(repos: Tuple[Path, Path, str]) -> None:
    user, _, _ = repos
    with pytest.raises(CheckoutError, match="no remote named 'upstream'"):
        checkout_pull_request(pr(), repo_dir=str(user), remote="upstream")
    nameless = GithubPullRequestResponse(id=8, created_at="2026-01-01T00:00:00Z", head_branch_name=None)
    with pytest.raises(CheckoutError, match="pull request 8 names no head branch"):
        checkout_pull_request(nameless, repo_dir=str(user))


def test_missing_git_is_one_clear_error(repos: Tuple[Path, Path, str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    user, _, _ = repos
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(CheckoutError, match="git was not found on PATH"):
        checkout_pull_request(pr(), repo_dir=str(user))


# -- the command line, against the emulator --------------------------------------------


def run_with_prs(emu: AgentApiEmulator, prs: object) -> int:
    """A finished run of the emulator with these pull requests (`script_next_run`'s ``pull_request``)."""
    emu.script_next_run(pull_request=prs)  # type: ignore[arg-type]
    with ApiClient(Configuration(host=emu.url, access_token=emu.token)) as client:
        run_id = AgentsApi(client).create_agent_run(emu.org_id, {"prompt": "Fix the login bug"}).id
    finish(emu, run_id)
    return run_id


def pull(emu: AgentApiEmulator, *args: str, path: str = "") -> subprocess.CompletedProcess[str]:
    env = child_env(emu)
    if path:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "openapi_client", "pull", *args], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=60)


def test_pull_checks_out_the_branch_of_the_runs_pull_request(
    repos: Tuple[Path, Path, str], emulator: AgentApiEmulator
) -> None:
    user, _, head = repos
    run_id = run_with_prs(emulator, {"head_branch_name": BRANCH})
    done = pull(emulator, str(run_id), "--repo-dir", str(user))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"On branch {BRANCH} (tracking origin/{BRANCH}) at {head[:12]}")
    assert git(user, "symbolic-ref", "--short", "HEAD") == BRANCH
    again = pull(emulator, str(run_id), "--repo-dir", str(user), "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout) == {
        "agent_run_id": run_id, "branch": BRANCH, "remote": "origin", "commit": head,
        "pull_request": json.loads(again.stdout)["pull_request"],
    }
    assert json.loads(again.stdout)["pull_request"]["head_branch_name"] == BRANCH


def test_pull_chooses_among_several_pull_requests_with_pr_id(
    repos: Tuple[Path, Path, str], emulator: AgentApiEmulator
) -> None:
    user, _, _ = repos
    run_id = run_with_prs(emulator, [{"head_branch_name": "codegen-bot/other"}, {"head_branch_name": BRANCH}])
    before = snapshot(user)
    several = pull(emulator, str(run_id), "--repo-dir", str(user))
    assert several.returncode == 1
    first, second = 700000 + run_id, 800000 + run_id
    assert f"has 2 pull requests (ids {first}, {second}); choose one with --pr-id" in one_error_line(several.stderr)
    assert snapshot(user) == before
    unknown = pull(emulator, str(run_id), "--repo-dir", str(user), "--pr-id", "5")
    assert unknown.returncode == 1 and "has no pull request 5" in one_error_line(unknown.stderr)
    chosen = pull(emulator, str(run_id), "--repo-dir", str(user), "--pr-id", str(second))
    assert chosen.returncode == 0, chosen.stderr
    assert git(user, "symbolic-ref", "--short", "HEAD") == BRANCH


def test_pull_refuses_a_run_without_a_pull_request(repos: Tuple[Path, Path, str], emulator: AgentApiEmulator) -> None:
    user, _, _ = repos
    run_id = run_with_prs(emulator, False)
    done = pull(emulator, str(run_id), "--repo-dir", str(user))
    assert done.returncode == 1
    assert f"agent run {run_id} has no pull request" in one_error_line(done.stderr)
    assert done.stdout == ""


def test_pull_refuses_before_reading_the_run_when_git_or_the_repository_is_not_fit(
    repos: Tuple[Path, Path, str], emulator: AgentApiEmulator, tmp_path: Path
) -> None:
    user, _, _ = repos
    run_id = run_with_prs(emulator, {"head_branch_name": BRANCH})
    emulator.clear_requests()
    empty = tmp_path / "no-git"
    empty.mkdir()
    cases: List[Tuple[subprocess.CompletedProcess[str], str]] = [
        (pull(emulator, str(run_id), "--repo-dir", str(user), path=str(empty)), "git was not found on PATH"),
        (pull(emulator, str(run_id), "--repo-dir", str(empty)), "is not a git repository"),
    ]
    (user / "draft.txt").write_text("not committed\n")
    cases.append((pull(emulator, str(run_id), "--repo-dir", str(user)), "has uncommitted changes"))
    for done, says in cases:
        assert done.returncode == 1
        assert says in one_error_line(done.stderr)
    assert emulator.requests == []  # refused before spending a read
    assert git(user, "symbolic-ref", "--short", "HEAD") == "main"


def test_pull_refuses_a_branch_missing_on_the_remote_and_a_local_branch_ahead(
    repos: Tuple[Path, Path, str], emulator: AgentApiEmulator
) -> None:
    user, agent, _ = repos
    gone = run_with_prs(emulator, {"head_branch_name": "codegen-bot/deleted"})
    done = pull(emulator, str(gone), "--repo-dir", str(user))
    assert done.returncode == 1
    assert "branch codegen-bot/deleted is not on remote origin" in one_error_line(done.stderr)
    run_id = run_with_prs(emulator, {"head_branch_name": BRANCH})
    assert pull(emulator, str(run_id), "--repo-dir", str(user)).returncode == 0
    commit(user, "mine.txt", "mine\n", "Mine")
    commit(agent, "theirs.txt", "theirs\n", "Theirs")
    git(agent, "push", "--quiet", "origin", BRANCH)
    before = snapshot(user)
    ahead = pull(emulator, str(run_id), "--repo-dir", str(user))
    assert ahead.returncode == 1
    assert "cannot be fast-forwarded; push them" in one_error_line(ahead.stderr)
    assert snapshot(user) == before


def test_a_bad_branch_name_and_an_unreachable_remote_are_refused_and_left_alone(
    repos: Tuple[Path, Path, str], tmp_path: Path
) -> None:
    user, _, _ = repos
    before = snapshot(user)
    with pytest.raises(CheckoutError, match="is not a valid git branch name"):
        checkout_pull_request(pr("bad..name"), repo_dir=str(user))
    git(user, "remote", "add", "gone", str(tmp_path / "nowhere.git"))
    with pytest.raises(CheckoutError, match="git ls-remote gone failed: .*nowhere.git"):
        checkout_pull_request(pr(), repo_dir=str(user), remote="gone")
    assert snapshot(user) == before
