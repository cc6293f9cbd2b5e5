"""The concierge's evaluation set: scripted conversations any brain is scored on."""
