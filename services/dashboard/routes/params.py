"""Path and query parameters several routes share."""

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query

from libs.phones import InvalidNumber, to_e164

Limit = Annotated[int, Query(ge=1, le=500, description="How many, newest first.")]


def customer_number(
    customer: Annotated[str, Path(max_length=40, description="The customer's phone.")],
) -> str:
    try:
        return to_e164(customer)
    except InvalidNumber as error:
        raise HTTPException(422, f"not a valid phone number: {error}") from error


Customer = Annotated[str, Depends(customer_number)]
Reference = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:+-]{1,120}$")]
