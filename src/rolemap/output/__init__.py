"""Renderers: JSON for machines (standard library only), terminal (rich) and Markdown for people."""
