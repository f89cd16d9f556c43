"""``sahelsim map``: the story map (:mod:`sahelsim.authoring.storymap`) as Markdown or HTML.

Markdown gives, for each decision option, the lists of what it changes, with the figures. HTML
gives the same lists and, for each role, a picture: the options on the left (by decision), the
reported events, storylets and moves they change in the middle, the endings on the right, with
an arrow from an option to each thing it makes likelier (solid) or rarer (dashed), its width
growing with the change. Scenario text is escaped by the renderers and by :func:`.svg.t`.
"""

from __future__ import annotations

from sahelsim.authoring.storymap import OptionMap, RoleMap, Shift, StoryMap
from sahelsim.i18n import N_, _, gettext
from sahelsim.reports import html as html_format
from sahelsim.reports import markdown as md_format
from sahelsim.reports.common import check_format, percent
from sahelsim.reports.doc import (
    Block,
    Document,
    Heading,
    Inlines,
    Items,
    Para,
    Svg,
    anchor_id,
    code,
    fill,
    muted,
)
from sahelsim.reports.svg import n, t

_KIND = {
    "event": N_("reported event"),
    "storylet": N_("storylet"),
    "move": N_("move"),
    "ending": N_("ending"),
}


def render_map(story: StoryMap, fmt: str = "md") -> str:
    """The story map as Markdown (``md``) or self-contained HTML (``html``).

    Raises:
        ValueError: ``fmt`` is not ``md`` or ``html``.
    """
    check_format(fmt)
    doc = build(story, pictures=fmt == "html")
    return html_format.render(doc) if fmt == "html" else md_format.render(doc)


def _pct(share: float) -> str:
    return percent(share)


def _change(story: StoryMap, shift: Shift) -> Inlines:
    name = story.titles.get(shift.id, shift.id)
    if shift.change > 0:
        # TRANSLATORS: {kind} is "storylet", "move" or "ending"; {id} its id, as code;
        # {share} and {others} percentages.
        said = _(
            "{kind} {id} ({name}): likelier, {share} of games against {others} with the "
            "other options"
        )
    else:
        said = _(
            "{kind} {id} ({name}): rarer, {share} of games against {others} with the other options"
        )
    return fill(
        said,
        kind=_(_KIND[shift.kind]),
        id=code(shift.id),
        name=name,
        share=_pct(shift.share),
        others=_pct(shift.others),
    )


def _event(story: StoryMap, shift: Shift) -> Inlines:
    name = story.titles.get(shift.id, shift.id)
    if shift.moved:
        said = _(
            "{id} ({name}): happens as reported in {share} of games, diverges in {rest}; with "
            "the other options {others}"
        )
    else:
        said = _(
            "{id} ({name}): happens as reported in {share} of games, diverges in {rest}; with "
            "the other options {others} (no change beyond noise)"
        )
    return fill(
        said,
        id=code(shift.id),
        name=name,
        share=_pct(shift.share),
        rest=_pct(1 - shift.share),
        others=_pct(shift.others),
    )


def _option(story: StoryMap, option: OptionMap) -> list[Block]:
    blocks: list[Block] = [
        Heading(4, fill(_("Option {id}: {label}"), id=code(option.option), label=option.label))
    ]
    if option.events:
        blocks.append(Para((_("Later reported events:"),)))
        blocks.append(Items(tuple(_event(story, s) for s in option.events)))
    if option.fired:
        blocks.append(Para((_("Storylets and moves:"),)))
        blocks.append(Items(tuple(_change(story, s) for s in option.fired)))
    if option.endings:
        blocks.append(Para((_("Endings:"),)))
        blocks.append(Items(tuple(_change(story, s) for s in option.endings)))
    if not option.fired and not option.endings:
        blocks.append(Para((muted(_("No storylet, move or ending moves beyond noise.")),)))
    return blocks


def build(story: StoryMap, *, pictures: bool = False) -> Document:
    """The story map as a document; ``pictures`` adds each role's drawing (HTML only)."""
    doc = Document(_("Story map: {title}").format(title=story.title))
    doc.add(
        Para(
            (
                _(
                    "For each option of each decision, {runs} seeded games (seed {seed}) always "
                    "advise it, on the same runs as the other options of the decision; what "
                    "differs is what the option changed. A storylet, move or ending is listed "
                    "when its share differs from the other options' by more than twice the "
                    "standard error of the paired difference and at least 2 points. Every "
                    "figure is simulated."
                ).format(runs=story.runs, seed=story.seed),
            )
        )
    )
    for role in story.roles:
        doc.add(Heading(2, fill(_("Role: {role} ({id})"), role=role.name, id=code(role.role))))
        if pictures:
            doc.add(Svg(picture(story, role)))
        if not role.decisions:
            doc.add(Para((muted(_("This role advises on nothing.")),)))
        for d in role.decisions:
            # TRANSLATORS: a decision's heading in the story map: "Turn 3: Title (its_id)".
            heading = fill(
                _("Turn {turn}: {title} ({id})"), turn=str(d.turn), title=d.title, id=code(d.id)
            )
            doc.add(Heading(3, heading))
            if not d.options:
                doc.add(
                    Para(
                        (
                            muted(
                                _("Offered in only {games} of the games: not mapped.").format(
                                    games=d.games
                                )
                            ),
                        )
                    )
                )
                continue
            doc.add(
                Para(
                    (
                        muted(
                            _("Compared over the {games} games that offered it.").format(
                                games=d.games
                            )
                        ),
                    )
                )
            )
            for option in d.options:
                doc.add(*_option(story, option))
    return doc


# -- the picture -----------------------------------------------------------------------------

_ROW = 22
_WIDTH = 900
_LEFT, _MIDDLE, _RIGHT = 10, 330, 650
_BOX = 240


def picture(story: StoryMap, role: RoleMap) -> str:
    """The role's decisions → events → endings, as inline SVG."""
    options = [(d, o) for d in role.decisions for o in d.options]
    middle: list[str] = []
    ends: list[str] = []
    for _d, o in options:
        for s in (*o.events, *o.fired):
            if s.moved and s.id not in middle:
                middle.append(s.id)
        for s in o.endings:
            if s.id not in ends:
                ends.append(s.id)
    rows = max(len(options), len(middle), len(ends), 1)
    height = 40 + rows * _ROW
    arrow = anchor_id("arrow", role.role)
    label = gettext("Story map of role {role}").format(role=role.name)
    # TRANSLATORS: a line's tooltip in the story map: "hold: E3 40% against 25%".
    against = gettext("{option}: {id} {share} against {others}")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'role="img" aria-label="{t(label)}" font-size="11" '
        'font-family="Helvetica, Arial, sans-serif">',
        f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
        f'<text x="{_LEFT}" y="16" font-weight="bold">{t(gettext("Options"))}</text>',
        f'<text x="{_MIDDLE}" y="16" font-weight="bold">'
        f"{t(gettext('Events, storylets, moves'))}</text>",
        f'<text x="{_RIGHT}" y="16" font-weight="bold">{t(gettext("Endings"))}</text>',
    ]

    def y(index: int) -> float:
        return 30 + index * _ROW + _ROW / 2

    def box(x: int, index: int, label: str, fill: str) -> None:
        out.append(
            f'<rect x="{x}" y="{n(y(index) - 9)}" width="{_BOX}" height="18" rx="3" '
            f'fill="{fill}" stroke="#888"/>'
            f'<text x="{x + 4}" y="{n(y(index) + 4)}">{t(_short(label))}</text>'
        )

    for i, (d, o) in enumerate(options):
        box(_LEFT, i, f"{d.id}={o.option}", "#f3f1ea")
    for i, ident in enumerate(middle):
        box(_MIDDLE, i, story.titles.get(ident, ident), "#e8eef7")
    for i, ident in enumerate(ends):
        box(_RIGHT, i, story.titles.get(ident, ident), "#f7ede2")
    for i, (_d, o) in enumerate(options):
        for s in (*o.events, *o.fired, *o.endings):
            if not s.moved:
                continue
            if s.kind == "ending":
                x2, j = _RIGHT, ends.index(s.id)
            else:
                x2, j = _MIDDLE, middle.index(s.id)
            up = s.change > 0
            width = 0.8 + 6 * min(1.0, abs(s.change))
            colour = "#2e7d32" if up else "#c62828"
            dash = "" if up else ' stroke-dasharray="5 3"'
            tip = against.format(
                option=o.option, id=s.id, share=_pct(s.share), others=_pct(s.others)
            )
            out.append(
                f'<line x1="{_LEFT + _BOX}" y1="{n(y(i))}" x2="{x2}" y2="{n(y(j))}" '
                f'stroke="{colour}" stroke-width="{n(width)}" stroke-opacity="0.6"{dash} '
                f'marker-end="url(#{arrow})"><title>{t(tip)}</title></line>'
            )
    out.append("</svg>")
    return "".join(out)


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
