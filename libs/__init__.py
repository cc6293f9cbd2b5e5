"""Shared contracts and helpers for every Ringback service."""
