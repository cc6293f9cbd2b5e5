"""Ingress: Twilio's webhooks in, TwiML out, normalised events to JetStream."""
