"""``sahelsim new``: a commented starter scenario that validates, lints clean and plays.

The starter is the smallest scenario that shows every part an author needs: two turns, a role,
sources and facts (one with disagreeing claims and voices), a reported event citing facts, an
event that diverges when the player's advice changes history, a decision with a historical
option and a delayed consequence, a storylet, and two endings, each reachable. Its text is
labelled as an example throughout, so that nobody mistakes it for a report.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

#: A scenario id: lowercase words (letters and digits) joined by single hyphens.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The file name of the JSON Schema written beside new scenarios.
SCHEMA_NAME = "sahelsim-1.schema.json"

EXIT_EXISTS, EXIT_USAGE = 1, 2


class NewError(Exception):
    """``sahelsim new`` cannot write the starter; ``str()`` is one line, ``code`` the exit
    status."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Written:
    """What ``new`` wrote: the scenario file, the schema file if it was absent, and the
    starter's translation when a language was asked for."""

    scenario: Path
    schema: Path | None
    translation: Path | None = None


#: The languages the starter is translated into (``sahelsim new ID --lang fr``).
LANGUAGES = ("fr",)

#: The starter's text in French, by key (docs/authoring.md, "Translating a scenario"); the
#: title is made from the id (:func:`french`). Quotes stay in the English of their sources:
#: these are the translations shown beside them.
FRENCH = {
    "summary": "Une attaque fictive contre un poste de l'armée, à remplacer par votre situation "
    "en une ligne.",
    "description": "EXEMPLE. Le briefing : la situation au départ, qui est impliqué, et sur quoi "
    "le joueur conseille. Ici, des hommes armés attaquent un poste de l'armée près d'Exempleville "
    "; l'armée doit décider de tenir le poste ou d'en retirer la garnison.",
    "facts.F1.text": "Des hommes armés ont attaqué le poste de l'armée près d'Exempleville ; les "
    "bilans diffèrent.",
    "facts.F1.claims.0.says": "trois soldats tués, selon un responsable local",
    "facts.F1.claims.0.translation": "EXEMPLE : trois soldats ont été tués, a dit un responsable "
    "local",
    "facts.F1.claims.1.says": "l'armée dit avoir repoussé l'attaque, sans donner de bilan",
    "facts.F1.claims.1.translation": "EXEMPLE : l'attaque a été repoussée",
    "facts.F2.text": "Le groupe armé a dit dans un communiqué que ses combattants avaient attaqué "
    "le poste.",
    "facts.F2.translation": "EXEMPLE : le groupe a dit que ses combattants avaient attaqué le "
    "poste",
    "facts.F3.text": "L'armée a retiré la garnison du poste le lendemain de l'attaque.",
    "facts.F3.translation": "EXEMPLE : l'armée a retiré sa garnison du poste mardi",
    "indicators.security.name": "Sécurité",
    "indicators.security.description": "Une mesure simulée de la façon dont l'armée tient la "
    "zone. Ce n'est pas un chiffre rapporté.",
    "indicators.standing.name": "Votre crédit",
    "indicators.standing.description": "Une mesure simulée de la confiance que votre "
    "supérieur accorde à vos conseils.",
    "actors.army.name": "Armée nationale EXEMPLE",
    "actors.army.short": "Armée",
    "actors.group.name": "Groupe armé EXEMPLE",
    "actors.group.short": "Groupe",
    "places.post.name": "Poste de l'armée EXEMPLE",
    "roles.adviser.name": "Conseiller sécurité",
    "roles.adviser.principal_title": "le chef d'état-major",
    "roles.adviser.description": "Vous conseillez le chef d'état-major. Le chef décide : un "
    "conseil qui s'écarte de ce qui a vraiment été fait n'est suivi que dans la mesure de votre "
    "crédit.",
    "events.post_attacked.title": "Des hommes armés attaquent le poste de l'armée",
    "events.post_attacked.text": "EXEMPLE. Des hommes armés attaquent le poste de l'armée près "
    "d'Exempleville. Un responsable local dit que trois soldats ont été tués ; l'armée dit avoir "
    "repoussé l'attaque et ne donne pas de bilan. Le groupe armé dit que ses combattants ont mené "
    "l'attaque.",
    "events.garrison_withdrawn.title": "La garnison quitte le poste",
    "events.garrison_withdrawn.text": "EXEMPLE. L'armée retire la garnison du poste.",
    "events.garrison_withdrawn.diverged": "Simulé : dans cette partie, la garnison reste, car "
    "le chef d'état-major a suivi votre conseil de tenir le poste. Selon les sources, l'armée "
    "l'a retirée (F3).",
    "storylets.empty_post_looted.title": "Le poste vide est pillé",
    "storylets.empty_post_looted.text": "Dans cette partie, des hommes armés pillent le poste "
    "abandonné.",
    "decisions.post_garrison.title": "La garnison du poste",
    "decisions.post_garrison.prompt": "Le poste a été attaqué. Conseillez-vous de le tenir ou "
    "d'en retirer la garnison ?",
    "decisions.post_garrison.options.hold.label": "Renforcer et tenir le poste",
    "decisions.post_garrison.options.hold.pros.0": "Garde l'armée dans la zone",
    "decisions.post_garrison.options.hold.cons.0": "Le chef d'état-major veut se replier",
    "decisions.post_garrison.options.hold.cons.1": "Les renforts doivent emprunter des routes "
    "exposées",
    "decisions.post_garrison.options.hold.outcome": "Dans cette partie, des renforts sont "
    "envoyés au poste.",
    "decisions.post_garrison.options.hold.later.0.text": "Dans cette partie, le poste renforcé "
    "repousse une attaque de reconnaissance.",
    "decisions.post_garrison.options.withdraw.label": "Retirer la garnison",
    "decisions.post_garrison.options.withdraw.pros.0": "Sauve les soldats qui restent",
    "decisions.post_garrison.options.withdraw.pros.1": "Rejoint l'avis du chef d'état-major",
    "decisions.post_garrison.options.withdraw.cons.0": "Laisse la zone au groupe armé",
    "decisions.post_garrison.options.withdraw.outcome": "Dans cette partie, comme dans les "
    "sources, la garnison reçoit l'ordre de partir.",
    "decisions.post_garrison.historical.note": "L'armée a retiré la garnison le lendemain de "
    "l'attaque.",
    "endings.post_held.title": "Le poste tient",
    "endings.post_held.text": "Dans cette partie, l'armée a gardé son poste. Les sources disent "
    "qu'elle s'est retirée : qu'a coûté le fait de tenir, et qu'est-ce que cela a changé ?",
    "endings.post_held.questions.0": "Pourquoi l'armée s'est-elle peut-être vraiment retirée ?",
    "endings.post_abandoned.title": "Le poste est abandonné",
    "endings.post_abandoned.text": "Comme dans les sources, l'armée a quitté le poste. Cette fin "
    "est simulée ; le retrait est rapporté (F3).",
    "endings.post_abandoned.questions.0": "À quel récit de l'attaque avez-vous fait confiance, "
    "et pourquoi ?",
    "questions.0": "Sur quoi les sources s'accordent-elles, et où divergent-elles ?",
    "glossary.EXAMPLE.term": "EXEMPLE",
    "glossary.EXAMPLE.means": "Un exemple à remplacer ; tout ce qui est marqué ainsi dans ce "
    "point de départ est inventé.",
    "glossary.garrison.term": "garnison",
    "glossary.garrison.means": "Les soldats stationnés dans une base ou un poste.",
}


_BEFORE_PUNCTUATION = re.compile(r" ([:;?!])")


def french(ident: str) -> dict[str, str]:
    """The starter's text in French, by key, for id ``ident``, with French typography's
    no-break space before ``:`` ``;`` ``?`` and ``!``."""
    texts = {"title": f"EXEMPLE : {title_of(ident)}", **FRENCH}
    return {key: _BEFORE_PUNCTUATION.sub("\u00a0\\1", text) for key, text in texts.items()}


TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# {id}: a starter scenario written by `sahelsim new`. EVERYTHING IN IT IS AN EXAMPLE: replace
# the sources, facts, places and text with your situation before anyone plays it.
#
# The honesty rule: every statement the game makes is either REPORTED (it cites facts, which rest
# on sources) or SIMULATED (it names the rule that produced it). Keep the two apart:
#   - sources, facts, events: what documents report, in sober words, on the day it happened;
#   - indicators, decisions, storylets, endings and every number in `effects`: the game's rules.
#
# Check your work as you go (docs/authoring.md walks through each step):
#   sahelsim validate {file}               errors, each at LINE:COL
#   sahelsim lint {file}                   what is valid but probably wrong
#   sahelsim simulate {file} --runs 1000   the spread of endings, for balance
#   sahelsim play {file} --plain           play it
# The schema beside this file ({schema}) gives your editor completion and the
# description of every key; `sahelsim schema` prints it again.

format: sahelsim/1
id: {id}
title: "{title}"
summary: An example attack on an army post, to replace with your situation in one line.
description: >-
  EXAMPLE. The briefing: the situation at the start, who is involved, and what the player
  advises on. Here, armed men attack an army post outside Example Town; the army must decide
  whether to hold the post or withdraw its garrison.
language: en
authors:
  - Your name

# Turns last a day (or a week); `start` is the real date of turn 1. Leave `start` out if the
# sources give no dates: turns are then shown as Day 1, Day 2... To skip quiet days or weeks,
# list each turn's date instead of `turns` and `start`: `dates: [2025-01-06, 2025-01-20]`.
calendar:
  unit: day
  turns: 2
  start: 2025-01-06

# The player advises a principal, who takes advice that departs from what history did only
# with this chance (0 to 1). Advice that matches history is always taken.
advice:
  standing: standing
  accept: "0.3 + 0.5 * standing / 100"

# ---------------------------------------------------------------------------------------------
# The ledger: sources (documents), then facts (one reported statement each, citing a source).
# ---------------------------------------------------------------------------------------------
# Every source gives its title as published, its publisher, its date and, where it has one, its
# address (`url`), so that a reader can find it.
sources:
  wire:
    title: "EXAMPLE: Armed men attack army post near Example Town"
    publisher: Example Wire
    date: 2025-01-06
    url: https://example.invalid/wire/post-attacked
    # file: sources/wire.txt   # a text copy of the report: quotes are then checked against it
  army_statement:
    title: "EXAMPLE: Army statement on the attack at Example Town"
    publisher: Example army press office
    date: 2025-01-06
    url: https://example.invalid/army/statement
  followup:
    title: "EXAMPLE: Army pulls garrison out of post near Example Town"
    publisher: Example Wire
    date: 2025-01-07
    url: https://example.invalid/wire/garrison-withdrawn

facts:
  F1:
    text: Armed men attacked the army post outside Example Town; reports of the toll differ.
    date: 2025-01-06
    # Where sources disagree, give each one's claim side by side; `voice` marks whose account
    # a claim is (an actor id), so that readers see who says what.
    # Each fact (or each claim) quotes the source's exact short words.
    claims:
      - source: wire
        says: three soldiers killed, according to a local official
        figure: 3
        quote: "EXAMPLE: three soldiers were killed, a local official said"
      - source: army_statement
        says: the army said the attack was repelled, and gave no toll
        voice: army
        quote: "EXAMPLE: the attack was repelled"
  F2:
    text: The armed group said in a statement that its fighters had attacked the post.
    source: wire
    voice: group
    quote: "EXAMPLE: the group said its fighters had attacked the post"
  F3:
    text: The army withdrew the garrison from the post the day after the attack.
    source: followup
    date: 2025-01-07
    quote: "EXAMPLE: the army pulled its garrison out of the post on Tuesday"

# ---------------------------------------------------------------------------------------------
# The state the player steers. Every indicator is simulated: say so in its description.
# ---------------------------------------------------------------------------------------------
indicators:
  security:
    name: Security
    start: 50
    good: high
    description: A simulated measure of how well the army holds the area. Not a reported figure.
  standing:
    name: Your standing
    start: 50
    good: high
    description: A simulated measure of how far your principal trusts your advice.

actors:
  army:
    name: EXAMPLE national army
    short: Army
    side: government
    strength: 50
    present: [post]
  group:
    name: EXAMPLE armed group
    short: Group
    side: insurgent
    strength: 40
    facts: [F2]

places:
  post:
    name: EXAMPLE army post
    kind: base
    lat: 14.0
    lon: -2.0
    approximate: true
    held_by: army

roles:
  adviser:
    name: Security adviser
    principal: army
    principal_title: the army chief of staff
    description: >-
      You advise the army chief of staff. The chief decides: advice that departs from what was
      really done is taken only as far as your standing allows.

# ---------------------------------------------------------------------------------------------
# Reported events happen on their real turn and cite the facts that report them. Their effects'
# sizes are simulated. An event with `when` happens only if it holds; otherwise the game says
# that, in this game, it did not happen as reported (`diverged`).
# ---------------------------------------------------------------------------------------------
events:
  - id: post_attacked
    turn: 1
    title: Armed men attack the army post
    text: >-
      EXAMPLE. Armed men attack the army post outside Example Town. A local official says three
      soldiers were killed; the army says the attack was repelled and gives no toll. The armed
      group says its fighters carried out the attack.
    facts: [F1, F2]
    places: [post]
    effects:
      security: -5
      group.strength: 3

  - id: garrison_withdrawn
    turn: 2
    title: The garrison leaves the post
    text: EXAMPLE. The army withdraws the garrison from the post.
    facts: [F3]
    places: [post]
    when: "post_garrison == 'withdraw'"
    diverged: >-
      Simulated: in this game the garrison stays, because the chief of staff took your advice to
      hold the post. In the reports, the army withdrew it (F3).
    control:
      post: null

# ---------------------------------------------------------------------------------------------
# Decisions: 2 to 4 options, each with effects now and `later`. `historical` names the option
# history took; advice against it may be overruled.
# ---------------------------------------------------------------------------------------------
decisions:
  - id: post_garrison
    title: The garrison at the post
    prompt: The post has been attacked. Do you advise holding it or withdrawing the garrison?
    turn: 1
    facts: [F1]
    options:
      - id: hold
        label: Reinforce and hold the post
        pros: [Keeps the army in the area]
        cons: [The chief of staff wants to pull back, Reinforcements must use exposed roads]
        effects:
          security: 8
          standing: -10
        later:
          - after: 1
            text: In this game, the reinforced post beats back a probing attack.
            effects:
              security: 4
        outcome: In this game, reinforcements are sent to the post.
      - id: withdraw
        label: Withdraw the garrison
        pros: [Saves the soldiers who are left, Matches the chief of staff's view]
        cons: [Leaves the area to the armed group]
        effects:
          security: -6
          standing: 5
        outcome: In this game, as in the reports, the garrison is ordered out.
    historical:
      option: withdraw
      facts: [F3]
      note: The army withdrew the garrison the day after the attack.

# ---------------------------------------------------------------------------------------------
# Storylets are simulated events: a condition, then a `chance` each turn (or a `weight` in a
# draw of one per turn). They are always shown as simulated.
# ---------------------------------------------------------------------------------------------
storylets:
  - id: empty_post_looted
    title: The empty post is looted
    text: In this game, armed men loot the abandoned post.
    turn: 2
    when: "post.held_by == nobody"
    chance: 0.5
    effects:
      security: -3

# ---------------------------------------------------------------------------------------------
# Endings: the first whose `when` holds at the end is reached; the last has no `when`. Each
# text is a simulated outcome, with questions for the class.
# ---------------------------------------------------------------------------------------------
endings:
  - id: post_held
    title: The post holds
    when: "post.held_by == army"
    text: >-
      In this game the army kept its post. The reports say it withdrew: what did holding cost,
      and what did it change?
    questions:
      - Why might the army really have withdrawn?
  - id: post_abandoned
    title: The post is abandoned
    text: >-
      As in the reports, the army left the post. This ending is simulated; the withdrawal is
      reported (F3).
    questions:
      - Whose account of the attack did you trust, and why?

questions:
  - What do the sources agree on, and where do they differ?

# ---------------------------------------------------------------------------------------------
# Glossary: the words a student may not know, each explained in one plain line where the game
# first uses it (`aliases` for other forms the text writes). Lint warns about an acronym that
# neither the glossary nor the text explains, and about a term no text uses.
# ---------------------------------------------------------------------------------------------
glossary:
  EXAMPLE:
    means: A placeholder; everything marked so in this starter is made up and must be replaced.
  garrison:
    means: The soldiers stationed at a base or post.
"""


def title_of(ident: str) -> str:
    """A placeholder title from an id: ``sahel-attack`` → ``Sahel attack``."""
    words = ident.replace("-", " ")
    return words[:1].upper() + words[1:]


def render(ident: str, file_name: str | None = None, schema: str = SCHEMA_NAME) -> str:
    """The starter scenario's text for id ``ident``."""
    return TEMPLATE.format(
        id=ident,
        title=f"EXAMPLE: {title_of(ident)}",
        file=file_name or f"{ident}.yaml",
        schema=schema,
    )


def check_id(ident: str) -> None:
    """Raise :class:`NewError` (exit 2) unless ``ident`` is lowercase words and hyphens."""
    if not ID_PATTERN.fullmatch(ident) or len(ident) > 80:
        raise NewError(
            f"bad scenario id {ident!r}: use lowercase words and digits joined by hyphens, "
            "e.g. 'niger-2023-coup' (at most 80 characters)",
            EXIT_USAGE,
        )


def write(ident: str, folder: Path, *, language: str | None = None) -> Written:
    """Write the starter ``folder/ident.yaml`` and, if absent, the schema beside it; with
    ``language`` (one of :data:`LANGUAGES`), also its translation ``folder/ident.LANG.yaml``
    and, if absent, the translation files' schema.

    Raises:
        NewError: a bad id or language (exit 2), an existing file (exit 1), or a folder that
            cannot be written (exit 2).
    """
    check_id(ident)
    if language is not None and language not in LANGUAGES:
        raise NewError(
            f"the starter is not translated into {language!r}; languages: "
            f"{', '.join(LANGUAGES)} (or write one with 'sahelsim translate')",
            EXIT_USAGE,
        )
    target = folder / f"{ident}.yaml"
    translation = folder / f"{ident}.{language}.yaml" if language is not None else None
    if translation is not None and translation.exists():
        raise NewError(
            f"{translation} already exists; choose another id or --dir (nothing was written)",
            EXIT_EXISTS,
        )
    schema_path = folder / SCHEMA_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NewError(f"{folder} exists and is not a folder", EXIT_USAGE) from None
    except OSError as exc:
        raise NewError(f"cannot create {folder}: {exc.strerror or exc}", EXIT_USAGE) from None
    text = render(ident, str(target))
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise NewError(
            f"{target} already exists; choose another id or --dir (nothing was written)",
            EXIT_EXISTS,
        ) from None
    except OSError as exc:
        raise NewError(f"cannot write {target}: {exc.strerror or exc}", EXIT_USAGE) from None
    wrote_schema = None
    if not schema_path.exists():
        from sahelsim.scenario.jsonschema import json_schema_text

        try:
            schema_path.write_text(json_schema_text(), encoding="utf-8")
            wrote_schema = schema_path
        except OSError:
            wrote_schema = None  # the scenario is written; completion is a convenience
    if language is None:
        return Written(target, wrote_schema)
    return Written(target, wrote_schema, _write_translation(ident, target, language))


def _write_translation(ident: str, target: Path, language: str) -> Path:
    """The starter's translation into ``language``, beside ``target``, fingerprinted by the
    same tool a translator uses (:func:`sahelsim.authoring.translate.refresh`)."""
    from sahelsim.authoring.translate import SCHEMA_NAME as TRANSLATION_SCHEMA
    from sahelsim.authoring.translate import TranslateError, refresh
    from sahelsim.i18n import _
    from sahelsim.scenario.jsonschema import translation_json_schema_text

    schema = target.parent / TRANSLATION_SCHEMA
    if not schema.exists():
        # The translation is written anyway: completion is a convenience.
        with contextlib.suppress(OSError):
            schema.write_text(translation_json_schema_text(), encoding="utf-8")
    try:
        done = refresh(
            target,
            language,
            given=french(ident),
            schema=TRANSLATION_SCHEMA if schema.exists() else None,
        )
    except TranslateError as exc:
        # The refusal's words, kept as said (its problem in the program's language).
        raise NewError(exc.spoken(_), exc.code) from None
    return done.path
