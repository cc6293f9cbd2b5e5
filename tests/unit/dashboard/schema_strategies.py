"""Hypothesis strategies for the JSON Schema subset FastAPI's OpenAPI uses.

Values follow the schema (types, bounds, patterns, enums, formats) so requests
reach the handlers; `anything()` draws arbitrary JSON for the bodies that must
be refused cleanly.
"""

import string
from datetime import UTC, datetime

from hypothesis import strategies as st

MAX_ITEMS = 3
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=20)
# Strings the handlers care about, which random text almost never hits.
MEANINGFUL = st.sampled_from(
    [
        "+14165550123",
        "(416) 555-0142",
        "+14165550100",
        "{business}: sorry we missed you! Reply STOP to opt out.",
        "{business} : désolés! Répondez ARRET pour vous désabonner.",
        "https://acme.example",
        "America/Toronto",
        "Mars/Olympus_Mons",
        "office@acme.example",
    ]
)


def anything() -> st.SearchStrategy:
    return st.recursive(
        JSON_SCALARS | st.floats(allow_nan=False, allow_infinity=False),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=8,
    )


class SchemaStrategies:
    def __init__(self, components: dict) -> None:
        self._schemas = components.get("schemas", {})

    def of(self, schema: dict, depth: int = 0) -> st.SearchStrategy:
        if "$ref" in schema:
            return self.of(self._schemas[schema["$ref"].rsplit("/", 1)[-1]], depth)
        for combinator in ("anyOf", "oneOf"):
            if combinator in schema:
                return st.one_of([self.of(s, depth) for s in schema[combinator]])
        if "allOf" in schema:
            return self.of(schema["allOf"][0], depth)
        if "const" in schema:
            return st.just(schema["const"])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        kind = schema.get("type")
        if depth > 4 or kind is None:
            return JSON_SCALARS
        return getattr(self, f"_{kind}")(schema, depth)

    def _string(self, schema: dict, depth: int) -> st.SearchStrategy:
        if schema.get("format") == "time":
            return st.times().map(lambda t: t.isoformat())
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        low = schema.get("minLength", 0)
        high = schema.get("maxLength", max(low, 30))
        text = st.text(
            alphabet=st.characters(codec="utf-8")
            | st.sampled_from(string.digits + "+"),
            min_size=low,
            max_size=min(high, low + 40),
        )
        meaningful = MEANINGFUL.filter(lambda s: low <= len(s) <= high)
        return st.one_of(meaningful, text)

    def _integer(self, schema: dict, depth: int) -> st.SearchStrategy:
        return st.integers(schema.get("minimum"), schema.get("maximum"))

    def _number(self, schema: dict, depth: int) -> st.SearchStrategy:
        return st.floats(
            schema.get("minimum"),
            schema.get("maximum"),
            allow_nan=False,
            allow_infinity=False,
        )

    def _boolean(self, schema: dict, depth: int) -> st.SearchStrategy:
        return st.booleans()

    def _null(self, schema: dict, depth: int) -> st.SearchStrategy:
        return st.none()

    def _array(self, schema: dict, depth: int) -> st.SearchStrategy:
        low = schema.get("minItems", 0)
        return st.lists(
            self.of(schema.get("items", {}), depth + 1),
            min_size=low,
            max_size=min(schema.get("maxItems", MAX_ITEMS), low + MAX_ITEMS),
        )

    def _object(self, schema: dict, depth: int) -> st.SearchStrategy:
        properties = schema.get("properties", {})
        if not properties and isinstance(schema.get("additionalProperties"), dict):
            names = schema.get("propertyNames", {"type": "string", "maxLength": 8})
            return st.dictionaries(
                self.of(names, depth + 1),
                self.of(schema["additionalProperties"], depth + 1),
                max_size=MAX_ITEMS,
            )
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {n: self.of(s, depth + 1) for n, s in properties.items() if n in required},
            optional={
                n: self.of(s, depth + 1)
                for n, s in properties.items()
                if n not in required
            },
        )
