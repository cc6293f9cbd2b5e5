"""The compliance gate: consent, opt-outs, keywords, and the only SMS sender."""
