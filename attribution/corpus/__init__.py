"""Readers for annotated corpora (PolNeAR's BRAT standoff, our gold JSONL)."""
