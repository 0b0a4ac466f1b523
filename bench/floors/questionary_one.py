"""Floor for the wizard: a script that asks one questionary question."""

from __future__ import annotations

import questionary

if __name__ == "__main__":
    questionary.text("What is your name?").unsafe_ask()
