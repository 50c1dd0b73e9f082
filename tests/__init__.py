"""Tests of BIG Desk."""
