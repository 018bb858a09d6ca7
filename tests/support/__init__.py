"""Helpers shared by the tests and the benchmarks: build the handbook, serve it, open Chromium."""
