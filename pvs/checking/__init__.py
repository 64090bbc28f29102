"""Checking a passport: stage profiles, date rules, Dutch messages, scores and reports."""
