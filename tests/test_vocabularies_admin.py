"""Council staff manage vocabularies and report questions in the admin, without code."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from schools.models import AccessibilityFeature, NeedArea, ReportQuestion


@pytest.fixture
def admin_client(db: None) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("c", "c@example.org", "pw"))
    return client


def snippet_url(model: type, action: str, *args: object) -> str:
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def test_vocabularies_are_seeded_from_the_domain_notes(db: None) -> None:
    asd = NeedArea.objects.get(code="ASD")
    assert asd.label == "Autism"
    assert asd.broad_area.label == "Communication and interaction"
    assert {"autistic", "ASC", "Asperger's"} <= set(asd.synonym_list)
    assert ReportQuestion.objects.statutory().count() == 20


def test_the_council_can_add_a_synonym_parents_use(admin_client: Client) -> None:
    asd = NeedArea.objects.get(code="ASD")
    response = admin_client.post(
        snippet_url(NeedArea, "edit", asd.pk),
        {
            "label": asd.label,
            "code": "ASD",
            "broad_area": asd.broad_area_id,
            "synonyms": asd.synonyms + ", neurodivergent",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert "neurodivergent" in NeedArea.objects.get(code="ASD").synonym_list


def test_a_need_code_must_be_a_census_style_code(admin_client: Client) -> None:
    response = admin_client.post(
        snippet_url(NeedArea, "add"), {"label": "Tourette's", "code": "tics", "synonyms": ""}
    )
    assert response.status_code == 200
    assert "capital letters" in response.content.decode()
    assert not NeedArea.objects.filter(label="Tourette's").exists()


def test_the_council_can_add_its_own_question(admin_client: Client) -> None:
    response = admin_client.post(
        snippet_url(ReportQuestion, "add"),
        {
            "heading": "Inclusion Quality Mark",
            "question": "Does the school hold the Inclusion Quality Mark?",
            "guidance": "Say when you were last assessed.",
            "key": "inclusion_quality_mark",
            "legal_reference": "",
            "sort_order": 100,
        },
    )
    assert response.status_code == 302
    question = ReportQuestion.objects.get(key="inclusion_quality_mark")
    assert not question.is_statutory


def test_statutory_questions_cannot_be_deleted(admin_client: Client) -> None:
    question = ReportQuestion.objects.get(key="complaints")
    response = admin_client.post(snippet_url(ReportQuestion, "delete", question.pk), follow=True)
    assert ReportQuestion.objects.filter(key="complaints").exists()
    assert "Statutory questions cannot be deleted" in response.content.decode()


def test_a_statutory_key_cannot_be_renamed(admin_client: Client) -> None:
    question = ReportQuestion.objects.get(key="complaints")
    response = admin_client.post(
        snippet_url(ReportQuestion, "edit", question.pk),
        {
            "heading": question.heading,
            "question": question.question,
            "guidance": question.guidance,
            "key": "grumbles",
            "legal_reference": question.legal_reference,
            "sort_order": question.sort_order,
        },
    )
    assert response.status_code == 200
    assert "fixed" in response.content.decode()
    assert ReportQuestion.objects.filter(key="complaints").exists()


def test_parents_words_are_added_to_a_councils_edited_vocabulary_once(db: None) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("schools.migrations.0009_parents_words")
    autism = NeedArea.objects.get(code="ASD")
    autism.synonyms = "autism; Neurodivergent\npda"
    autism.save()

    migration.add_parents_words(apps, None)
    migration.add_parents_words(apps, None)

    autism.refresh_from_db()
    assert autism.synonym_list == [
        "autism",
        "Neurodivergent",
        "pda",
        "pathological demand avoidance",
        "demand avoidance",
    ]
    step_free = AccessibilityFeature.objects.get(slug="step-free-access")
    assert step_free.synonym_list.count("wheelchair user") == 1


def test_more_parents_words_are_added_once_keeping_the_councils_own(db: None) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("schools.migrations.0013_more_parents_words")
    hearing = NeedArea.objects.get(code="HI")
    hearing.synonyms = "deaf; Hearing\nBSL"
    hearing.save()

    migration.add_more_parents_words(apps, None)
    migration.add_more_parents_words(apps, None)

    hearing.refresh_from_db()
    assert hearing.synonym_list == [
        "deaf",
        "Hearing",
        "BSL",
        "hearing impaired",
        "deafness",
        "partially deaf",
    ]
