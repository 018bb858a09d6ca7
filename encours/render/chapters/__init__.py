"""One module per handbook chapter: the values its template needs, computed in Python."""
