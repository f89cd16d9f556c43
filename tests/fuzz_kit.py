"""How long the fuzz tests run: a fast set of examples in ``make test``, a long one (at least
10,000 examples a target) in ``make test-explore`` (``SAHELSIM_HYPOTHESIS=explore``).

Both draw from the profile tests/conftest.py loads: the same examples on every ordinary run, so
that a failure repeats anywhere; fresh ones when exploring.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXPLORE = os.environ.get("SAHELSIM_HYPOTHESIS") == "explore"
#: Examples a target draws when exploring (``SAHELSIM_FUZZ_EXAMPLES`` overrides it).
LONG = int(os.environ.get("SAHELSIM_FUZZ_EXAMPLES", "10000"))

_RELAXED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def fuzz(fast: int, long: int = LONG, **more: object) -> settings:
    """Settings for a fuzz target: ``fast`` examples in ``make test``, ``long`` when exploring."""
    return settings(
        max_examples=long if EXPLORE else fast,
        deadline=None,
        suppress_health_check=_RELAXED,
        **more,  # type: ignore[arg-type]
    )
