"""Pre-filled passports for a whole school year, from the school administration's export."""
