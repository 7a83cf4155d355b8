"""The advice engine for one person: a checked profile and the catalogue in, a report out.

``profile`` parses what a person gives; ``scoring`` ranks the roles; ``planning`` lays out the gaps in study
order with weeks and the apply-ready point; ``salary`` picks the bands; ``report`` puts them together
(``assess`` for one person, ``summary`` for a batch line or a cohort, one path to the plan for both);
``evidence`` and ``match`` read CVs and job ads. Pure: no terminal, no files, no network. This package
file imports nothing, so a command that needs only scoring does not load the rest.
"""
