"""Checking out the branch of an agent run's pull request with the real ``git``.

The SDK never writes a repository's files itself: it runs ``git`` (found on
``PATH``) and checks everything that could cost the user work before the
first command that changes anything:

- `repo_dir` is a git work tree, and it is clean (untracked files count);
- the remote exists and has the branch (``git ls-remote``);
- a local branch of that name, if there is one, can be fast-forwarded to
  the remote's: it has no commits the remote's lacks.

Only then does it record the remote's branch (``refs/remotes/REMOTE/BRANCH``),
switch to the local branch (created to track it, or fast-forwarded) and
return its name. Fetching the remote's commits to compare them adds objects
to the repository and writes ``FETCH_HEAD``, as any ``git fetch`` does; no
branch, file or index entry of the user's changes before the checks pass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any, List, Optional

from openapi_client.exceptions import CheckoutError

#: How git is named on PATH.
GIT = "git"


def find_git() -> str:
    """The path of ``git`` on PATH, or a `CheckoutError` saying it is missing."""
    path = shutil.which(GIT)
    if path is None:
        raise CheckoutError("git was not found on PATH; install git (https://git-scm.com) and try again")
    return path


def head_branch(pr: Any) -> str:
    """The branch of `pr` (a `GithubPullRequestResponse`), or a `CheckoutError` if it names none."""
    branch = getattr(pr, "head_branch_name", None)
    if not isinstance(branch, str) or not branch.strip():
        number = getattr(pr, "id", "?")
        raise CheckoutError(f"pull request {number} names no head branch, so there is nothing to check out")
    return branch


def checkout_pull_request(pr: Any, *, repo_dir: str = ".", remote: str = "origin") -> str:
    """Switch `repo_dir` to a local branch tracking the branch of `pr` on `remote`; returns the branch name.

    `pr` is a `GithubPullRequestResponse` from a run's ``github_pull_requests``.
    The branch is fetched from `remote`; a local branch of the same name is
    created to track it, or, if it exists, fast-forwarded only.

    :raises CheckoutError: git is missing, `repo_dir` is not a clean git work
        tree, the remote or its branch does not exist, or the local branch has
        commits the remote's lacks. Nothing was changed then.
    """
    branch = head_branch(pr)
    return Repository(repo_dir).switch_to_remote_branch(remote, branch)


class Repository:
    """A git work tree, driven through the ``git`` executable."""

    def __init__(self, repo_dir: str = ".") -> None:
        self.git = find_git()
        self.dir = os.fspath(repo_dir)
        self.check_clean()

    def check_clean(self) -> None:
        """Refuse a directory that is not a git work tree, or one with uncommitted changes."""
        if not os.path.isdir(self.dir):
            raise CheckoutError(f"{self.dir} is not a directory")
        inside = self._run("rev-parse", "--is-inside-work-tree", check=False)
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            raise CheckoutError(f"{self.dir} is not a git repository (or is one without a work tree)")
        changed = self._git("status", "--porcelain", "--untracked-files=all").splitlines()
        if changed:
            raise CheckoutError(
                f"{self.dir} has uncommitted changes ({len(changed)} file{'s' if len(changed) != 1 else ''},"
                " untracked ones included); commit or stash them (git stash -u) and try again"
            )

    def switch_to_remote_branch(self, remote: str, branch: str) -> str:
        """Check, then fetch `branch` from `remote` and switch to a local branch tracking it (see the module)."""
        if self._run("check-ref-format", "--branch", branch, check=False).returncode != 0:
            raise CheckoutError(f"{branch!r} is not a valid git branch name")
        if self._run("remote", "get-url", remote, check=False).returncode != 0:
            raise CheckoutError(
                f"{self.dir} has no remote named {remote!r} (see git remote -v; choose one with --remote)"
            )
        listed = self._run("ls-remote", "--exit-code", "--heads", remote, f"refs/heads/{branch}", check=False)
        if listed.returncode == 2:
            raise CheckoutError(
                f"branch {branch} is not on remote {remote}: it may have been deleted or not pushed yet"
            )
        if listed.returncode != 0:
            raise CheckoutError(f"git ls-remote {remote} failed: {_git_message(listed.stderr)}")
        # Only the commits, into FETCH_HEAD: the remote-tracking branch is recorded once the checks pass.
        self._git("fetch", "--no-tags", remote, f"refs/heads/{branch}")
        commit = self._git("rev-parse", "--verify", "FETCH_HEAD^{commit}").strip()
        local = self._local_commit(branch)
        if local is not None and local != commit:
            if self._run("merge-base", "--is-ancestor", local, commit, check=False).returncode != 0:
                raise CheckoutError(
                    f"your local branch {branch} has commits that {remote}/{branch} lacks, so it cannot be"
                    f" fast-forwarded; push them (git push {remote} {branch}) or keep them on another branch"
                    f" (git branch -m {branch} {branch}-mine), then pull again"
                )
        tracking = f"refs/remotes/{remote}/{branch}"
        self._git("update-ref", "-m", f"codegen-agents pull: {remote}/{branch}", tracking, commit)
        if local is None:
            self._git("checkout", "--quiet", "-b", branch, commit)
        else:
            self._git("checkout", "--quiet", branch)
            self._git("merge", "--quiet", "--ff-only", commit)
        # The same upstream `git checkout --track` sets, written through git whatever the remote's fetch refspec.
        self._git("config", f"branch.{branch}.remote", remote)
        self._git("config", f"branch.{branch}.merge", f"refs/heads/{branch}")
        return branch

    def head_commit(self) -> str:
        """The commit HEAD points at."""
        return self._git("rev-parse", "HEAD").strip()

    def _local_commit(self, branch: str) -> Optional[str]:
        found = self._run("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False)
        return found.stdout.strip() if found.returncode == 0 else None

    def _git(self, *args: str) -> str:
        return self._run(*args).stdout

    def _run(self, *args: str, check: bool = True) -> "subprocess.CompletedProcess[str]":
        command: List[str] = [self.git, "-C", self.dir, *args]
        # No prompt for credentials: a command that would ask fails with git's own message instead of hanging.
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
        try:
            done = subprocess.run(
                command, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, check=False
            )
        except OSError as error:
            raise CheckoutError(f"could not run git: {error}") from None
        if check and done.returncode != 0:
            raise CheckoutError(f"git {args[0]} failed: {_git_message(done.stderr) or f'exit status {done.returncode}'}")
        return done


def _git_message(text: str) -> str:
    """What git said went wrong: its first ``fatal:``/``error:`` line, else its last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix):]
    return lines[-1] if lines else ""
