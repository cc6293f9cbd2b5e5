"""The offline brain: retrieval over the tenant's knowledge plus a small dialogue.

It needs no network and is the default. It answers FAQ, hours and service-area
questions from the closest entry (BM25), quotes from the price bands through
the `quote` tool, offers free slots, confirms and books them, reschedules and
cancels. What it does not understand goes to the owner.
"""

from datetime import datetime, timedelta

from libs.tenants import Language
from services.concierge.brains.base import Reply, Turn
from services.concierge.domain import formatting, intents, screening
from services.concierge.domain.dialogue import DialogueState
from services.concierge.domain.knowledge_index import service_name
from services.concierge.domain.replies import choices, options, say
from services.concierge.tools import Toolbox


class OfflineBrain:
    name = "offline"
    reads_history = False

    async def reply(self, turn: Turn, tools: Toolbox) -> Reply:
        state = DialogueState.from_dict(turn.state.to_dict())
        text = await Dialogue(turn, tools, state).answer()
        return Reply(text, state)


class Dialogue:
    def __init__(self, turn: Turn, tools: Toolbox, state: DialogueState) -> None:
        self.turn = turn
        self.tools = tools
        self.state = state
        self.language: Language = turn.language
        self.reading = intents.read(turn.text)

    async def answer(self) -> str | None:
        """The reply, moving the dialogue on; None hands the thread over."""
        stage = self.state.stage
        reading = self.reading
        if stage == "confirming":
            if reading.yes:
                return await self._book()
            if reading.no:
                return await self._offer(again=True)
        if stage == "offering":
            if reading.choice is not None:
                return self._choose(reading.choice)
            if reading.no:
                return await self._offer(again=True)
        if reading.cancel:
            return await self._cancel()
        if reading.reschedule:
            return await self._offer()
        if stage == "quoted" and (reading.yes or reading.booking):
            return await self._offer()
        if stage == "asked_service":
            found = await self._after_service_question()
            if found is not None:
                return found
        place = self.tools.index.place_answer(self.turn.text, self.language)
        if place is not None:
            return place
        if reading.quote:
            return self._quote()
        if reading.booking:
            return await self._offer(
                service=self.tools.index.find_service(self.turn.text)
            )
        return self._general()

    def _general(self) -> str | None:
        reading = self.reading
        if reading.greeting:
            return say("greeting", self.language)
        if reading.thanks:
            return say("thanks", self.language)

        found = self.tools.search_knowledge(self.turn.text)["results"]
        if found:
            return found[0]["answer"]
        service = self.tools.index.find_service(self.turn.text)
        if service is not None:
            self.state.service = service.key
            return say("service_yes", self.language, service=self._name(service.key))
        if screening.looks_like_injection(self.turn.text):
            return say("scope", self.language)
        self.tools.hand_off("unsure")
        return None

    def _quote(self) -> str | None:
        # Known limit: a text naming two services is quoted for the closest one
        # only; the customer can ask for the other next. The Claude brain can
        # call the quote tool twice.
        service = self.tools.index.find_service(self.turn.text)
        if service is None:
            # "Is there a fee to come out?" is a FAQ, not a service's price.
            found = self.tools.search_knowledge(self.turn.text)["results"]
            if found:
                return found[0]["answer"]
        if service is None and self.state.service:
            service = self.tools.tenant.knowledge.service(self.state.service)
        if service is None:
            return self._ask_service("quote")
        result = self.tools.quote(service.key)
        self.state.reset()
        self.state.service = service.key
        if result["status"] == "ok":
            self.state.stage = "quoted"
            return say(
                "quote", self.language, service=result["service"], band=result["range"]
            )
        if result["status"] == "no_price":
            self.state.stage = "quoted"
            return say("no_price", self.language, service=result["service"])
        return say("owner_quote", self.language, service=self._name(service.key))

    def _ask_service(self, wants: str) -> str:
        names = self.tools.index.service_names(self.language)
        if not names:
            self.tools.hand_off("unsure")
            return None
        self.state.stage = "asked_service"
        self.state.wants = wants
        return say("which_service", self.language, services=", ".join(names))

    async def _after_service_question(self) -> str | None:
        service = self.tools.index.find_service(self.turn.text)
        if service is None:
            return None
        self.state.service = service.key
        if self.state.wants == "booking":
            return await self._offer(service=service)
        return self._quote()

    async def _offer(self, service=None, again: bool = False) -> str | None:
        if service is not None:
            self.state.service = service.key
        # "None of those": later days, so the customer is not offered the same
        # mornings again with a different hour.
        offered = self.state.offered() if again else []
        after = max(offered).astimezone(self.tools.zone).date() if offered else None
        later = after + timedelta(days=1) if after else self._named_day()
        result = await self.tools.find_slots(
            on_or_after=later,
            part_of_day=self.reading.part,
            count=3,
            excluding=offered,
        )
        slots = result["slots"]
        if not slots:
            self.tools.hand_off("unsure")
            return None
        self.state.stage = "offering"
        self.state.offers = [s["start"] for s in slots]
        self.state.pending = None
        labels = [s["label"] for s in slots]
        key = "offer_again" if again else "offer"
        listed = options(labels)
        return say(
            key,
            self.language,
            options=listed,
            choices=choices(len(labels), self.language),
        )

    def _named_day(self):
        """The next date that is the day the customer named, if they named one."""
        today = self.turn.now.astimezone(self.tools.zone).date()
        wanted = self.reading.day
        if wanted is None:
            return None
        if wanted == 7:
            return today + timedelta(days=1)
        return today + timedelta(days=(wanted - today.weekday()) % 7)

    def _choose(self, number: int) -> str:
        if not 1 <= number <= len(self.state.offers):
            return say("pick_one", self.language)
        self.state.pending = self.state.offers[number - 1]
        self.state.stage = "confirming"
        return say(
            "confirm",
            self.language,
            slot=self._label(self.state.pending),
            for_service=self._for_service(),
        )

    async def _book(self) -> str | None:
        start = datetime.fromisoformat(self.state.pending)
        result = await self.tools.book_slot(start, self.state.service)
        if not result["booked"]:
            offer = await self._offer(again=True)
            return say("taken", self.language, offer=offer) if offer else None
        moved = result["moved_from"] is not None
        self.state.booking_id = result["booking_id"]
        self.state.booking_start = self.state.pending
        self.state.reset()
        return say(
            "rebooked" if moved else "booked",
            self.language,
            slot=result["label"],
            for_service=self._for_service(),
        )

    async def _cancel(self) -> str | None:
        result = await self.tools.cancel_booking()
        if not result["cancelled"]:
            return self._general()
        self.state.booking_id = self.state.booking_start = None
        self.state.reset()
        return say("cancelled", self.language, slot=result["label"])

    def _label(self, start: str) -> str:
        moment = datetime.fromisoformat(start)
        return formatting.slot(moment, self.tools.zone, self.language)

    def _for_service(self) -> str:
        if not self.state.service:
            return ""
        return say("for_service", self.language, service=self._name(self.state.service))

    def _name(self, key: str) -> str:
        service = self.tools.tenant.knowledge.service(key)
        if service is None:
            return key
        return service_name(service, self.language).lower()
