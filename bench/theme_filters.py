"""MkDocs hook used by ``make bench``'s baseline only: the URL filters the tracker plugin gives
the theme's environment (tracker/theme/404.html uses them), so that plain MkDocs can build the
same theme without the plugin. It adds two dictionary entries and no measurable time."""

from __future__ import annotations

from tracker.urls import THEME_FILTERS


def on_env(env, config, files):
    env.filters.update(THEME_FILTERS)
    return env
