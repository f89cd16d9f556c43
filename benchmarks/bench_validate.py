"""Validation cost against the bare libyaml parse, and start-up cost of ``sahelsim --help``.

Targets: validating a generated scenario of 5,000 events and 2,000 decisions costs at most 2x
parsing the same file with PyYAML's C loader; ``sahelsim --help`` answers in under 150 ms and
never imports Textual.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import yaml

from sahelsim.scenario import from_text


def generate(events: int = 5000, decisions: int = 2000, turns: int = 100) -> str:
    """A large valid scenario, built as text the way an author would write it."""
    out = [
        "format: sahelsim/1",
        "id: generated",
        "title: A generated scenario",
        "summary: Many events and decisions, for the benchmark.",
        "description: Generated.",
        f"calendar: {{unit: day, turns: {turns}}}",
        "sources:",
        "  wire: {title: A wire report, publisher: Wire, date: 2025-06-01}",
        "facts:",
    ]
    out += [f"  F{i}: {{source: wire, text: Fact number {i} was reported.}}" for i in range(200)]
    out += [
        "indicators:",
        "  security: {name: Security, start: 50, description: Simulated.}",
        "  morale: {name: Morale, start: 50}",
        "  standing: {name: Standing, start: 60}",
        "actors:",
        "  army: {name: The army, side: government, strength: 60}",
        "  rebels: {name: The rebels, side: insurgent, strength: 40}",
        "places:",
    ]
    out += [
        f"  town{i}: {{name: Town {i}, lat: {12 + i % 10}.5, lon: -{i % 8}.25, held_by: army}}"
        for i in range(50)
    ]
    out += [
        "roles:",
        "  adviser: {name: Adviser, principal: army, description: You advise the army.}",
        "advice: {accept: '0.2 + 0.6 * standing / 100', standing: standing}",
        "events:",
    ]
    for i in range(events):
        out += [
            f"  - id: event{i}",
            f"    turn: {1 + i % turns}",
            f"    title: Event {i} is reported",
            f"    text: Reports describe event {i} in the town of Town {i % 50}.",
            f"    facts: [F{i % 200}, F{(i * 7) % 200}]",
            f"    places: [town{i % 50}]",
            f"    effects: {{security: -{1 + i % 5}, morale: 'security / 50 - 1'}}",
        ]
    out.append("decisions:")
    for i in range(decisions):
        out += [
            f"  - id: decision{i}",
            f"    title: Decision {i}",
            f"    prompt: What do you advise about matter {i}?",
            f"    turn: {1 + i % turns}",
            f"    when: security < {40 + i % 30} or morale > 50",
            f"    facts: [F{i % 200}]",
            "    options:",
            "      - id: act",
            "        label: Act now",
            "        pros: [It is quick.]",
            "        cons: [It is costly.]",
            f"        effects: {{security: {i % 7}, rebels.strength: -2}}",
            "        later:",
            f"          - {{after: 2, text: Action {i} has effects., effects: {{morale: 3}}}}",
            "      - id: wait",
            "        label: Wait",
            "        effects: {morale: -2}",
            f"        control: {{town{i % 50}: rebels}}",
            f"    historical: {{option: wait, facts: [F{(i + 3) % 200}]}}",
        ]
    out += [
        "endings:",
        "  - {id: good, title: Good, when: security > 60, text: It went well.}",
        "  - {id: bad, title: Bad, text: It went badly.}",
    ]
    return "\n".join(out) + "\n"


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print the validation ratio and the start-up times."""
    text = generate()
    parse = best_of(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    check = best_of(lambda: from_text(text, "generated.yaml"))
    size = len(text.encode()) / 1e6
    print(f"file: {size:.1f} MB, 5000 events, 2000 decisions")
    print(f"bare libyaml parse (CSafeLoader): {parse * 1000:8.1f} ms")
    print(f"full validation (load + check):   {check * 1000:8.1f} ms")
    print(f"validation / parse ratio: {check / parse:.2f}  (target <= 2.00)")

    def run(argv: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        return time.perf_counter() - start

    bare = statistics.median(run([sys.executable, "-c", "pass"]) for _ in range(7))
    helped = statistics.median(run([sys.executable, "-m", "sahelsim", "--help"]) for _ in range(7))
    print(f"python -c pass: {bare * 1000:6.0f} ms (reference)")
    print(
        f"sahelsim --help: {helped * 1000:6.0f} ms  ({helped / bare:.1f}x the bare interpreter;"
        " target < 150 ms)"
    )


if __name__ == "__main__":
    main()
