#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main() -> None:
    # Local commands default to the development settings; production says
    # DJANGO_SETTINGS_MODULE=shortbreaks.settings.prod, in the environment or in the .env
    # file beside this one (which the settings read too, docs/deployment.md).
    import environ

    environ.Env.read_env(Path(__file__).resolve().parent / ".env", overwrite=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortbreaks.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
