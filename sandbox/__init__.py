"""A local stand-in for Twilio: its REST API (sandbox.twilio_api) and a phone
that sends Twilio's signed webhooks to ingress (sandbox.simulator, sandbox.phone).

Nothing here runs in production; it answers in Twilio's documented formats so the
official SDK and our webhook handlers cannot tell the difference.
"""
