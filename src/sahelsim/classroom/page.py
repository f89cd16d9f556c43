"""The pages a student's phone is served: one HTML page, its parts, and nothing external.

Everything a page shows from the scenario (a prompt, an option's label) goes through
:func:`html.escape` here and nowhere else, so a ``<script>`` in a scenario file is shown as
written. The live view is rendered here too, as an HTML fragment: the server sends it inside a
JSON payload over server-sent events and the page's script swaps it in, so there is one
renderer and one place that escapes.

The page works without its script as well (each option is a small form that posts the vote and
comes back), and with it follows the game live. Styles and script are inline, under a
per-response nonce the server puts in its Content-Security-Policy.

The pages speak the program's language (:mod:`sahelsim.i18n`): their words, the script's and
the ``<html lang>`` are in it; scenario text is shown as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import NamedTuple

from sahelsim.i18n import N_, _, language
from sahelsim.text import clean, one_line


class Choice(NamedTuple):
    """An option as the phones show it: its letter on the projector, its id, its label."""

    letter: str
    option_id: str
    label: str


@dataclass(frozen=True)
class Question:
    """A decision put to the class: what the phones show while its vote is open.

    Attributes:
        decision_id: The decision's id (votes name it).
        title: The decision in a few words.
        prompt: The question.
        choices: The options in the order the projector shows them.
    """

    decision_id: str
    title: str
    prompt: str
    choices: tuple[Choice, ...]

    def choice(self, option_id: str) -> Choice | None:
        """The choice with this option id, if the question has it."""
        return next((c for c in self.choices if c.option_id == option_id), None)


#: What a change of vote is allowed: said on every open question's page.
CHANGE_NOTE = N_("You can change your vote until the teacher closes it.")

_STYLE = """
*{box-sizing:border-box}
body{margin:0;font:18px/1.4 system-ui,sans-serif;background:#f6f4ef;color:#1b1b1b}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.4rem 0 1rem}
.title{font-weight:bold;color:#5a4a2a;margin:0}
.team{margin:0 0 .4rem;font-weight:bold;color:#1b4a6b}
.note{color:#444}
.status{min-height:1.4em;color:#8a2a00;font-weight:bold}
form{margin:0 0 .8rem}
button,input{font:inherit}
.choice{display:flex;width:100%;min-height:4rem;align-items:center;gap:.8rem;text-align:left;
padding:.7rem 1rem;border:3px solid #333;border-radius:.6rem;background:#fff;color:#1b1b1b}
.choice.mine{background:#1b1b1b;color:#fff}
.letter{font-weight:bold;font-size:1.4rem;min-width:1.6rem}
.code{font-size:1.6rem;letter-spacing:.3rem;text-transform:uppercase;width:100%;padding:.6rem;
border:3px solid #333;border-radius:.6rem}
.go{width:100%;min-height:3.5rem;margin-top:.8rem;border:0;border-radius:.6rem;
background:#1b1b1b;color:#fff;font-weight:bold}
"""

_SCRIPT = """
(function(){
var main=document.getElementById('main');
var status=document.getElementById('status');
var csrf=document.querySelector('meta[name=csrf]').content;
function show(html){main.innerHTML=html;bind();}
function say(text){status.textContent=text;}
function bind(){
 var forms=main.querySelectorAll('form.vote');
 for(var i=0;i<forms.length;i++){forms[i].addEventListener('submit',vote);}
}
function vote(ev){
 ev.preventDefault();
 var f=ev.currentTarget;
 say({sending});
 fetch('/vote',{method:'POST',credentials:'same-origin',
  headers:{'Content-Type':'application/json','X-CSRF-Token':csrf},
  body:JSON.stringify({decision:f.elements.decision.value,option:f.elements.option.value,
  ballot:f.elements.ballot.value})})
 .then(function(r){return r.json();})
 .then(function(d){if(d.html){show(d.html);}say(d.error||'');})
 .catch(function(){say({not_sent});});
}
bind();
if(window.EventSource){
 var es=new EventSource('/events');
 es.addEventListener('state',function(e){
  show(JSON.parse(e.data).html);say('');
  if(main.querySelector('[data-rejoin]')){es.close();}
 });
 es.onerror=function(){
  say(es.readyState===2?{disconnected}:{reconnecting});
 };
}
})();
"""


def _js(text: str) -> str:
    """``text`` as a JavaScript string literal, safe inside a ``<script>`` element."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\x3c")
    return "'" + escaped.replace("\n", "\\n") + "'"


def _script() -> str:
    """The page's script, its words in the program's language."""
    return (
        _SCRIPT.replace("{sending}", _js(_("Sending…")))
        .replace("{not_sent}", _js(_("Not sent: check the Wi-Fi and tap again.")))
        .replace("{disconnected}", _js(_("Disconnected: reload the page.")))
        .replace("{reconnecting}", _js(_("Reconnecting…")))
    )


def _words(text: str) -> str:
    """The page's own words as HTML text (``&``, ``<`` and ``>`` escaped)."""
    return escape(text, quote=False)


def _text(value: str) -> str:
    """Scenario text as HTML: control characters dropped, then escaped."""
    return escape(clean(value))


def _line(value: str) -> str:
    return escape(one_line(value))


def fragment(
    question: Question | None,
    is_open: bool,
    mine: str | None,
    csrf: str,
    wait: str,
    *,
    over: bool = False,
    ballot: str = "",
    team: str = "",
) -> str:
    """The live part of a student's page.

    Args:
        question: The decision put to the class (or to the device's team), or ``None``
            between votes.
        is_open: Whether its vote is open.
        mine: The option this device voted for, if any.
        csrf: The device's request token (put in each vote form).
        wait: What to say between votes (or, once the game is over, after it).
        over: Whether the game has ended: the page says so, and asks nothing more.
        ballot: The device's one-use ballot (put in each vote form): a vote sent twice is
            refused the second time.
        team: The name of the device's team, in a game of several teams ("" in a class that
            plays one role).
    """
    said_team = (
        '<p class="team">' + _words(_("Your team: {team}")).format(team=_line(team)) + "</p>"
        if team
        else ""
    )
    if question is None and over:
        heading = _words(_("The game is over"))
        return f'{said_team}<h1>{heading}</h1><p class="note">{_text(wait)}</p>'
    if question is None:
        heading, keep = (
            _words(_("Waiting for the next question")),
            _words(_("Keep this page open.")),
        )
        return (
            f"{said_team}<h1>{heading}</h1>"
            f'<p class="note">{_text(wait)}</p>'
            f'<p class="note">{keep}</p>'
        )
    parts = [
        f'{said_team}<p class="title">{_line(question.title)}</p><h1>{_text(question.prompt)}</h1>'
    ]
    voted = question.choice(mine) if mine is not None else None
    if not is_open:
        said = (
            _words(_("You voted {letter}: {option}.")).format(
                letter=escape(voted.letter), option=_line(voted.label)
            )
            if voted
            else _words(_("You did not vote on this one."))
        )
        parts.append(
            "<p><b>"
            + _words(_("The vote is closed."))
            + "</b> "
            + _words(_("{said} Look at the projector.")).format(said=said)
            + "</p>"
        )
        return "".join(parts)
    for choice in question.choices:
        picked = choice.option_id == mine
        parts.append(
            '<form class="vote" method="post" action="/vote">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
            f'<input type="hidden" name="decision" value="{escape(question.decision_id)}">'
            f'<input type="hidden" name="option" value="{escape(choice.option_id)}">'
            f'<input type="hidden" name="ballot" value="{escape(ballot)}">'
            f'<button class="choice{" mine" if picked else ""}" type="submit"'
            f' aria-pressed="{"true" if picked else "false"}">'
            f'<span class="letter">{escape(choice.letter)}</span>'
            f"<span>{_line(choice.label)}</span></button></form>"
        )
    change = _words(_(CHANGE_NOTE))
    if voted is not None:
        mark = _words(_("Your vote: {letter}.")).format(letter=escape(voted.letter))
        parts.append(f'<p class="note"><b>{mark}</b> {change}</p>')
    else:
        tap = _words(_("Tap your choice."))
        parts.append(f'<p class="note">{tap} {change}</p>')
    return "".join(parts)


def _code_form(css: str = "") -> str:
    """The box that takes the join code, and its button."""
    kind = f' class="{css}"' if css else ""
    label, join = escape(_("Join code")), _words(_("Join"))
    return (
        f'<form{kind} method="post" action="/join">'
        '<input class="code" name="code" autocomplete="off" autocapitalize="characters"'
        f' spellcheck="false" maxlength="12" aria-label="{label}" required>'
        f'<button class="go" type="submit">{join}</button></form>'
    )


def rejoin_fragment() -> str:
    """The live part of the page of a device that joined the game before: a new game has
    started, with a new code, and the device must join it (the box takes the code)."""
    return (
        '<h1 data-rejoin="1">' + _words(_("A new game has started: join again")) + "</h1>"
        '<p class="note">'
        + _words(_("Type the new code shown on the projector (or scan its QR code)."))
        + "</p>"
        + _code_form("join")
    )


def _document(title: str, body: str, nonce: str, head: str = "", script: bool = False) -> str:
    code = f'<script nonce="{nonce}">{_script()}</script>' if script else ""
    return (
        f'<!doctype html><html lang="{language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title>{head}"
        f'<style nonce="{nonce}">{_STYLE}</style></head><body>'
        f"<main>{body}</main>{code}"
        "</body></html>"
    )


def student_page(live: str, csrf: str, nonce: str) -> str:
    """The page of a device that has joined: the live fragment, kept up to date by its script."""
    body = (
        f'<div id="main" aria-live="polite">{live}</div>'
        '<p id="status" class="status" role="status"></p>'
        '<p class="note">'
        + _words(_("No name is asked or kept: the projector shows only the counts."))
        + "</p>"
    )
    head = f'<meta name="csrf" content="{escape(csrf)}">'
    return _document(_("sahelsim: the class votes"), body, nonce, head=head, script=True)


def join_page(nonce: str, problem: str | None = None, *, teams: bool = False) -> str:
    """The page that asks for the join code shown on the projector (in a game of several
    ``teams``, the code of the student's own team)."""
    said = f'<p class="status" role="alert">{escape(problem)}</p>' if problem else ""
    ask = (
        _("Type your team's code, shown on the projector beside its name.")
        if teams
        else _("Type the code shown on the projector.")
    )
    heading = _words(_("Join the class's vote"))
    body = f'<h1>{heading}</h1><p class="note">{_words(ask)}</p>{said}{_code_form()}'
    return _document(_("sahelsim: join"), body, nonce)


def message_page(nonce: str, title: str, lines: Sequence[str]) -> str:
    """A page that only says something (the class is full, too many tries…)."""
    said = "".join(f'<p class="note">{escape(text)}</p>' for text in lines)
    page = _("sahelsim: {title}").format(title=title)
    return _document(page, f"<h1>{escape(title)}</h1>{said}", nonce)
