"""The room on participants' own devices: a page served on the room's own network.

Every input a device sends becomes an ordinary edit through the app's services, so it
is saved at once, shown live and undoable like anything typed at the laptop. Nothing
here imports Qt: the window hands the work to its own thread through a dispatcher.
"""

# -- the port the room listens on unless told otherwise: one a phone's address can keep
DEFAULT_PORT = 8421
