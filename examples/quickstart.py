"""Create an agent run, follow it to its final status, print its result and web_url.

    python examples/quickstart.py ["your prompt"]

With CODEGEN_API_TOKEN and CODEGEN_ORG_ID set, this talks to the Codegen API
(CODEGEN_API_BASE_URL overrides https://api.codegen.com). Without them it
starts the SDK's local emulator in this process, so that it runs anywhere
without an account, and says so on stderr.

Exit status: 0 when the run completed, 1 when it ended in another final
status, 2 when the settings are unusable, 3 when the API call failed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator, Optional, Tuple

import openapi_client
from openapi_client import ApiException, run_status

DEFAULT_PROMPT = "List three ways to make a Python test suite faster."
API_URL = "https://api.codegen.com"


class SettingsError(Exception):
    """The environment does not say clearly where to connect."""


@contextlib.contextmanager
def api_settings() -> Iterator[Tuple[openapi_client.Configuration, int, Optional[float]]]:
    """Configuration, organisation and first poll interval: the real API if the environment names one, else an emulator.

    Against the API the SDK's own pacing applies (polls 1 s apart at first,
    spreading out to 10 s, within the read rate limit); the emulator finishes
    a run after two polls, so there they can come quickly.
    """
    token = os.environ.get("CODEGEN_API_TOKEN", "").strip()
    org = os.environ.get("CODEGEN_ORG_ID", "").strip()
    if token and org:
        try:
            org_id = int(org)
        except ValueError:
            raise SettingsError(f"CODEGEN_ORG_ID must be an integer, not {org!r}") from None
        host = os.environ.get("CODEGEN_API_BASE_URL", "").strip() or API_URL
        yield openapi_client.Configuration(host=host.rstrip("/"), access_token=token), org_id, None
        return
    if token or org:
        missing = "CODEGEN_ORG_ID" if token else "CODEGEN_API_TOKEN"
        raise SettingsError(f"{missing} is not set; set both CODEGEN_API_TOKEN and CODEGEN_ORG_ID, or neither")

    from openapi_client.testing import AgentApiEmulator

    with AgentApiEmulator() as emu:
        print(
            f"CODEGEN_API_TOKEN and CODEGEN_ORG_ID are not set: using the local emulator at {emu.url}"
            " (nothing is sent to the Codegen API).",
            file=sys.stderr,
        )
        yield openapi_client.Configuration(host=emu.url, access_token=emu.token), emu.org_id, 0.1


def main(argv: list[str]) -> int:
    prompt = " ".join(argv) or DEFAULT_PROMPT
    try:
        with api_settings() as (configuration, org_id, poll_seconds):
            with openapi_client.ApiClient(configuration) as client:
                api = openapi_client.AgentsApi(client)
                # Creates the run, then polls it until its status is final; progress goes to stderr.
                run = api.create_agent_run_and_wait(org_id, prompt, poll_interval=poll_seconds, progress=True)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ApiException as error:
        # A status of 0 means no response came; the message then says what was tried.
        what = f"HTTP {error.status} {error.reason}: {error.body}" if error.status else str(error)
        print(f"error: the API call failed: {what}", file=sys.stderr)
        return 3
    except KeyboardInterrupt as interrupt:
        # The SDK's message says which run goes on, and where to follow it.
        print(f"\n{interrupt or 'Stopped waiting; the agent run goes on.'}", file=sys.stderr)
        return 130

    print(f"status:  {run.status}")
    print(f"web_url: {run.web_url}")
    print("result:")
    print(run.result if run.result is not None else "(no result)")
    return 0 if run_status.is_success(run.status) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
