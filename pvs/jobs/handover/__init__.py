"""The overdrachtsdocument for a pupil who goes to work or day activities instead of an mbo."""
