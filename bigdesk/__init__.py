"""BIG Desk: run Business Integrated Governance workshops and write the First Steps deck."""

__version__ = "0.1.0"
APP_NAME = "BIG Desk"
ORGANISATION = "BIG Desk"
