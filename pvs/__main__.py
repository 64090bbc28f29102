"""Allow `python -m pvs`."""

from pvs.cli import main

main()
