"""The form fields Twilio posts to voice and messaging webhooks, by Twilio's names."""

from collections.abc import Sequence
from dataclasses import dataclass

API_VERSION = "2010-04-01"
ANSWERED_CALL_SECONDS = 95
VOICEMAIL_SECONDS = 14


@dataclass(frozen=True)
class CallLeg:
    """One leg of a call: the caller's (inbound) or the owner's (dialled)."""

    sid: str
    account_sid: str
    from_: str
    to: str
    parent_sid: str | None = None

    def child(self, sid: str, to: str) -> "CallLeg":
        """The leg a <Dial> opens; it shows the caller's number to the owner."""
        return CallLeg(sid, self.account_sid, self.from_, to, parent_sid=self.sid)

    def params(self, status: str) -> dict[str, str]:
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
            "CallSid": self.sid,
            "CallStatus": status,
            "Called": self.to,
            "Caller": self.from_,
            "Direction": "outbound-dial" if self.parent_sid else "inbound",
            "From": self.from_,
            "To": self.to,
        }
        if self.parent_sid:
            params["ParentCallSid"] = self.parent_sid
        return params


def dial_result_params(
    call: CallLeg, dialled_sid: str, status: str, bridged: bool
) -> dict[str, str]:
    """What Twilio posts to a <Dial> action when the dialled leg ends.

    A dialled phone that answers is "completed" whether or not the caller was
    put through to it: `DialBridged` tells the two apart.
    """
    answered = status == "completed"
    return {
        **call.params("in-progress" if answered else "ringing"),
        "DialCallStatus": status,
        "DialCallSid": dialled_sid,
        "DialCallDuration": str(ANSWERED_CALL_SECONDS if answered else 0),
        "DialBridged": "true" if bridged else "false",
    }


def voicemail_params(call: CallLeg, recording_sid: str) -> dict[str, str]:
    """What Twilio posts to a <Record> action once the caller hangs up."""
    return {
        **call.params("completed"),
        "Digits": "hangup",
        "RecordingDuration": str(VOICEMAIL_SECONDS),
        "RecordingSid": recording_sid,
        "RecordingUrl": (
            f"https://api.twilio.com/{API_VERSION}/Accounts/{call.account_sid}"
            f"/Recordings/{recording_sid}"
        ),
    }


def sms_params(
    sid: str,
    account_sid: str,
    customer: str,
    business_number: str,
    body: str,
    media: Sequence[tuple[str, str]] = (),
    opt_out_type: str | None = None,
) -> dict[str, str]:
    """What Twilio posts to a number's messaging webhook for an incoming SMS or MMS."""
    params = {
        "AccountSid": account_sid,
        "ApiVersion": API_VERSION,
        "Body": body,
        "From": customer,
        "MessageSid": sid,
        "NumMedia": str(len(media)),
        "NumSegments": "1",
        "SmsMessageSid": sid,
        "SmsSid": sid,
        "SmsStatus": "received",
        "To": business_number,
    }
    for index, (url, content_type) in enumerate(media):
        params[f"MediaUrl{index}"] = url
        params[f"MediaContentType{index}"] = content_type
    if opt_out_type:
        params["OptOutType"] = opt_out_type
    return params
