"""The use cases of the compliance service, over the ports in `ports.py`."""
