"""`python -m mppclaims` runs the command-line tool."""

from .cli import main

main()
