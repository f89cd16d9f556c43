"""The headless simulator: many games played by a policy, tallied for the scenario's author.

A face over the engine like the game screen is: it plays :class:`sahelsim.engine.Game` objects
and shows only what they record. ``sahelsim simulate`` is its command line.

Typical use::

    from sahelsim.simulate import random_policy, simulate
    outcome = simulate(scenario, random_policy(), runs=1000, seed=0, role="adviser")
    outcome.tally.endings  # Counter of ending ids
"""

from sahelsim.simulate.policy import (
    Policy,
    PolicyError,
    historical_policy,
    load_policy,
    policy_from_mapping,
    random_policy,
)
from sahelsim.simulate.runner import CHUNK, Outcome, play, run_seeds, simulate, tally_runs
from sahelsim.simulate.stats import Distribution, Tally

__all__ = [
    "CHUNK",
    "Distribution",
    "Outcome",
    "Policy",
    "PolicyError",
    "Tally",
    "historical_policy",
    "load_policy",
    "play",
    "policy_from_mapping",
    "random_policy",
    "run_seeds",
    "simulate",
    "tally_runs",
]
