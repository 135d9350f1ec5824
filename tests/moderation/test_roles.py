"""Council groups, one editors' group per school, and what each role may and may not do."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry

from moderation.selectors import editor_group
from moderation.services import COUNCIL_ADMINISTRATORS, COUNCIL_MODERATORS, editor_group_name
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage

from .admin_forms import edit_url, form_fields, post_edit
from .conftest import logged_in, make_user


def test_the_council_groups_exist_after_migrate(db: None) -> None:
    moderators = Group.objects.get(name=COUNCIL_MODERATORS)
    administrators = Group.objects.get(name=COUNCIL_ADMINISTRATORS)
    assert moderators.permissions.filter(codename="change_reportquestion").exists()
    assert moderators.permissions.filter(codename="change_councilsettings").exists()
    assert not moderators.permissions.filter(codename="change_user").exists()
    assert administrators.permissions.filter(codename="change_user").exists()


def test_creating_a_school_creates_its_editors_group(school_a: SchoolPage) -> None:
    group = editor_group(school_a)
    assert group is not None
    assert group.name == "Editors: Ampleforth Primary School (URN 100001)"
    permissions = GroupPagePermission.objects.filter(group=group)
    # Edit (and so submit) their own page only; never publish.
    assert {(p.page_id, p.permission.codename) for p in permissions} == {
        (school_a.pk, "change_page")
    }
    assert not group.permissions.exclude(codename="access_admin").exists()


def test_a_school_published_like_the_import_does_gets_a_group(
    schools_index: SchoolIndexPage,
) -> None:
    page = SchoolPage(title="Imported School", slug="imported", urn="123456", phase="primary")
    schools_index.add_child(instance=page)
    page.save_revision().publish()
    assert editor_group(page).name == "Editors: Imported School (URN 123456)"


def test_a_school_created_in_the_admin_gets_a_group(
    schools_index: SchoolIndexPage,
) -> None:
    admin = make_user("council-admin", Group.objects.get(name=COUNCIL_ADMINISTRATORS))
    client = logged_in(admin)
    add_url = reverse("wagtailadmin_pages:add", args=("schools", "schoolpage", schools_index.pk))
    data = form_fields(client.get(add_url).content, "page-edit-form")
    data.update(title=["Cayton School"], slug=["cayton"], urn=["121555"], phase=["primary"])
    response = client.post(add_url, data)
    assert response.status_code == 302
    page = SchoolPage.objects.get(urn="121555")
    assert editor_group(page).name == "Editors: Cayton School (URN 121555)"


def test_renaming_a_school_renames_its_group_when_published(
    school_a: SchoolPage, moderator: AbstractBaseUser, editor_a: AbstractBaseUser
) -> None:
    group = editor_group(school_a)
    client = logged_in(moderator)

    post_edit(client, school_a, title="Ampleforth Church School")  # draft only
    group.refresh_from_db()
    assert group.name == "Editors: Ampleforth Primary School (URN 100001)"

    post_edit(client, school_a, "publish", title="Ampleforth Church School")
    group.refresh_from_db()
    assert group.name == "Editors: Ampleforth Church School (URN 100001)"
    assert editor_a.groups.filter(pk=group.pk).exists()  # nobody loses access


def test_group_names_fit_djangos_limit() -> None:
    name = editor_group_name("A" * 300, "123456")
    assert len(name) == 150
    assert name.endswith("… (URN 123456)")


def test_deleting_a_school_deletes_its_group(school_a: SchoolPage) -> None:
    group_pk = editor_group(school_a).pk
    school_a.delete()
    assert not Group.objects.filter(pk=group_pk).exists()


def test_an_editor_of_school_a_cannot_edit_school_b(
    school_a: SchoolPage,
    school_b: SchoolPage,
    editor_a: AbstractBaseUser,
) -> None:
    client = logged_in(editor_a)
    assert client.get(edit_url(school_a)).status_code == 200

    response = client.get(edit_url(school_b), follow=True)
    assert response.redirect_chain[0] == (reverse("wagtailadmin_home"), 302)
    assert "do not have permission" in " ".join(str(m) for m in response.context["messages"])

    response = client.post(edit_url(school_b), {"title": "Hijacked", "action-submit": "1"})
    assert response.status_code == 302
    school_b.refresh_from_db()
    assert school_b.draft_title == "Brompton Academy"
    assert school_b.get_latest_revision() is None


def test_an_editor_cannot_see_other_schools_drafts(
    schools_index: SchoolIndexPage,
    school_a: SchoolPage,
    school_b: SchoolPage,
    editor_a: AbstractBaseUser,
    editor_b: AbstractBaseUser,
) -> None:
    post_edit(logged_in(editor_b), school_b, "submit", title="Brompton secret draft")
    client = logged_in(editor_a)

    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert b"Ampleforth Primary School" in explorer.content
    assert b"Brompton" not in explorer.content
    assert client.get(reverse("wagtailadmin_explore", args=[schools_index.pk])).status_code == 302
    for view in ("view_draft", "history", "revisions_index"):
        response = client.get(reverse(f"wagtailadmin_pages:{view}", args=[school_b.pk]))
        assert response.status_code in (302, 403), view
        assert b"Brompton secret draft" not in response.content


def test_an_editor_cannot_publish(school_a: SchoolPage, editor_a: AbstractBaseUser) -> None:
    client = logged_in(editor_a)
    page = client.get(edit_url(school_a)).content
    assert b'name="action-submit"' in page
    assert b'name="action-publish"' not in page

    # Forcing the publish button into the request only saves a draft.
    post_edit(client, school_a, "publish", title="Published by an editor?")
    school_a.refresh_from_db()
    assert school_a.title == "Ampleforth Primary School"
    assert school_a.draft_title == "Published by an editor?"
    assert not PageLogEntry.objects.filter(page=school_a, action="wagtail.publish").exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_schools_needarea:add",
        "wagtailsnippets_schools_reportquestion:list",
        "wagtailsnippets_schools_outreachservice:list",
    ],
)
def test_editors_cannot_change_vocabularies_or_guidance_but_moderators_can(
    editor_a: AbstractBaseUser, moderator: AbstractBaseUser, url_name: str
) -> None:
    assert logged_in(editor_a).get(reverse(url_name)).status_code == 302
    assert logged_in(moderator).get(reverse(url_name)).status_code == 200


def test_moderators_can_edit_the_site_settings(moderator: AbstractBaseUser) -> None:
    url = reverse("wagtailsettings:edit", args=["council", "councilsettings"])
    response = logged_in(moderator).get(url, follow=True)
    assert response.status_code == 200
    assert b"SENDIASS" in response.content


def test_moderators_cannot_manage_users(moderator: AbstractBaseUser) -> None:
    assert logged_in(moderator).get(reverse("wagtailusers_users:index")).status_code == 302


def test_administrators_can_manage_users(db: None) -> None:
    admin = make_user("council-admin", Group.objects.get(name=COUNCIL_ADMINISTRATORS))
    assert logged_in(admin).get(reverse("wagtailusers_users:index")).status_code == 200


def test_school_pages_use_the_review_workflow(school_a: SchoolPage) -> None:
    workflow = school_a.get_workflow()
    assert workflow.name == "School report review"
    task = workflow.tasks.get().specific
    assert COUNCIL_MODERATORS in {group.name for group in task.groups.all()}


def test_no_mail_is_sent_just_by_creating_schools(schools_index: SchoolIndexPage) -> None:
    SchoolPageFactory(parent=schools_index, urn="100009")
    assert mail.outbox == []
