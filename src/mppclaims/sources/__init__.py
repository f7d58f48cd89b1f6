"""Who says what, for quotes and figures alike: quotation marks, names, cues, sources."""
