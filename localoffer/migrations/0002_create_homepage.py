from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("localoffer.HomePage")

    # Replace Wagtail's placeholder "Welcome" page (wagtailcore.0002) with our home page.
    page_content_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_content_type, slug="home", depth=2).delete()

    homepage_content_type, __ = ContentType.objects.get_or_create(
        model="homepage", app_label="localoffer"
    )
    homepage = HomePage.objects.create(
        title="Special educational needs and disabilities (SEND) Local Offer",
        draft_title="Special educational needs and disabilities (SEND) Local Offer",
        slug="home",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=Locale.objects.order_by("pk").first(),
        intro=(
            "<p>Find out what schools in our area do for children and young people with "
            "special educational needs and disabilities (SEND), who to talk to, and where to "
            "get independent advice.</p>"
        ),
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True)


def remove_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("localoffer.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="localoffer").delete()


class Migration(migrations.Migration):
    dependencies = [("localoffer", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
