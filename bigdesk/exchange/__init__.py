"""Import and export: the sample workshop, registers and the deck. No Qt here."""
