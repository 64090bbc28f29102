"""The ondersteuningsplan draft for the MBO supervisor, built from a passport and a catalogue."""
