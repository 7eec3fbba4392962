"""Reflex states: what the page shows. The live turn lives apart from the finished history."""
