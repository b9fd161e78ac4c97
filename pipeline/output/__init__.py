"""Stage 5, outputs: the CSV and JSONL tables, the graph files, the HTML explorer and the PNG
overview, all rewritten atomically from the store; and the queries of ``newsgraph explore``
over the graph.
"""

from .graph import load_graph
from .writer import OUTPUTS, export_tables, parts_only, write_outputs

__all__ = ["OUTPUTS", "export_tables", "load_graph", "parts_only", "write_outputs"]
