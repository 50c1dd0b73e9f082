"""Tests of the workshop file store."""
