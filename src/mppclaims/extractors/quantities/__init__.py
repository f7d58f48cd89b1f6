"""Quantity expressions read from raw text: figures, values, units, qualifiers and links.

The text half of the numbers extractor. It needs no parse, so it is fast and can be tested
with plain strings. It reads every figure from the characters, not from how a tokenizer
split them ("1,323", "Twenty-seven", "$3.5bn", "USD25m", "512GB", "-2.6%", "1/4",
"two-thirds", "thousands"), reads what is written around it (sign, currency, unit, "more
than", "or more", "a year") and links neighbouring figures into ranges ("between 18 and 25
percent", "$12 to $15 billion": one claim), ratios ("eight of 10"), rates ("5 per 1,000")
and score-like pairs ("2-1"). What the text alone shows is no quantity (clock times, days of
a month, decades, phone numbers, codes, figures glued into names) is dropped here; what
needs the parse (years, names, the pronoun "one", long digit runs) is left to `numbers.py`.
Every word list comes from `lexicons/`.

Modules: `words` (spelled numbers), `lexicon` (the record and the patterns of the words
around a figure), `figures` (the bare figure), `money` (currencies), `units` (units and
rates), `reading` (one figure and its surroundings), `linking` (neighbouring figures).
"""

from .lexicon import Quantity, alternation
from .linking import find_quantities
from .words import words_value

__all__ = ["Quantity", "alternation", "find_quantities", "words_value"]
