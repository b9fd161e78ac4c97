"""newsgraph's data files (shipped in the package as ``pipeline.models``): NER rules, alias
and country tables, the event taxonomy. Edit them freely; each names its version."""
