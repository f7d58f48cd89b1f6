"""One module per kind of extraction; each is a function from a parsed Doc and its context."""
