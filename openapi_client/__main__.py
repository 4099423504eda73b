"""``python -m openapi_client``: the ``codegen-agents`` command line (see `openapi_client.cli`)."""

import sys

from openapi_client.cli import main

if __name__ == "__main__":
    sys.exit(main())
