"""The JSON Schema of the scenario format, for editors' YAML language servers."""

from __future__ import annotations

import json
from typing import Any

from sahelsim.scenario.model import FORMAT, Scenario

SCHEMA_ID = "https://sahelsim.invalid/schema/sahelsim-1.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``sahelsim/1``, generated from the declared model."""
    schema = Scenario.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"sahelsim scenario ({FORMAT})",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def json_schema_text() -> str:
    """The schema as stable, indented JSON text ending with a newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


TRANSLATION_SCHEMA_ID = "https://sahelsim.invalid/schema/sahelsim-translation-1.schema.json"


def translation_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of translation files (``sahelsim-translation/1``),
    generated from their declared model."""
    from sahelsim.scenario.translation import TRANSLATION_FORMAT, TranslationFile

    schema = TranslationFile.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": TRANSLATION_SCHEMA_ID,
        "title": f"sahelsim translation ({TRANSLATION_FORMAT})",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def translation_json_schema_text() -> str:
    """The translation files' schema as stable, indented JSON text ending with a newline."""
    return json.dumps(translation_json_schema(), indent=2, ensure_ascii=False) + "\n"
