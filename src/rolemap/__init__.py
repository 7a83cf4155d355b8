"""rolemap: a terminal career-path advisor for the AI era.

The library is usable without the command line::

    from rolemap.catalogue import load_catalogue
    from rolemap.engine.profile import parse_profile
    from rolemap.engine.report import assess

    catalogue = load_catalogue()
    profile = parse_profile({"background": "swe", "skills": {"python": 3}}, catalogue)
    report = assess(profile, catalogue)
"""

__version__ = "0.1.0"
