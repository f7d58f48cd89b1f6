"""Quantity expressions read from raw text: figures, values, units, qualifiers and links.

The text half of the numbers extractor. It needs no parse, so it is fast and can be tested
with plain strings. It finds every figure ("1,323", "Twenty-seven", "$3.5bn", "two-thirds",
"thousands"), reads what is written around it (currency, unit, "more than", "or more",
"a year") and links neighbouring figures into ranges ("between 18 and 25 percent"), ratios
("eight of 10"), rates ("5 per 1,000") and score-like pairs ("2-1"). What the text alone shows
is no quantity (clock times, days of a month, decades, phone numbers, codes, figures glued
into names) is dropped here; what needs the parse (years, names, the pronoun "one") is left
to `numbers.py`. Every word list comes from `lexicons/`.
"""

from .lexicon import Quantity, words_value
from .linking import find_quantities

__all__ = ["Quantity", "find_quantities", "words_value"]
