"""Scenarios the Python SDKs run against the emulator, as a second client beside the JS SDKs."""
import base64
import json
from datetime import datetime, timedelta, timezone

import pytest
from azure.communication.identity import CommunicationTokenScope, CommunicationUserIdentifier
from azure.communication.rooms import ParticipantRole, RoomParticipant
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError


def _instant(value):
    """A timestamp as the SDKs hand it out: a datetime, or the service's ISO 8601 text."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _participants(rooms, room_id):
    return {p.communication_identifier.raw_id: p.role for p in rooms.list_participants(room_id)}


def test_create_get_update_and_delete_a_room(rooms):
    valid_from = datetime.now(timezone.utc) + timedelta(hours=1)
    valid_until = valid_from + timedelta(days=2)

    room = rooms.create_room(valid_from=valid_from, valid_until=valid_until)
    assert _instant(room.valid_from) == valid_from
    assert _instant(room.valid_until) == valid_until
    assert room.pstn_dial_out_enabled is False

    fetched = rooms.get_room(room.id)
    assert fetched.id == room.id
    assert fetched.created_at == room.created_at

    later_until = valid_until + timedelta(days=1)
    updated = rooms.update_room(
        room_id=room.id, valid_from=valid_from, valid_until=later_until, pstn_dial_out_enabled=True
    )
    assert _instant(updated.valid_until) == later_until
    assert updated.pstn_dial_out_enabled is True

    rooms.delete_room(room.id)
    with pytest.raises(ResourceNotFoundError) as raised:
        rooms.get_room(room.id)
    assert raised.value.status_code == 404


def test_naive_datetimes_are_read_as_utc(rooms):
    valid_from = datetime.utcnow().replace(microsecond=123456) + timedelta(hours=1)
    room = rooms.create_room(valid_from=valid_from, valid_until=valid_from + timedelta(hours=2))

    assert _instant(room.valid_from) == valid_from.replace(tzinfo=timezone.utc)


def test_list_rooms_follows_next_links_through_every_page(rooms):
    created = [rooms.create_room().id for _ in range(7)]

    listed = [room.id for room in rooms.list_rooms()]

    assert set(created) <= set(listed)
    assert len(listed) == len(set(listed))


def test_participants_are_upserted_listed_and_removed(rooms, identity):
    first = identity.create_user()
    second = identity.create_user()
    room = rooms.create_room(
        participants=[RoomParticipant(communication_identifier=first, role=ParticipantRole.PRESENTER)]
    )

    rooms.add_or_update_participants(
        room_id=room.id,
        participants=[
            RoomParticipant(communication_identifier=first, role=ParticipantRole.CONSUMER),
            RoomParticipant(communication_identifier=second),
        ],
    )
    assert _participants(rooms, room.id) == {first.raw_id: "Consumer", second.raw_id: "Attendee"}

    rooms.remove_participants(room_id=room.id, participants=[first])
    assert _participants(rooms, room.id) == {second.raw_id: "Attendee"}


def test_participants_page_through_next_links(rooms, identity):
    users = [identity.create_user() for _ in range(8)]
    room = rooms.create_room(
        participants=[RoomParticipant(communication_identifier=user) for user in users]
    )

    assert list(_participants(rooms, room.id)) == [user.raw_id for user in users]


def test_time_rule_violations_surface_as_http_response_errors(rooms):
    now = datetime.now(timezone.utc)

    with pytest.raises(HttpResponseError) as raised:
        rooms.create_room(valid_from=now + timedelta(days=1), valid_until=now + timedelta(days=200))

    assert raised.value.status_code == 400
    assert raised.value.error.code == "BadRequest"
    assert raised.value.error.details[0].message == (
        "The time range is incorrect, or larger than 180 days."
    )


def test_malformed_and_unknown_room_ids(rooms):
    with pytest.raises(HttpResponseError) as malformed:
        rooms.get_room("123-invalidId")
    assert malformed.value.status_code == 400
    assert "Invalid room ID length." in malformed.value.message

    with pytest.raises(HttpResponseError) as unknown:
        rooms.delete_room("9999999999999999")
    assert unknown.value.status_code == 404


def test_identity_creates_users_and_tokens_and_deletes_users(identity):
    user, token = identity.create_user_and_token(
        scopes=[CommunicationTokenScope.CHAT], token_expires_in=timedelta(hours=1)
    )
    assert user.raw_id.startswith("8:acs:")
    assert user.raw_id.count("_") == 1
    claims = json.loads(base64.urlsafe_b64decode(token.token.split(".")[1] + "=="))
    assert claims["exp"] == int(_instant(token.expires_on).timestamp())

    fresh = identity.get_token(user, scopes=[CommunicationTokenScope.VOIP])
    assert _instant(fresh.expires_on) > _instant(token.expires_on)

    identity.revoke_tokens(user)
    identity.delete_user(user)
    with pytest.raises(HttpResponseError) as raised:
        identity.get_token(user, scopes=[CommunicationTokenScope.CHAT])
    assert raised.value.status_code == 404


def test_identity_rejects_a_user_of_another_resource(identity):
    stranger = CommunicationUserIdentifier("8:acs:00000000-0000-0000-0000-000000000001_abc")

    with pytest.raises(HttpResponseError) as raised:
        identity.get_token(stranger, scopes=[CommunicationTokenScope.CHAT])

    assert raised.value.status_code == 401
    assert raised.value.error.code == "IdentityNotOwned"


def test_identity_rejects_a_token_lifetime_out_of_range(identity):
    user = identity.create_user()

    with pytest.raises(HttpResponseError) as raised:
        identity.get_token(
            user, scopes=[CommunicationTokenScope.CHAT], token_expires_in=timedelta(minutes=30)
        )

    assert raised.value.status_code == 400
    assert raised.value.error.code == "ValidationError"
    assert raised.value.error.target == "ExpiresInMinutes"
