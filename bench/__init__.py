"""Speed and size benchmarks: `make bench`, or `python -m bench.NAME` from the repository."""
