"""Roles: setup_roles re-syncs the groups, assign_role gives a user one; the admin then behaves accordingly."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from articles import desk, roles
from tests.factories import UserFactory


@pytest.mark.django_db
def test_setup_roles_restores_group_permissions():
    group = Group.objects.get(name=roles.MODERATOR)
    group.permissions.clear()
    call_command("setup_roles", stdout=StringIO())
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == set(roles.MODERATOR_PERMISSIONS)


@pytest.mark.django_db
def test_assign_role_makes_a_reporter_then_a_moderator():
    user = UserFactory(username="nguyenvana", is_staff=False)
    call_command("assign_role", "nguyenvana", "reporter", stdout=StringIO())
    user = type(user).objects.get(pk=user.pk)
    assert user.is_staff and desk.is_reporter(user) and not desk.is_moderator(user)

    call_command("assign_role", "nguyenvana", "moderator", stdout=StringIO())
    user = type(user).objects.get(pk=user.pk)
    assert desk.is_moderator(user)

    call_command("assign_role", "nguyenvana", "moderator", "--remove", stdout=StringIO())
    user = type(user).objects.get(pk=user.pk)
    assert not desk.is_moderator(user)


@pytest.mark.django_db
def test_assign_role_refuses_unknown_users_and_roles():
    with pytest.raises(CommandError):
        call_command("assign_role", "khongco", "reporter")
    UserFactory(username="tranvanb")
    with pytest.raises(CommandError):
        call_command("assign_role", "tranvanb", "editor")


@pytest.mark.django_db
def test_groups_are_assignable_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.get(f"/admin/auth/user/{superuser.pk}/change/")
    assert roles.REPORTER in response.content.decode() and roles.MODERATOR in response.content.decode()
