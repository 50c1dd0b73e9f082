"""Run BIG Desk with ``python -m bigdesk``."""

import sys

from bigdesk.cli import main

sys.exit(main())
