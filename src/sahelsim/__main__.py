"""``python -m sahelsim`` is the ``sahelsim`` command."""

from sahelsim.cli import main

if __name__ == "__main__":
    main()
