"""The intake office's overview of hundreds of returned passports."""
